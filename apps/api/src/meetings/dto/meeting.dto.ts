import {
  AGENDA_ITEM_KINDS,
  AgendaItem,
  AgendaItemInput,
  AgendaItemKind,
  CreateMeetingRequest,
  ListMeetingsQuery,
  Meeting,
  MEETING_LIMITS,
  MEETING_MODES,
  MEETING_SORTS,
  MEETING_STATUSES,
  MeetingDetail,
  MeetingMinutes,
  MeetingMode,
  MINUTES_MAX_LENGTH,
  MeetingSortField,
  MeetingStatus,
  MeetingStepRequest,
  ReplaceAgendaRequest,
  SaveMinutesRequest,
  SortParam,
  Speaker,
  UpdateMeetingRequest,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsDateTime } from '../../common/calendar-date.validator';
import { trim, trimToNull, IsVersion, NOT_NULL, EachObject } from '../../common/dto-helpers';
import { PageDtoOf } from '../../common/page.dto';
import { PageQuery } from '../../common/query-params';
import { InvitationCountsDto, InvitationDto } from './invitation.dto';

export class SpeakerDto implements Speaker {
  @ApiProperty({ example: 'Mario Emanuele Alvano', maxLength: MEETING_LIMITS.speakerTextMaxLength })
  @trim()
  @IsString()
  @MinLength(2)
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength)
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Segretario generale' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength)
  role: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'ANCI Sicilia' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength)
  organisation: string | null;
}

export class AgendaItemDto implements AgendaItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  kind: AgendaItemKind;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ type: Number, nullable: true })
  durationMinutes: number | null;

  @ApiProperty({ type: [SpeakerDto] })
  speakers: SpeakerDto[];
}

export class MeetingDto implements Meeting {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ enum: MEETING_MODES })
  mode: MeetingMode;

  @ApiProperty({ type: String, nullable: true })
  place: string | null;

  @ApiProperty({ type: String, nullable: true })
  onlineUrl: string | null;

  @ApiProperty({ type: Number, nullable: true })
  seatLimit: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  workingGroupId: string | null;

  @ApiProperty({ type: String, nullable: true })
  workingGroupName: string | null;

  @ApiProperty({ enum: MEETING_STATUSES })
  status: MeetingStatus;

  @ApiProperty({ type: String, nullable: true })
  cancelledReason: string | null;

  @ApiProperty()
  agendaItemCount: number;

  @ApiProperty()
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class MeetingDetailDto extends MeetingDto implements MeetingDetail {
  @ApiProperty({ type: [AgendaItemDto], description: 'In programme order.' })
  agenda: AgendaItemDto[];

  @ApiProperty({ type: InvitationCountsDto, nullable: true, description: 'For the network roles; null for a referent.' })
  invitationCounts: InvitationCountsDto | null;

  @ApiProperty({ type: InvitationDto, nullable: true, description: 'The reader’s own Comune’s invitation.' })
  myInvitation: InvitationDto | null;
}

export class MeetingsPageDto extends PageDtoOf(MeetingDto) {}

export class CreateMeetingDto implements CreateMeetingRequest {
  @ApiProperty({ maxLength: MEETING_LIMITS.titleMaxLength, example: 'Il ruolo dei Comuni nel SAI' })
  @trim()
  @IsString()
  @MinLength(MEETING_LIMITS.titleMinLength)
  @MaxLength(MEETING_LIMITS.titleMaxLength)
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MEETING_LIMITS.descriptionMaxLength })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.descriptionMaxLength)
  description?: string | null;

  @ApiProperty({ format: 'date-time', example: '2021-12-07T09:45:00+01:00' })
  @IsDateTime()
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2021-12-07T13:15:00+01:00' })
  @IsDateTime()
  endsAt: string;

  @ApiProperty({ enum: MEETING_MODES })
  @IsIn(MEETING_MODES)
  mode: MeetingMode;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required in person and hybrid.' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.placeMaxLength)
  place?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required online and hybrid.' })
  @IsOptional()
  @trimToNull()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(MEETING_LIMITS.urlMaxLength)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MEETING_LIMITS.seatLimitMax })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.seatLimitMax)
  seatLimit?: number | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A tavolo tecnico of this working group.' })
  @IsOptional()
  @IsUUID()
  workingGroupId?: string | null;
}

export class UpdateMeetingDto extends PartialType(CreateMeetingDto, NOT_NULL) implements UpdateMeetingRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;
}

export class AgendaItemInputDto implements AgendaItemInput {
  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind: AgendaItemKind;

  @ApiProperty({ maxLength: MEETING_LIMITS.itemTitleMaxLength, example: 'Registrazione dei partecipanti' })
  @trim()
  @IsString()
  @MinLength(2)
  @MaxLength(MEETING_LIMITS.itemTitleMaxLength)
  title: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  startsAt: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MEETING_LIMITS.itemDurationMaxMinutes })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MEETING_LIMITS.itemDurationMaxMinutes)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ type: [SpeakerDto], maxItems: MEETING_LIMITS.speakersMaxPerItem })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.speakersMaxPerItem)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => SpeakerDto)
  speakers?: SpeakerDto[];
}

export class ReplaceAgendaDto implements ReplaceAgendaRequest {
  @ApiProperty({ description: 'The meeting version the programme is based on.' })
  @IsVersion()
  version: number;

  @ApiProperty({ type: [AgendaItemInputDto], maxItems: MEETING_LIMITS.agendaMaxItems })
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.agendaMaxItems)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInputDto)
  items: AgendaItemInputDto[];
}

export class MeetingStepDto implements MeetingStepRequest {
  @ApiProperty()
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MEETING_LIMITS.reasonMaxLength, description: 'Required to cancel.' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.reasonMaxLength)
  reason?: string | null;
}

export class SaveMinutesDto implements SaveMinutesRequest {
  @ApiProperty()
  @IsVersion()
  version: number;

  @ApiProperty({ description: 'Markdown; raw HTML is shown as text.', maxLength: MINUTES_MAX_LENGTH })
  @IsString()
  @MaxLength(MINUTES_MAX_LENGTH)
  markdown: string;
}

export class MeetingMinutesDto implements MeetingMinutes {
  @ApiProperty()
  markdown: string;

  @ApiProperty({ description: 'Rendered from the Markdown with raw HTML escaped: safe to insert.' })
  html: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;

  @ApiProperty({ description: 'Invited Comuni recorded present.' })
  presentComuni: number;

  @ApiProperty({ description: 'Delegates recorded present.' })
  presentDelegates: number;
}

export class ListMeetingsQueryDto extends PageQuery implements ListMeetingsQuery {
  @ApiPropertyOptional({ enum: MEETING_SORTS, default: 'startsAt' })
  @IsOptional()
  @IsIn(MEETING_SORTS)
  sort: SortParam<MeetingSortField> = 'startsAt';

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings ending at or after this moment.' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting before this moment.' })
  @IsOptional()
  @IsDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  workingGroupId?: string;
}
