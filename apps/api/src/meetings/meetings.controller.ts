import { Meeting, MeetingDetail, Page } from '@coopera/domain';
import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import {
  CreateMeetingDto,
  ListMeetingsQueryDto,
  MeetingDetailDto,
  MeetingsPageDto,
  MeetingStepDto,
  ReplaceAgendaDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

/** Meetings as the secretariat prepares them and the invited Comuni read them. */
@ApiTags('meetings')
@Controller('v1/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MeetingsPageDto, description: 'A referent sees the convened meetings their Comune is invited to.' })
  @ApiProblems(400)
  list(@Query() query: ListMeetingsQueryDto, @CurrentUser() reader: AuthenticatedUser): Promise<Page<Meeting>> {
    return this.meetings.list(query, reader);
  }

  @Post()
  @RequirePermission('meetings:manage')
  @ApiCreatedResponse({ type: MeetingDetailDto, description: 'A draft.' })
  @ApiProblems(400)
  create(@Body() dto: CreateMeetingDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.create(dto, actor);
  }

  @Get(':id')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MeetingDetailDto, description: 'For a referent, only a convened meeting their Comune is invited to (else 404).' })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.get(id, reader);
  }

  @Patch(':id')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateMeetingDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.update(id, dto, actor);
  }

  @Put(':id/agenda')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 404, 409)
  replaceAgenda(@UuidParam('id') id: string, @Body() dto: ReplaceAgendaDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.replaceAgenda(id, dto, actor);
  }

  @Post(':id/convene')
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 404, 409)
  convene(@UuidParam('id') id: string, @Body() dto: MeetingStepDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.step(id, 'convene', dto, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto })
  @ApiProblems(400, 404, 409)
  cancel(@UuidParam('id') id: string, @Body() dto: MeetingStepDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.step(id, 'cancel', dto, actor);
  }
}
