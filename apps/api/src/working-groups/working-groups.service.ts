import { AuditAction, Page, WorkingGroup, WorkingGroupDetail, WorkingGroupMember } from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/diff';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { conflictOnUnique } from '../common/db-errors';
import { StaleVersion, ValidationProblem } from '../common/problem';
import { containsPattern, foldedLike } from '../common/query-params';
import { Comune } from '../comuni/comune.entity';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { CreateWorkingGroupDto, ListWorkingGroupsQueryDto, UpdateWorkingGroupDto } from './dto/working-group.dto';
import { WorkingGroupMemberRecord, WorkingGroupRecord } from './working-group.entity';

const COLUMNS = `g.id, g.name, g.description, g.created_at AS "createdAt", g.version,
  (SELECT count(*)::int FROM working_group_members wm WHERE wm.working_group_id = g.id) AS "memberCount"`;

const NAME_TAKEN = { working_groups_name_key: 'A working group with this name already exists.' };

type GroupRow = Omit<WorkingGroup, 'createdAt'> & { createdAt: Date };

/** Row-level security decides which groups a reader sees: a referent only their Comune's. */
@Injectable()
export class WorkingGroupsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListWorkingGroupsQueryDto): Promise<Page<WorkingGroup>> {
    const params: LiteralValue[] = [];
    const where = query.q ? `WHERE ${foldedLike('g.name', `$${params.push(containsPattern(query.q))}`)}` : '';
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM working_groups g ${where}`, params);
    const rows = await this.db.finalQuery<GroupRow>(
      `SELECT ${COLUMNS} FROM working_groups g ${where} ORDER BY g.name, g.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toGroup), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<WorkingGroupDetail> {
    const [row]: GroupRow[] = await this.db.manager.query(`SELECT ${COLUMNS} FROM working_groups g WHERE g.id = $1`, [id]);
    if (!row) throw new NotFoundException(`No working group with id ${id}.`);
    const members: WorkingGroupMember[] = await this.db.manager.query(
      `SELECT c.id AS "comuneId", c.name AS "comuneName", c.province
       FROM working_group_members wm JOIN comuni c ON c.id = wm.comune_id
       WHERE wm.working_group_id = $1 ORDER BY c.name`,
      [id],
    );
    return { ...toGroup(row), members };
  }

  async create(dto: CreateWorkingGroupDto, actor: AuthenticatedUser): Promise<WorkingGroupDetail> {
    const members = dto.memberComuneIds ?? [];
    await this.checkMembers(members);
    const id = await conflictOnUnique(async () => {
      const result = await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(WorkingGroupRecord)
        .values({ name: dto.name, description: dto.description ?? null })
        .returning(['id'])
        .updateEntity(false)
        .execute();
      return String((result.raw as { id: string }[])[0]?.id);
    }, NAME_TAKEN);
    await this.writeMembers(id, members);
    await this.record('working-group.create', id, actor, diff({}, { name: dto.name, description: dto.description ?? null, members }));
    return this.get(id);
  }

  async update(id: string, dto: UpdateWorkingGroupDto, actor: AuthenticatedUser): Promise<WorkingGroupDetail> {
    const current = await this.get(id);
    if (dto.memberComuneIds) await this.checkMembers(dto.memberComuneIds);
    const before = { name: current.name, description: current.description, members: current.members.map((m) => m.comuneId).sort() };
    const next = {
      name: dto.name ?? current.name,
      description: dto.description !== undefined ? dto.description : current.description,
      members: dto.memberComuneIds ? [...dto.memberComuneIds].sort() : before.members,
    };
    const affected = await conflictOnUnique(async () => {
      const result = await this.db.manager
        .createQueryBuilder()
        .update(WorkingGroupRecord)
        .set({ name: next.name, description: next.description, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      return result.affected ?? 0;
    }, NAME_TAKEN);
    if (affected !== 1) {
      const latest = await this.db.manager.findOne(WorkingGroupRecord, { select: { version: true }, where: { id } });
      throw new StaleVersion(`Working group ${current.name}`, latest?.version ?? current.version);
    }
    if (dto.memberComuneIds) {
      await this.db.manager.delete(WorkingGroupMemberRecord, { workingGroupId: id });
      await this.writeMembers(id, dto.memberComuneIds);
    }
    await this.record('working-group.update', id, actor, diff(before, next));
    return this.get(id);
  }

  async remove(id: string, actor: AuthenticatedUser): Promise<void> {
    const current = await this.get(id);
    await this.db.manager.delete(WorkingGroupRecord, { id });
    await this.record('working-group.delete', id, actor, diff({ name: current.name }, { name: null }));
  }

  private async checkMembers(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const known = new Set((await this.db.manager.find(Comune, { select: { id: true }, where: { id: In(ids) } })).map((c) => c.id));
    const errors = ids.flatMap((cid, i) => (known.has(cid) ? [] : [{ name: `memberComuneIds.${i}`, reason: 'is not a Comune of the network' }]));
    if (errors.length) throw new ValidationProblem(errors);
  }

  private async writeMembers(workingGroupId: string, comuneIds: string[]): Promise<void> {
    if (comuneIds.length === 0) return;
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(WorkingGroupMemberRecord)
      .values(comuneIds.map((comuneId) => ({ workingGroupId, comuneId })))
      .updateEntity(false)
      .execute();
  }


  private record(action: AuditAction, id: string, actor: AuthenticatedUser, changes: ReturnType<typeof diff>): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, actorRole: actor.role, entityType: 'working-group', entityId: id, changes });
  }
}

function toGroup(row: GroupRow): WorkingGroup {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}
