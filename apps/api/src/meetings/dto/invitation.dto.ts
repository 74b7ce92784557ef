import {
  AttendanceEntry,
  Delegate,
  Invitation,
  INVITATION_STATUSES,
  INVITATION_TARGETS,
  InvitationCounts,
  InvitationStatus,
  InvitationTarget,
  InviteRequest,
  InviteResponse,
  MAX_DELEGATES,
  MEETING_LIMITS,
  RSVP_ANSWERS,
  RsvpAnswer,
  RsvpRequest,
  RecordAttendanceRequest,
  WORKING_GROUP_MAX_MEMBERS,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { trim, trimToNull, IsVersion, EachObject } from '../../common/dto-helpers';
import { PageDtoOf } from '../../common/page.dto';

export class DelegateDto implements Delegate {
  @ApiProperty({ example: 'Andrea Baffo', maxLength: MEETING_LIMITS.speakerTextMaxLength })
  @trim()
  @IsString()
  @MinLength(2)
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength)
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'Coordinatore SAI DM-DS' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength)
  role: string | null;
}

export class InvitationDto implements Invitation {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  meetingId: string;

  @ApiProperty({ format: 'uuid' })
  comuneId: string;

  @ApiProperty()
  comuneName: string;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status: InvitationStatus;

  @ApiProperty({ type: [DelegateDto] })
  delegates: DelegateDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  answeredByName: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '1 for the first in line; null unless waiting.' })
  waitingPosition: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  promotedAt: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'The attendance register: null until recorded.' })
  present: boolean | null;

  @ApiProperty({ type: [String] })
  presentDelegates: string[];

  @ApiProperty()
  version: number;
}

export class InvitationsPageDto extends PageDtoOf(InvitationDto) {}

export class InvitationCountsDto implements InvitationCounts {
  @ApiProperty()
  invited: number;

  @ApiProperty()
  pending: number;

  @ApiProperty()
  attending: number;

  @ApiProperty()
  waiting: number;

  @ApiProperty()
  declined: number;
}

export class InviteDto implements InviteRequest {
  @ApiProperty({ enum: INVITATION_TARGETS })
  @IsIn(INVITATION_TARGETS)
  target: InvitationTarget;

  @ApiPropertyOptional({ format: 'uuid', description: 'For target WORKING_GROUP.' })
  @IsOptional()
  @IsUUID()
  workingGroupId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'For target COMUNI.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WORKING_GROUP_MAX_MEMBERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  comuneIds?: string[];
}

export class InviteResponseDto implements InviteResponse {
  @ApiProperty({ description: 'Comuni invited by this request.' })
  added: number;

  @ApiProperty({ description: 'Comuni of the target that were invited already.' })
  alreadyInvited: number;

  @ApiProperty({ type: InvitationCountsDto })
  counts: InvitationCountsDto;
}

export class RsvpDto implements RsvpRequest {
  @ApiProperty({ description: 'The invitation version the answer is based on.' })
  @IsVersion()
  version: number;

  @ApiProperty({ enum: RSVP_ANSWERS })
  @IsIn(RSVP_ANSWERS)
  answer: RsvpAnswer;

  @ApiPropertyOptional({ type: [DelegateDto], maxItems: MAX_DELEGATES, description: 'Who attends for the Comune.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DELEGATES)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => DelegateDto)
  delegates?: DelegateDto[];
}

export class AttendanceEntryDto implements AttendanceEntry {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  invitationId: string;

  @ApiProperty()
  @IsBoolean()
  present: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Names of the delegates present.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(MEETING_LIMITS.speakerTextMaxLength, { each: true })
  delegates?: string[];
}

export class RecordAttendanceDto implements RecordAttendanceRequest {
  @ApiProperty({ description: 'The meeting version the register is based on.' })
  @IsVersion()
  version: number;

  @ApiProperty({ type: [AttendanceEntryDto], maxItems: WORKING_GROUP_MAX_MEMBERS })
  @IsArray()
  @ArrayMaxSize(WORKING_GROUP_MAX_MEMBERS)
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}

