import {
  CreatePracticeRequest,
  ListPracticesQuery,
  Practice,
  PRACTICE_KINDS,
  PRACTICE_LIMITS,
  PRACTICE_SORTS,
  PRACTICE_TAG_PATTERN,
  PracticeKind,
  PracticeSort,
  PracticeSummary,
  PracticeTagCount,
  UpdatePracticeRequest,
} from '@coopera/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { trim, trimToNull, IsVersion, NOT_NULL } from '../../common/dto-helpers';
import { PageDtoOf } from '../../common/page.dto';
import { PageQuery } from '../../common/query-params';
import { StoredDocumentDto } from '../../meetings/dto/document.dto';

/** Tags compare as written by anyone: trimmed, lower case, single spaces, each once. */
export const normaliseTags = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase().replace(/\s+/g, ' ') : t)))]
      : // null means no tags, on a change as on creation (it reached the NOT NULL column: a 500)
        value === null
        ? []
        : value,
  );

export class PracticeDto implements Practice {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Tirocini formativi per titolari di protezione' })
  title: string;

  @ApiProperty()
  summary: string;

  @ApiProperty({ enum: PRACTICE_KINDS })
  kind: PracticeKind;

  @ApiProperty({ type: [String], example: ['lavoro', 'tirocini'] })
  tags: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The Comune that shares it; null: the coordination.' })
  comuneId: string | null;

  @ApiProperty({ type: String, nullable: true })
  comuneName: string | null;

  @ApiProperty({ type: String, nullable: true })
  link: string | null;

  @ApiProperty({ type: StoredDocumentDto, nullable: true })
  document: StoredDocumentDto | null;

  @ApiProperty({ type: String, nullable: true })
  authorName: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  version: number;
}

export class PracticeSummaryDto extends OmitType(PracticeDto, ['summary']) implements PracticeSummary {
  @ApiProperty({ description: 'The beginning of the summary.' })
  excerpt: string;

  @ApiProperty({ type: String, nullable: true, description: 'With a search: the matching passage, HTML-escaped, hits in <mark>.' })
  headline: string | null;
}

export class PracticesPageDto extends PageDtoOf(PracticeSummaryDto) {}

export class PracticeTagCountDto implements PracticeTagCount {
  @ApiProperty()
  tag: string;

  @ApiProperty()
  count: number;
}

export class ListPracticesQueryDto extends PageQuery implements ListPracticesQuery {
  @ApiPropertyOptional({ maxLength: PRACTICE_LIMITS.query, description: 'Words to find, in Italian: "tirocinio" finds "tirocini".' })
  @IsOptional()
  @trimToNull()
  @IsString()
  @MaxLength(PRACTICE_LIMITS.query)
  q?: string;

  @ApiPropertyOptional({ enum: PRACTICE_KINDS })
  @IsOptional()
  @IsIn(PRACTICE_KINDS)
  kind?: PracticeKind;

  @ApiPropertyOptional({ maxLength: PRACTICE_LIMITS.tag })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(PRACTICE_LIMITS.tag)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  comuneId?: string;

  @ApiPropertyOptional({ enum: PRACTICE_SORTS, description: 'Default: relevance with q, else newest first.' })
  @IsOptional()
  @IsIn(PRACTICE_SORTS)
  sort?: PracticeSort;
}

export class CreatePracticeDto implements CreatePracticeRequest {
  @ApiProperty({ minLength: PRACTICE_LIMITS.titleMin, maxLength: PRACTICE_LIMITS.title })
  @trim()
  @IsString()
  @MinLength(PRACTICE_LIMITS.titleMin)
  @MaxLength(PRACTICE_LIMITS.title)
  title: string;

  @ApiProperty({ minLength: PRACTICE_LIMITS.summaryMin, maxLength: PRACTICE_LIMITS.summary, description: 'No personal data of beneficiaries.' })
  @trim()
  @IsString()
  @MinLength(PRACTICE_LIMITS.summaryMin)
  @MaxLength(PRACTICE_LIMITS.summary)
  summary: string;

  @ApiProperty({ enum: PRACTICE_KINDS })
  @IsIn(PRACTICE_KINDS)
  kind: PracticeKind;

  @ApiPropertyOptional({ type: [String], maxItems: PRACTICE_LIMITS.tags })
  @IsOptional()
  @normaliseTags()
  @IsArray()
  @ArrayMaxSize(PRACTICE_LIMITS.tags)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(PRACTICE_LIMITS.tag, { each: true })
  @Matches(PRACTICE_TAG_PATTERN, { each: true, message: 'each tag must be letters, digits, spaces and dashes' })
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Secretariat only; a referent always shares for their Comune.' })
  @IsOptional()
  @IsUUID()
  comuneId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: PRACTICE_LIMITS.link })
  @IsOptional()
  @trimToNull()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(PRACTICE_LIMITS.link)
  link?: string | null;
}

export class UpdatePracticeDto extends PartialType(OmitType(CreatePracticeDto, ['comuneId']), NOT_NULL) implements UpdatePracticeRequest {
  @ApiProperty({ description: 'The version the change is based on.' })
  @IsVersion()
  version: number;
}
