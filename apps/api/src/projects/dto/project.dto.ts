import {
  ENTE_ROLES,
  EnteRole,
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  ProjectCategory,
  ProjectDetail,
  ProjectEnteGestore,
  ProjectExpansion,
  ProjectExtension,
  ProjectStatus,
  ProjectSummary,
  ITALIAN_PROVINCES,
  Province,
  SAI_SERVICES,
  SaiService,
} from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';
import { PageDtoOf } from '../../common/page.dto';

export class ProjectSummaryDto implements ProjectSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PROG-123-PR-2' })
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: PROJECT_CATEGORIES })
  category: ProjectCategory;

  @ApiProperty({ enum: PROJECT_STATUSES })
  status: ProjectStatus;

  @ApiProperty({ format: 'uuid' })
  titolareComuneId: string;

  @ApiProperty()
  titolareComuneName: string;

  @ApiProperty({ enum: ITALIAN_PROVINCES })
  province: Province;

  @ApiProperty({ description: 'Posti financed at the start.' })
  posti: number;

  @ApiProperty({ description: 'Posti financed now, ampliamenti included.' })
  postiTotal: number;

  @ApiProperty({ format: 'date' })
  startDate: string;

  @ApiProperty({ format: 'date', description: 'End of the funding period, extensions included.' })
  endDate: string;
}

export class ProjectExpansionDto implements ProjectExpansion {
  @ApiProperty({ minimum: 1 })
  posti: number;

  @ApiProperty({ format: 'date' })
  effectiveFrom: string;

  @ApiProperty({ example: 'Decreto del Direttore centrale n. 123 del 10/03/2025' })
  actReference: string;
}

export class ProjectExtensionDto implements ProjectExtension {
  @ApiProperty({ format: 'date' })
  until: string;

  @ApiProperty()
  actReference: string;
}

class ProjectEnteGestoreDto implements ProjectEnteGestore {
  @ApiProperty({ format: 'uuid' })
  enteGestoreId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  taxCode: string;

  @ApiProperty({ enum: ENTE_ROLES })
  role: EnteRole;
}

class ComuneRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ProjectDetailDto extends ProjectSummaryDto implements ProjectDetail {
  @ApiProperty({ format: 'date' })
  originalEndDate: string;

  @ApiProperty({ type: [ComuneRefDto] })
  associatedComuni: ComuneRefDto[];

  @ApiProperty({ type: [ProjectExpansionDto] })
  expansions: ProjectExpansionDto[];

  @ApiProperty({ type: [ProjectExtensionDto] })
  extensions: ProjectExtensionDto[];

  @ApiProperty({ type: String, nullable: true })
  responsibleOfficer: string | null;

  @ApiProperty({ type: String, nullable: true })
  mailbox: string | null;

  @ApiProperty({ enum: SAI_SERVICES, isArray: true })
  services: SaiService[];

  @ApiProperty({ type: [ProjectEnteGestoreDto] })
  entiGestori: ProjectEnteGestoreDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  closedReason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send it back with a change; a stale one answers 409.' })
  version: number;
}

export class ProjectsPageDto extends PageDtoOf(ProjectSummaryDto) {}
