import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/query-params';

export class ListAuditEventsQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Action, or its prefix ending with a dot (e.g. `auth.`).', example: 'auth.login.failed' })
  @IsOptional()
  @Matches(/^[a-z][a-z.]*$/, { message: 'must be an action such as auth.login.failed, or a prefix such as auth.' })
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

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'From this instant (RFC 3339), inclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (RFC 3339), exclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
