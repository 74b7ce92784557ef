import { CreateUserResponse, Page, UserSummary } from '@coopera/domain';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ListUsersQueryDto } from './dto/list-users.query';
import { CreateUserResponseDto, UserSummaryDto, UsersPageDto } from './dto/user-summary.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user-writes.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
@RequirePermission('users:manage')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UsersPageDto })
  @ApiProblems(400)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: CreateUserResponseDto, description: 'The account, and its one-time activation link.' })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthenticatedUser): Promise<CreateUserResponse> {
    return this.users.create(dto, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<UserSummary> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiProblems(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthenticatedUser): Promise<UserSummary> {
    return this.users.update(id, dto, actor);
  }
}
