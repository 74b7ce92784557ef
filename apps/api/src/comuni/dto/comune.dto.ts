import {
  COMUNE_KINDS,
  ComuneDetail,
  ComuneKind,
  ComuneSummary,
  DirectoryEntry,
  DirectoryPage,
  ENTE_ROLES,
  EnteRole,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  PostiByCategory,
  ITALIAN_PROVINCES,
  Province,
  ProvinceTotals,
} from '@coopera/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ProjectSummaryDto } from '../../projects/dto/project.dto';
import { ComuneProfileDto } from './comune-profile.dto';

export class ComuneDto implements ComuneSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: COMUNE_KINDS })
  kind: ComuneKind;

  @ApiProperty({ example: 'Canicattini Bagni' })
  name: string;

  @ApiProperty({ enum: ITALIAN_PROVINCES })
  province: Province;

  @ApiProperty({ type: String, nullable: true, example: '089005' })
  istatCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'B603' })
  codiceCatastale: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Resident population, 2011 census (Fonte: ISTAT).' })
  population: number | null;
}

class PostiByCategoryDto implements PostiByCategory {
  @ApiProperty()
  ORDINARI: number;

  @ApiProperty()
  MSNA: number;

  @ApiProperty()
  DM_DS: number;
}

export class DirectoryEntryDto extends ComuneDto implements DirectoryEntry {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES, nullable: true })
  membershipStatus: MembershipStatus | null;

  @ApiProperty({ description: 'Open projects whose titolare is this Comune.' })
  projectCount: number;

  @ApiProperty({ type: PostiByCategoryDto, description: 'Posti financed now (ampliamenti included), per category.' })
  posti: PostiByCategoryDto;

  @ApiProperty()
  postiTotal: number;
}

class ProvinceTotalsDto implements ProvinceTotals {
  @ApiProperty({ enum: ITALIAN_PROVINCES })
  province: Province;

  @ApiProperty()
  comuni: number;

  @ApiProperty({ description: 'Active members of the coordination.' })
  members: number;

  @ApiProperty()
  projects: number;

  @ApiProperty()
  posti: number;
}

export class DirectoryPageDto implements DirectoryPage {
  @ApiProperty({ type: [DirectoryEntryDto] })
  items: DirectoryEntryDto[];

  @ApiProperty({ description: 'Number of records matching the filters, over all pages.' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [ProvinceTotalsDto], description: 'Totals per province over every page of the filtered set.' })
  provinceTotals: ProvinceTotalsDto[];
}

class ComuneEnteGestoreDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  taxCode: string;

  @ApiProperty({ enum: ENTE_ROLES })
  role: EnteRole;
}

class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ComuneDetailDto extends DirectoryEntryDto implements ComuneDetail {
  @ApiProperty({ type: ComuneProfileDto })
  profile: ComuneProfileDto;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  membershipId: string | null;

  @ApiProperty({ type: [ProjectSummaryDto] })
  projects: ProjectSummaryDto[];

  @ApiProperty({ type: [ComuneEnteGestoreDto] })
  entiGestori: ComuneEnteGestoreDto[];

  @ApiProperty({ type: [NamedRefDto] })
  workingGroups: NamedRefDto[];

  @ApiProperty({ description: 'Whether the reader may edit the profile.' })
  editable: boolean;
}
