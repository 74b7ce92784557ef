import {
  CLOSED_PROJECT_PROBLEM_TYPE,
  EnteRole,
  hasPermission,
  InvalidParam,
  Page,
  ProjectDetail,
  ProjectSummary,
} from '@coopera/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/diff';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { conflictOnUnique } from '../common/db-errors';
import { StaleVersion, TypedProblem, ValidationProblem } from '../common/problem';
import { Comune } from '../comuni/comune.entity';
import { Db } from '../database/db-context';
import { EntiGestoriService } from '../enti-gestori/enti-gestori.service';
import { CloseProjectDto, CreateProjectDto, ProjectEnteGestoreInputDto, UpdateProjectDto } from './dto/project-writes.dto';
import { ListProjectsQueryDto } from './dto/list-projects.query';
import { ASSOCIATED_COMUNI, deletePartsOf, ENTI_GESTORI, EXPANSIONS, EXTENSIONS, insertParts, PART_TABLES, PROJECT_UPDATE } from './project-writes.sql';
import { PROJECT_DETAIL_SQL, ProjectDetailRow, toProjectDetail } from './project-detail.query';
import { PROJECT_SUMMARY_COLUMNS, projectsFilter } from './project-summary.query';
import { ProjectRecord } from './project.entity';
import { checkProjectRules, effectiveEnd, ProjectState } from './project-rules';


/** Unique constraints (code, one open project per category) become 409s that say which. */
const PROJECT_CONFLICT = 'The project conflicts with another one.';
const CONSTRAINT_CONFLICTS: Record<string, string> = {
  projects_code_key: 'Another project already has this code.',
  projects_open_category_key: 'The titolare already has an open project of this category: close it first.',
};

@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly entiGestori: EntiGestoriService,
  ) {}

  /** The public summaries, for any signed-in reader (the directory shows them too). */
  async list(query: ListProjectsQueryDto): Promise<Page<ProjectSummary>> {
    const { where, params, order } = projectsFilter(query);
    const param = (value: unknown) => `$${params.push(value)}`;
    const rows: (ProjectSummary & { total: number })[] = await this.db.manager.query(
      `SELECT ${PROJECT_SUMMARY_COLUMNS}, count(*) OVER ()::int AS total
       FROM projects p JOIN comuni c ON c.id = p.comune_id ${where} ${order}
       LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && query.page > 1) {
      const [count] = await this.db.manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM projects p JOIN comuni c ON c.id = p.comune_id ${where}`,
        params.slice(0, -2),
      );
      total = count?.n ?? 0;
    }
    const items = rows.map((row) => {
      const summary: ProjectSummary & { total?: number } = { ...row };
      delete summary.total; // the window count rides on every row; it belongs to the page
      return summary;
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** The whole project, for its titolare, its associated Comuni and the network roles; 404 for the others. */
  async get(id: string, reader: AuthenticatedUser): Promise<ProjectDetail> {
    // The last statement of a project's page (GET); after a write, the project read again.
    const [row] = await this.db.finalQuery<ProjectDetailRow>(PROJECT_DETAIL_SQL, [id]);
    if (!row || !this.mayRead(reader, row.titolareComuneId, row.associatedComuni)) throw new NotFoundException(`No project with id ${id}.`);
    return toProjectDetail(row);
  }

  async create(dto: CreateProjectDto, actor: AuthenticatedUser): Promise<ProjectDetail> {
    if (!hasPermission(actor.role, 'projects:write-any') && dto.titolareComuneId !== actor.comuneId) {
      throw new ForbiddenException('A referent creates projects only for their own Comune.');
    }
    if (!(await this.db.manager.exists(Comune, { where: { id: dto.titolareComuneId } }))) {
      throw new ValidationProblem([{ name: 'titolareComuneId', reason: 'is not a Comune of the network' }]);
    }
    const state: ProjectState = {
      code: dto.code,
      title: dto.title,
      category: dto.category,
      status: dto.status ?? 'ACTIVE',
      posti: dto.posti,
      startDate: dto.startDate,
      endDate: dto.endDate,
      responsibleOfficer: dto.responsibleOfficer ?? null,
      mailbox: dto.mailbox ?? null,
      services: dto.services ?? [],
      expansions: dto.expansions ?? [],
      extensions: dto.extensions ?? [],
      associatedComuneIds: dto.associatedComuneIds ?? [],
    };
    await this.checkRules(dto.titolareComuneId, state, dto.entiGestori ?? []);
    const enti = await this.entiGestori.resolveForProject(dto.entiGestori ?? [], dto.titolareComuneId, actor);
    const id = await conflictOnUnique(async () => {
      const result = await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(ProjectRecord)
        .values({ ...columnsOf(state), comuneId: dto.titolareComuneId })
        .returning(['id'])
        .updateEntity(false)
        .execute();
      return String((result.raw as { id: string }[])[0]?.id);
    }, CONSTRAINT_CONFLICTS, PROJECT_CONFLICT);
    await this.writeParts(id, dto.titolareComuneId, state, enti);
    await this.audit.record({
      action: 'project.create',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: dto.titolareComuneId,
      entityType: 'project',
      entityId: id,
      changes: diff({}, auditView(state, enti)),
    });
    return this.get(id, actor);
  }

  /** A versioned change: `UPDATE … WHERE version = $n`, so of two writers from one version exactly one wins. */
  async update(id: string, dto: UpdateProjectDto, actor: AuthenticatedUser): Promise<ProjectDetail> {
    const current = await this.get(id, actor);
    this.assertMayWrite(actor, current.titolareComuneId);
    if (current.status === 'CLOSED') throw closedProblem(current.code);
    const before: ProjectState = {
      code: current.code,
      title: current.title,
      category: current.category,
      status: current.status,
      posti: current.posti,
      startDate: current.startDate,
      endDate: current.originalEndDate,
      responsibleOfficer: current.responsibleOfficer,
      mailbox: current.mailbox,
      services: current.services,
      expansions: current.expansions,
      extensions: current.extensions,
      associatedComuneIds: current.associatedComuni.map((c) => c.id),
    };
    const { version, entiGestori, ...changes } = dto;
    const next: ProjectState = { ...before };
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    await this.checkRules(current.titolareComuneId, next, entiGestori ?? []);
    const enti = entiGestori
      ? await this.entiGestori.resolveForProject(entiGestori, current.titolareComuneId, actor)
      : current.entiGestori.map((e) => ({ id: e.enteGestoreId, name: e.name, taxCode: e.taxCode, role: e.role }));
    const affected = await conflictOnUnique(async () => {
      const c = columnsOf(next);
      return this.db.execute(
        PROJECT_UPDATE,
        [c.code, c.title, c.category, c.status, c.posti, c.postiTotal, c.startDate, c.endDate, c.effectiveEndDate, c.responsibleOfficer, c.mailbox, c.services, id, version],
        true,
      );
    }, CONSTRAINT_CONFLICTS, PROJECT_CONFLICT);
    if (affected !== 1) throw new StaleVersion(`Project ${current.code}`, await this.versionOf(id));
    await this.writeParts(id, current.titolareComuneId, next, enti, true);
    const beforeEnti = current.entiGestori.map((e) => ({ id: e.enteGestoreId, name: e.name, taxCode: e.taxCode, role: e.role }));
    await this.audit.record({
      action: 'project.update',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: current.titolareComuneId,
      entityType: 'project',
      entityId: id,
      changes: diff(auditView(before, beforeEnti), auditView(next, enti)),
    });
    return this.get(id, actor);
  }

  async close(id: string, dto: CloseProjectDto, actor: AuthenticatedUser): Promise<ProjectDetail> {
    const current = await this.get(id, actor);
    this.assertMayWrite(actor, current.titolareComuneId);
    if (current.status === 'CLOSED') throw closedProblem(current.code);
    const result = await this.db.manager
      .createQueryBuilder()
      .update(ProjectRecord)
      .set({ status: 'CLOSED', closedAt: () => 'now()', closedReason: dto.reason, version: () => 'version + 1' })
      .where(`id = :id AND version = :version AND status <> 'CLOSED'`, { id, version: dto.version })
      .execute();
    if (result.affected !== 1) throw new StaleVersion(`Project ${current.code}`, await this.versionOf(id));
    await this.audit.record({
      action: 'project.close',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: current.titolareComuneId,
      entityType: 'project',
      entityId: id,
      changes: { status: { before: current.status, after: 'CLOSED' }, closedReason: { before: null, after: dto.reason } },
    });
    return this.get(id, actor);
  }

  /** The version now committed: what a refused writer must reload (newer than the one it read). */
  private async versionOf(id: string): Promise<number> {
    return (await this.db.manager.findOne(ProjectRecord, { select: { version: true }, where: { id } }))?.version ?? 0;
  }

  private mayRead(reader: AuthenticatedUser, titolareComuneId: string, associated: { id: string }[]): boolean {
    if (hasPermission(reader.role, 'network:read-private')) return true;
    return reader.comuneId !== null && (titolareComuneId === reader.comuneId || associated.some((a) => a.id === reader.comuneId));
  }

  /** Associated Comuni read a project; only its titolare's referents and the secretariat write it. */
  private assertMayWrite(actor: AuthenticatedUser, titolareComuneId: string): void {
    const allowed =
      hasPermission(actor.role, 'projects:write-any') || (hasPermission(actor.role, 'projects:write-own') && actor.comuneId === titolareComuneId);
    if (!allowed) throw new ForbiddenException('Only the titolare Comune’s referents and the secretariat change a project.');
  }

  private async checkRules(titolareComuneId: string, state: ProjectState, enti: ProjectEnteGestoreInputDto[]): Promise<void> {
    const errors: InvalidParam[] = checkProjectRules(titolareComuneId, state);
    const known = state.associatedComuneIds.length
      ? new Set((await this.db.manager.find(Comune, { select: { id: true }, where: { id: In(state.associatedComuneIds) } })).map((c) => c.id))
      : new Set<string>();
    state.associatedComuneIds.forEach((cid, i) => {
      if (!known.has(cid)) errors.push({ name: `associatedComuneIds.${i}`, reason: 'is not a Comune of the network' });
    });
    const seen = new Set<string>();
    enti.forEach((e, i) => {
      if (seen.has(e.taxCode)) errors.push({ name: `entiGestori.${i}.taxCode`, reason: 'is listed twice' });
      seen.add(e.taxCode);
    });
    if (errors.length) throw new ValidationProblem(errors);
  }

  /** Replaces the lists of a project with those of `state`. */
  private async writeParts(
    projectId: string,
    comuneId: string,
    state: ProjectState,
    enti: { id: string; role: EnteRole }[],
    replace = false,
  ): Promise<void> {
    if (replace) {
      for (const part of PART_TABLES) await this.db.execute(deletePartsOf(part), [projectId], true);
    }
    const insert = async (part: (typeof PART_TABLES)[number], rows: unknown[][]) => {
      if (rows.length) await this.db.execute(insertParts(part, rows.length), rows.flat());
    };
    await insert(ASSOCIATED_COMUNI, state.associatedComuneIds.map((associatedComuneId) => [projectId, associatedComuneId, comuneId]));
    await insert(EXPANSIONS, state.expansions.map((e, position) => [projectId, comuneId, position, e.posti, e.effectiveFrom, e.actReference]));
    await insert(EXTENSIONS, state.extensions.map((e, position) => [projectId, comuneId, position, e.until, e.actReference]));
    await insert(ENTI_GESTORI, enti.map((e) => [projectId, e.id, comuneId, e.role]));
  }
}

function columnsOf(state: ProjectState) {
  return {
    code: state.code,
    title: state.title,
    category: state.category,
    status: state.status,
    posti: state.posti,
    postiTotal: state.posti + state.expansions.reduce((sum, e) => sum + e.posti, 0),
    startDate: state.startDate,
    endDate: state.endDate,
    effectiveEndDate: effectiveEnd(state),
    responsibleOfficer: state.responsibleOfficer,
    mailbox: state.mailbox,
    services: state.services,
  };
}

function auditView(state: ProjectState, enti: { taxCode: string; role: EnteRole }[]): Record<string, unknown> {
  return { ...state, entiGestori: enti.map((e) => `${e.taxCode}:${e.role}`).sort() };
}

function closedProblem(code: string): TypedProblem {
  return new TypedProblem(409, CLOSED_PROJECT_PROBLEM_TYPE, 'Project closed', `Project ${code} is closed: it can no longer be changed.`);
}
