import { Meeting, MeetingDetail, MeetingMinutes, Page } from '@coopera/domain';
import { Body, ConflictException, Controller, Get, Header, HttpCode, Inject, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiProblems } from '../common/api-problem';
import { Idempotent } from '../common/idempotency.interceptor';
import { UuidParam } from '../common/uuid-param';
import {
  CreateMeetingDto,
  ListMeetingsQueryDto,
  MeetingDetailDto,
  MeetingMinutesDto,
  MeetingsPageDto,
  MeetingStepDto,
  ReplaceAgendaDto,
  SaveMinutesDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { meetingCalendar } from './calendar';
import { MeetingsService } from './meetings.service';

/** Meetings as the secretariat prepares them and the invited Comuni read them. */
@ApiTags('meetings')
@Controller('v1/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MeetingsPageDto, description: 'A referent sees the convened meetings their Comune is invited to.' })
  @ApiProblems(400)
  list(@Query() query: ListMeetingsQueryDto, @CurrentUser() reader: AuthenticatedUser): Promise<Page<Meeting>> {
    return this.meetings.list(query, reader);
  }

  @Post()
  @Idempotent()
  @RequirePermission('meetings:manage')
  @ApiCreatedResponse({ type: MeetingDetailDto, description: 'A draft.' })
  @ApiProblems(400, 409, 422)
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

  @Get(':id/calendar.ics')
  @RequirePermission('comuni:read')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="incontro-coopera.ics"')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The meeting as an iCalendar event (RFC 5545), once convened.', schema: { type: 'string' } })
  @ApiProblems(400, 404, 409)
  async calendar(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<string> {
    const meeting = await this.meetings.get(id, reader);
    if (meeting.status === 'DRAFT') throw new ConflictException('The meeting is a draft: it has no calendar event until it is convened.');
    return meetingCalendar(meeting, { publicUrl: this.config.publicUrl, now: new Date(), host: new URL(this.config.publicUrl).hostname });
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

  @Post(':id/hold')
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto, description: 'Once the meeting has started.' })
  @ApiProblems(400, 404, 409)
  hold(@UuidParam('id') id: string, @Body() dto: MeetingStepDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.step(id, 'hold', dto, actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingDetailDto, description: 'Publishes the minutes to the invited Comuni.' })
  @ApiProblems(400, 404, 409)
  publish(@UuidParam('id') id: string, @Body() dto: MeetingStepDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingDetail> {
    return this.meetings.step(id, 'publish', dto, actor);
  }

  @Get(':id/minutes')
  @RequirePermission('comuni:read')
  @ApiOkResponse({ type: MeetingMinutesDto, description: 'For the invited Comuni once published (else 404).' })
  @ApiProblems(400, 404)
  minutes(@UuidParam('id') id: string, @CurrentUser() reader: AuthenticatedUser): Promise<MeetingMinutes> {
    return this.meetings.minutes(id, reader);
  }

  @Put(':id/minutes')
  @RequirePermission('meetings:manage')
  @ApiOkResponse({ type: MeetingMinutesDto })
  @ApiProblems(400, 404, 409)
  saveMinutes(@UuidParam('id') id: string, @Body() dto: SaveMinutesDto, @CurrentUser() actor: AuthenticatedUser): Promise<MeetingMinutes> {
    return this.meetings.saveMinutes(id, dto, actor);
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
