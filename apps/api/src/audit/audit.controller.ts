import { AuditActor, AuditEventView, Page, ROLES } from '@coopera/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { Db } from '../database/db-context';
import { AuditEvent } from './audit-event.entity';
import { ListAuditEventsQueryDto, SearchAuditActorsQueryDto } from './dto/list-audit-events.query';
import { PageDtoOf } from '../common/page.dto';
import { containsPattern } from '../common/query-params';

class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) actorRole: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) comuneId: string | null;
  @ApiProperty({ type: String, nullable: true }) comuneName: string | null;
  @ApiProperty({ type: String, nullable: true }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Before/after of each changed field.' }) changes: object | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
}

class AuditEventsPageDto extends PageDtoOf(AuditEventDto) {}

class AuditActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, nullable: true }) comuneName: string | null;
}

/** How many accounts the "who" filter suggests at once. */
const ACTOR_SUGGESTIONS = 10;

interface Row {
  id: string;
  occurred_at: Date;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: AuditEventView['actorRole'];
  comune_id: string | null;
  comune_name: string | null;
  entity_type: string | null;
  entity_id: string | null;
  changes: AuditEventView['changes'];
  ip: string | null;
  detail: string | null;
}

/** The audit trail, newest first, for administrators and the secretariat (RLS agrees). */
@ApiTags('audit')
@Controller('v1/audit-events')
@RequirePermission('audit:read')
export class AuditController {
  constructor(private readonly db: Db) {}

  @Get()
  @ApiOkResponse({ type: AuditEventsPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListAuditEventsQueryDto): Promise<Page<AuditEventView>> {
    const qb = this.db.manager
      .createQueryBuilder(AuditEvent, 'e')
      .leftJoin('users', 'u', 'u.id = e.actor_id')
      .leftJoin('comuni', 'c', 'c.id = e.comune_id');
    if (query.action?.endsWith('.')) qb.andWhere('e.action LIKE :prefix', { prefix: `${query.action}%` });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.comuneId) qb.andWhere('e.comune_id = :comuneId', { comuneId: query.comuneId });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });

    const total = await qb.getCount();
    const rows = await qb
      .select([
        'e.id AS id', 'e.occurred_at AS occurred_at', 'e.action AS action', 'e.actor_id AS actor_id', 'u.email AS actor_email',
        'e.actor_role AS actor_role', 'e.comune_id AS comune_id', 'c.name AS comune_name', 'e.entity_type AS entity_type',
        'e.entity_id AS entity_id', 'e.changes AS changes', 'e.ip AS ip', 'e.detail AS detail',
      ])
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<Row>();
    return {
      items: rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at.toISOString(),
        action: r.action,
        actorId: r.actor_id,
        actorEmail: r.actor_email,
        actorRole: r.actor_role,
        comuneId: r.comune_id,
        comuneName: r.comune_name,
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: r.changes,
        ip: r.ip,
        detail: r.detail,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The accounts the "who" filter offers: any account, active or not, by name or e-mail. */
  @Get('actors')
  @ApiOkResponse({ type: [AuditActorDto] })
  @ApiProblems(400)
  async actors(@Query() query: SearchAuditActorsQueryDto): Promise<AuditActor[]> {
    const qb = this.db.manager
      .createQueryBuilder()
      .from('users', 'u')
      .leftJoin('comuni', 'c', 'c.id = u.comune_id')
      .select(['u.id AS id', 'u.email AS email', 'u.name AS name', 'u.role AS role', 'c.name AS "comuneName"']);
    if (query.id) qb.andWhere('u.id = :id', { id: query.id });
    if (query.search) {
      const pattern = containsPattern(query.search.trim());
      qb.andWhere(`(fold_text(u.name) LIKE fold_text(:pattern) OR lower(u.email) LIKE lower(:pattern))`, { pattern });
    }
    return qb.orderBy('u.name').addOrderBy('u.email').limit(ACTOR_SUGGESTIONS).getRawMany<AuditActor>();
  }
}
