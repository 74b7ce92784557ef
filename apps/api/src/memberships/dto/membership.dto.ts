import {
  ListMembershipsQuery,
  MEMBERSHIP_LIMITS,
  MEMBERSHIP_SORTS,
  MEMBERSHIP_STATUSES,
  MembershipDecisionRequest,
  MembershipDetail,
  MembershipEvent,
  MembershipSortField,
  MembershipStatus,
  ITALIAN_PROVINCES,
  Province,
  RequestMembershipRequest,
  ROLES,
  Role,
  SortParam,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { trim, trimToNull } from '../../common/dto-helpers';
import { PageQuery } from '../../common/query-params';
import { PageDtoOf } from '../../common/page.dto';

export class MembershipDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  comuneId: string;

  @ApiProperty()
  comuneName: string;

  @ApiProperty({ enum: ITALIAN_PROVINCES })
  province: Province;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status: MembershipStatus;

  @ApiProperty()
  referentName: string;

  @ApiProperty({ type: String, nullable: true })
  referentRole: string | null;

  @ApiProperty({ type: String, nullable: true })
  referentEmail: string | null;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  version: number;
}

class MembershipEventDto implements MembershipEvent {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES, nullable: true })
  fromStatus: MembershipStatus | null;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  toStatus: MembershipStatus;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName: string | null;

  @ApiProperty({ enum: ROLES, nullable: true })
  actorRole: Role | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
}

export class MembershipDetailDto extends MembershipDto implements MembershipDetail {
  @ApiProperty({ type: [MembershipEventDto], description: 'Oldest first.' })
  history: MembershipEventDto[];
}

export class MembershipsPageDto extends PageDtoOf(MembershipDto) {}

export class RequestMembershipDto implements RequestMembershipRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  comuneId: string;

  @ApiProperty({ description: 'The person the Comune designates for the coordination.', maxLength: MEMBERSHIP_LIMITS.referentName })
  @trim()
  @IsString()
  @MinLength(MEMBERSHIP_LIMITS.referentNameMin)
  @MaxLength(MEMBERSHIP_LIMITS.referentName)
  referentName: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MEMBERSHIP_LIMITS.referentRole, example: 'Responsabile Servizi sociali' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEMBERSHIP_LIMITS.referentRole)
  referentRole?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email' })
  @IsOptional()
  @trimToNull()
  @IsEmail()
  @MaxLength(MEMBERSHIP_LIMITS.referentEmail)
  referentEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MEMBERSHIP_LIMITS.note, description: 'Kept in the history as the reason of the request.' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEMBERSHIP_LIMITS.note)
  note?: string | null;
}

export class MembershipDecisionDto implements MembershipDecisionRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MEMBERSHIP_LIMITS.reason, description: 'Required to reject, suspend or withdraw.' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(MEMBERSHIP_LIMITS.reason)
  reason?: string | null;
}

export class ListMembershipsQueryDto extends PageQuery implements ListMembershipsQuery {
  @ApiPropertyOptional({ enum: MEMBERSHIP_SORTS, default: '-updatedAt' })
  @IsOptional()
  @IsIn(MEMBERSHIP_SORTS)
  sort: SortParam<MembershipSortField> = '-updatedAt';

  @ApiPropertyOptional({ description: 'Text searched in the Comune’s name.', maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  comuneId?: string;

  /** Any Italian sigla (the national network); typed as the domain's query, whose type names Sicily's nine. */
  @ApiPropertyOptional({ enum: ITALIAN_PROVINCES })
  @IsOptional()
  @IsIn(ITALIAN_PROVINCES)
  province?: Province;
}
