import {
  ListProjectsQuery,
  PROJECT_CATEGORIES,
  PROJECT_SORTS,
  PROJECT_STATUSES,
  ProjectCategory,
  ProjectSortField,
  ProjectStatus,
  ITALIAN_PROVINCES,
  Province,
  SortParam,
} from '@coopera/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { trim } from '../../common/dto-helpers';
import { PageQuery } from '../../common/query-params';

export class ListProjectsQueryDto extends PageQuery implements ListProjectsQuery {
  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort: SortParam<ProjectSortField> = 'code';

  @ApiPropertyOptional({ description: 'Text searched in the code, the title and the titolare’s name.', maxLength: 100 })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Projects whose titolare is this Comune.' })
  @IsOptional()
  @IsUUID()
  comuneId?: string;

  @ApiPropertyOptional({ enum: PROJECT_CATEGORIES })
  @IsOptional()
  @IsIn(PROJECT_CATEGORIES)
  category?: ProjectCategory;

  /** Any Italian sigla (the national network); typed as the domain's query, whose type names Sicily's nine. */
  @ApiPropertyOptional({ enum: ITALIAN_PROVINCES })
  @IsOptional()
  @IsIn(ITALIAN_PROVINCES)
  province?: Province;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enteGestoreId?: string;
}
