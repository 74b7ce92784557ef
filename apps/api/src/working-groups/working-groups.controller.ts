import { Page, WorkingGroup, WorkingGroupDetail } from '@coopera/domain';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import {
  CreateWorkingGroupDto,
  ListWorkingGroupsQueryDto,
  UpdateWorkingGroupDto,
  WorkingGroupDetailDto,
  WorkingGroupsPageDto,
} from './dto/working-group.dto';
import { WorkingGroupsService } from './working-groups.service';

@ApiTags('working-groups')
@Controller('v1/working-groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupsService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: WorkingGroupsPageDto, description: 'A referent sees the groups their Comune sits in.' })
  @ApiProblems(400)
  list(@Query() query: ListWorkingGroupsQueryDto): Promise<Page<WorkingGroup>> {
    return this.groups.list(query);
  }

  @Post()
  @RequirePermission('working-groups:manage')
  @ApiCreatedResponse({ type: WorkingGroupDetailDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateWorkingGroupDto, @CurrentUser() actor: AuthenticatedUser): Promise<WorkingGroupDetail> {
    return this.groups.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: WorkingGroupDetailDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<WorkingGroupDetail> {
    return this.groups.get(id);
  }

  @Patch(':id')
  @RequirePermission('working-groups:manage')
  @ApiOkResponse({ type: WorkingGroupDetailDto })
  @ApiProblems(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateWorkingGroupDto, @CurrentUser() actor: AuthenticatedUser): Promise<WorkingGroupDetail> {
    return this.groups.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('working-groups:manage')
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  remove(@UuidParam('id') id: string, @CurrentUser() actor: AuthenticatedUser): Promise<void> {
    return this.groups.remove(id, actor);
  }
}
