import {
  ComuneDetail,
  ComuneProfile,
  DirectoryEntry,
  DirectoryPage,
  EnteRole,
  hasPermission,
  MembershipStatus,
  PROJECT_CATEGORIES,
  ProvinceTotals,
} from '@coopera/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { diff } from '../audit/diff';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { StaleVersion } from '../common/problem';
import { Db } from '../database/db-context';
import { projectsOfComune } from '../projects/project-summary.query';
import { ComuneProfileRecord } from './comune-profile.entity';
import { DIRECTORY_COLUMNS, DIRECTORY_FROM, directoryFilter, directoryOrder, provinceTotalsQuery } from './directory.query';
import { UpdateComuneProfileDto } from './dto/comune-profile.dto';
import { ListComuniQueryDto } from './dto/list-comuni.query';

type DirectoryRow = Omit<DirectoryEntry, 'posti'> & Record<`posti_${(typeof PROJECT_CATEGORIES)[number]}`, number>;

const PROFILE_FIELDS = ['saiOffice', 'email', 'pec', 'phone', 'coordinationReferent', 'notes'] as const;

@Injectable()
export class ComuniService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListComuniQueryDto): Promise<DirectoryPage> {
    const { where, params } = directoryFilter(query);
    const limit = params.length + 1;
    // The page only: the totals by province count every filtered row, and so give the total
    // too (a window count here would make PostgreSQL carry every row to the sort).
    const rows = await this.db.query<DirectoryRow>(
      `SELECT ${DIRECTORY_COLUMNS}
       ${DIRECTORY_FROM} ${where} ${directoryOrder(query.sort)}
       LIMIT $${limit} OFFSET $${limit + 1}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const totals = provinceTotalsQuery(query);
    const provinceTotals = await this.db.finalQuery<ProvinceTotals>(totals.sql, totals.params);
    const total = provinceTotals.reduce((sum, p) => sum + p.comuni, 0);
    return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize, provinceTotals };
  }

  async get(id: string, reader: AuthenticatedUser): Promise<ComuneDetail> {
    const [row]: DirectoryRow[] = await this.db.manager.query(`SELECT ${DIRECTORY_COLUMNS} ${DIRECTORY_FROM} WHERE c.id = $1`, [id]);
    if (!row) throw new NotFoundException(`No Comune with id ${id}.`);
    const manager = this.db.manager;
    // One after the other: the request's transaction is a single connection.
    const profile = await manager.findOneBy(ComuneProfileRecord, { comuneId: id });
    const membership = await manager.query<{ id: string }[]>(`SELECT id FROM memberships WHERE comune_id = $1`, [id]);
    const projects = await projectsOfComune(manager, id);
    const entiGestori = await manager.query<{ id: string; name: string; taxCode: string; role: EnteRole }[]>(
        `SELECT DISTINCT ON (e.name, e.id) e.id, e.name, e.tax_code AS "taxCode", pe.role
         FROM project_enti_gestori pe
         JOIN projects p ON p.id = pe.project_id AND p.status <> 'CLOSED'
         JOIN enti_gestori e ON e.id = pe.ente_gestore_id
         WHERE pe.comune_id = $1
         ORDER BY e.name, e.id, pe.role`,
        [id],
      );
    // Row-level security shows a referent only the groups their own Comune sits in.
    const workingGroups = await manager.query<{ id: string; name: string }[]>(
        `SELECT g.id, g.name FROM working_groups g
         JOIN working_group_members wm ON wm.working_group_id = g.id AND wm.comune_id = $1
         ORDER BY g.name`,
        [id],
      );
    return {
      ...toEntry(row),
      profile: toProfile(profile, this.readsPrivate(reader, id)),
      membershipId: membership[0]?.id ?? null,
      projects,
      entiGestori,
      workingGroups,
      editable: this.mayEdit(reader, id),
    };
  }

  /** A versioned change: of two writers that saw the same version, exactly one wins. */
  async updateProfile(id: string, dto: UpdateComuneProfileDto, actor: AuthenticatedUser): Promise<ComuneDetail> {
    const current = await this.get(id, actor);
    if (!this.mayEdit(actor, id)) throw new ForbiddenException('Only the Comune’s own referents and the secretariat edit its profile.');
    const before = current.profile;
    const next = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, dto[f] !== undefined ? dto[f] : (before[f] ?? null)])) as Record<
      (typeof PROFILE_FIELDS)[number],
      string | null
    >;
    const manager = this.db.manager;
    let affected: number;
    if (dto.version === 0) {
      // First save: the row does not exist yet, and only one of two first writers creates it.
      const inserted: unknown[] = await manager.query(
        `INSERT INTO comune_profiles (comune_id, sai_office, email, pec, phone, coordination_referent, notes, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (comune_id) DO NOTHING RETURNING comune_id`,
        [id, next.saiOffice, next.email, next.pec, next.phone, next.coordinationReferent, next.notes],
      );
      affected = inserted.length;
    } else {
      const result = await manager
        .createQueryBuilder()
        .update(ComuneProfileRecord)
        .set({ ...next, version: () => 'version + 1' })
        .where('comune_id = :id AND version = :version', { id, version: dto.version })
        .execute();
      affected = result.affected ?? 0;
    }
    if (affected !== 1) {
      const latest = await manager.findOneBy(ComuneProfileRecord, { comuneId: id });
      throw new StaleVersion('The profile', latest?.version ?? 0);
    }
    await this.audit.record({
      action: 'comune.profile.update',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: id,
      entityType: 'comune',
      entityId: id,
      changes: diff(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, before[f] ?? null])), next),
    });
    return this.get(id, actor);
  }

  private mayEdit(user: AuthenticatedUser, comuneId: string): boolean {
    return hasPermission(user.role, 'comuni:update-any') || (hasPermission(user.role, 'comuni:update-own') && user.comuneId === comuneId);
  }

  private readsPrivate(user: AuthenticatedUser, comuneId: string): boolean {
    return hasPermission(user.role, 'network:read-private') || user.comuneId === comuneId;
  }
}

function toEntry(row: DirectoryRow): DirectoryEntry {
  // Spelled out, not built from PROJECT_CATEGORIES: 50 rows a page, and the type names every category.
  const posti: DirectoryEntry['posti'] = { ORDINARI: row.posti_ORDINARI, MSNA: row.posti_MSNA, DM_DS: row.posti_DM_DS };
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    province: row.province,
    istatCode: row.istatCode,
    codiceCatastale: row.codiceCatastale,
    population: row.population,
    membershipStatus: (row.membershipStatus as MembershipStatus | null) ?? null,
    projectCount: row.projectCount,
    posti,
    postiTotal: row.postiTotal,
  };
}

function toProfile(record: ComuneProfileRecord | null, withPrivate: boolean): ComuneProfile {
  const profile: ComuneProfile = {
    saiOffice: record?.saiOffice ?? null,
    email: record?.email ?? null,
    pec: record?.pec ?? null,
    phone: record?.phone ?? null,
    coordinationReferent: record?.coordinationReferent ?? null,
    version: record?.version ?? 0,
    updatedAt: record?.updatedAt.toISOString() ?? null,
  };
  if (withPrivate) profile.notes = record?.notes ?? null;
  return profile;
}
