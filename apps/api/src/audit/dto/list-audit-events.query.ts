import { AUDIT_ACTION_FILTER_PATTERN, AUDIT_ENTITY_TYPES, AuditEntityType } from '@coopera/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/query-params';

export class ListAuditEventsQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Action, or its prefix ending with a dot (e.g. `auth.`).', example: 'auth.login.failed' })
  @IsOptional()
  @Matches(AUDIT_ACTION_FILTER_PATTERN, { message: 'must be an action such as auth.login.failed, or a prefix such as ente-gestore.' })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  comuneId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ENTITY_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: AuditEntityType;

  @ApiPropertyOptional({ format: 'uuid', description: 'One record: its whole history.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'From this instant (RFC 3339), inclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (RFC 3339), exclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class SearchAuditActorsQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or e-mail address (at least 2 characters).' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One account, e.g. to label a filter read from an address.' })
  @IsOptional()
  @IsUUID()
  id?: string;
}
