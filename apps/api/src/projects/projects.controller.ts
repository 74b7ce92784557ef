import { Page, ProjectDetail, ProjectSummary } from '@coopera/domain';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ListProjectsQueryDto } from './dto/list-projects.query';
import { ProjectDetailDto, ProjectsPageDto } from './dto/project.dto';
import { CloseProjectDto, CreateProjectDto, UpdateProjectDto } from './dto/project-writes.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: ProjectsPageDto, description: 'Public summaries of the network’s projects.' })
  @ApiProblems(400)
  list(@Query() query: ListProjectsQueryDto): Promise<Page<ProjectSummary>> {
    return this.projects.list(query);
  }

  @Post()
  @RequirePermission('projects:write-any', 'projects:write-own')
  @ApiCreatedResponse({ type: ProjectDetailDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateProjectDto, @CurrentUser() actor: AuthenticatedUser): Promise<ProjectDetail> {
    return this.projects.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: ProjectDetailDto, description: 'For the titolare, associated Comuni and network roles; 404 for others.' })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<ProjectDetail> {
    return this.projects.get(id, reader);
  }

  @Patch(':id')
  @RequirePermission('projects:write-any', 'projects:write-own')
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiProblems(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateProjectDto, @CurrentUser() actor: AuthenticatedUser): Promise<ProjectDetail> {
    return this.projects.update(id, dto, actor);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('projects:write-any', 'projects:write-own')
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiProblems(400, 404, 409)
  close(@UuidParam('id') id: string, @Body() dto: CloseProjectDto, @CurrentUser() actor: AuthenticatedUser): Promise<ProjectDetail> {
    return this.projects.close(id, dto, actor);
  }
}
