import { Page } from '@coopera/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { ListUsersQueryDto } from './dto/list-users.query';
import { UserSummaryDto, UsersPageDto } from './dto/user-summary.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users:manage')
  @ApiOkResponse({ type: UsersPageDto })
  @ApiProblems(400)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserSummaryDto>> {
    return this.users.list(query);
  }
}
