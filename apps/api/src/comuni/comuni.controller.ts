import { ComuneDetail, DirectoryPage } from '@coopera/domain';
import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ComuniService } from './comuni.service';
import { UpdateComuneProfileDto } from './dto/comune-profile.dto';
import { ComuneDetailDto, DirectoryPageDto } from './dto/comune.dto';
import { ListComuniQueryDto } from './dto/list-comuni.query';

@ApiTags('comuni')
@Controller('v1/comuni')
export class ComuniController {
  constructor(private readonly comuni: ComuniService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: DirectoryPageDto, description: 'The network directory, one page of it, with province totals.' })
  @ApiProblems(400)
  list(@Query() query: ListComuniQueryDto): Promise<DirectoryPage> {
    return this.comuni.list(query);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: ComuneDetailDto, description: 'The Comune page: profile, membership, projects, enti gestori.' })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<ComuneDetail> {
    return this.comuni.get(id, reader);
  }

  @Patch(':id')
  @RequirePermission('comuni:update-any', 'comuni:update-own')
  @ApiOkResponse({ type: ComuneDetailDto })
  @ApiProblems(400, 404, 409)
  updateProfile(
    @UuidParam('id') id: string,
    @Body() dto: UpdateComuneProfileDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<ComuneDetail> {
    return this.comuni.updateProfile(id, dto, actor);
  }
}
