import {
  COMUNE_KINDS,
  COMUNE_SORTS,
  ComuneKind,
  ComuneSortField,
  ListComuniQuery,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  ITALIAN_PROVINCES,
  Province,
  SortParam,
} from '@coopera/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { toBoolean } from '../../common/dto-helpers';
import { PageQuery } from '../../common/query-params';

export class ListComuniQueryDto extends PageQuery implements ListComuniQuery {
  @ApiPropertyOptional({ enum: COMUNE_SORTS, default: 'name', description: 'Field to sort by; prefix with - for descending.' })
  @IsOptional()
  @IsIn(COMUNE_SORTS)
  sort: SortParam<ComuneSortField> = 'name';

  @ApiPropertyOptional({ description: 'Text searched in the name, ignoring case and accents.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;

  /** Any Italian sigla (the national network); typed as the domain's query, whose type names Sicily's nine. */
  @ApiPropertyOptional({ enum: ITALIAN_PROVINCES })
  @IsOptional()
  @IsIn(ITALIAN_PROVINCES)
  province?: Province;

  @ApiPropertyOptional({ enum: COMUNE_KINDS })
  @IsOptional()
  @IsIn(COMUNE_KINDS)
  kind?: ComuneKind;

  @ApiPropertyOptional({ enum: [...MEMBERSHIP_STATUSES, 'NONE'], description: 'Membership status; NONE for Comuni that never asked to join.' })
  @IsOptional()
  @IsIn([...MEMBERSHIP_STATUSES, 'NONE'])
  membership?: MembershipStatus | 'NONE';

  @ApiPropertyOptional({ type: Boolean, description: 'Only titolari of open SAI projects.' })
  @IsOptional()
  @toBoolean()
  @IsBoolean()
  withProjects?: boolean;
}
