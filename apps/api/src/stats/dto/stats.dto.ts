import {
  AttendanceByComune,
  DashboardStats,
  DashboardTotals,
  EnteServing,
  MEMBERSHIP_STATUSES,
  MembersAtMonth,
  MembersByProvince,
  MembershipStatus,
  NonMemberTitolare,
  PeopleCount,
  PROJECT_CATEGORIES,
  ProjectCategory,
  ProjectsByCategoryProvince,
  Province,
  ITALIAN_PROVINCES,
  StatsQuery,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.validator';

export class StatsQueryDto implements StatsQuery {
  /** Any Italian sigla (the national network); typed as the domain's query, whose type names Sicily's nine. */
  @ApiPropertyOptional({ enum: ITALIAN_PROVINCES })
  @IsOptional()
  @IsIn(ITALIAN_PROVINCES)
  province?: Province;

  @ApiPropertyOptional({ enum: PROJECT_CATEGORIES })
  @IsOptional()
  @IsIn(PROJECT_CATEGORIES)
  category?: ProjectCategory;

  @ApiPropertyOptional({ format: 'date', description: 'First day of the period (projects running, meetings held, the members’ curve).' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the period.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

class DashboardTotalsDto implements DashboardTotals {
  @ApiProperty() members: number;
  @ApiProperty() projects: number;
  @ApiProperty() posti: number;
  @ApiProperty() enti: number;
  @ApiProperty() meetingsHeld: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Present over invited (0–1).' }) attendanceRate: number | null;
}

class MembersByProvinceDto implements MembersByProvince {
  @ApiProperty({ enum: ITALIAN_PROVINCES }) province: Province;
  @ApiProperty() comuni: number;
  @ApiProperty() members: number;
}

class MembersAtMonthDto implements MembersAtMonth {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() members: number;
}

class ProjectsByCategoryProvinceDto implements ProjectsByCategoryProvince {
  @ApiProperty({ enum: PROJECT_CATEGORIES }) category: ProjectCategory;
  @ApiProperty({ enum: ITALIAN_PROVINCES }) province: Province;
  @ApiProperty() projects: number;
  @ApiProperty() posti: number;
}

class EnteServingDto implements EnteServing {
  @ApiProperty({ format: 'uuid' }) enteId: string;
  @ApiProperty() name: string;
  @ApiProperty() comuniServed: number;
  @ApiProperty() projects: number;
}

class AttendanceByComuneDto implements AttendanceByComune {
  @ApiProperty({ format: 'uuid' }) comuneId: string;
  @ApiProperty() comuneName: string;
  @ApiProperty({ enum: ITALIAN_PROVINCES }) province: Province;
  @ApiProperty() invited: number;
  @ApiProperty() present: number;
  @ApiProperty() rate: number;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['<5'] }], description: '1–4 is "<5" outside the Comune.' })
  delegatesPresent: PeopleCount;
}

class NonMemberTitolareDto implements NonMemberTitolare {
  @ApiProperty({ format: 'uuid' }) comuneId: string;
  @ApiProperty() comuneName: string;
  @ApiProperty({ enum: ITALIAN_PROVINCES }) province: Province;
  @ApiProperty() openProjects: number;
  @ApiProperty() posti: number;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES, nullable: true }) membership: MembershipStatus | null;
}

export class DashboardStatsDto implements DashboardStats {
  @ApiProperty({ type: DashboardTotalsDto }) totals: DashboardTotals;
  @ApiProperty({ type: [MembersByProvinceDto] }) membersByProvince: MembersByProvince[];
  @ApiProperty({ type: [MembersAtMonthDto] }) membersOverTime: MembersAtMonth[];
  @ApiProperty({ type: [ProjectsByCategoryProvinceDto] }) projectsByCategoryProvince: ProjectsByCategoryProvince[];
  @ApiProperty({ type: [EnteServingDto] }) entiByComuniServed: EnteServing[];
  @ApiProperty({ type: [AttendanceByComuneDto], description: 'A referent sees their own Comune’s row only.' }) attendanceByComune: AttendanceByComune[];
  @ApiProperty({ type: [NonMemberTitolareDto] }) nonMemberTitolari: NonMemberTitolare[];
}
