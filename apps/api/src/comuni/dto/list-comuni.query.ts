import { COMUNE_KINDS, COMUNE_SORTS, ComuneKind, ComuneSortField, ListComuniQuery, PROVINCES, Province, SortParam } from '@coopera/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
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

  @ApiPropertyOptional({ enum: PROVINCES })
  @IsOptional()
  @IsIn(PROVINCES)
  province?: Province;

  @ApiPropertyOptional({ enum: COMUNE_KINDS })
  @IsOptional()
  @IsIn(COMUNE_KINDS)
  kind?: ComuneKind;
}
