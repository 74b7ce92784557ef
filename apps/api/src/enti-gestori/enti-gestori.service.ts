import { EnteGestore, EnteGestoreSortField, EnteRole, hasPermission, InvalidParam, normalizeTaxCode, Page } from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/diff';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { conflictOnUnique } from '../common/db-errors';
import { parseSort } from '../common/dto-helpers';
import { StaleVersion, ValidationProblem } from '../common/problem';
import { containsPattern, foldedLike } from '../common/query-params';
import { Comune } from '../comuni/comune.entity';
import { Db } from '../database/db-context';
import type { LiteralValue } from '../database/prepared';
import { ProjectEnteGestoreInputDto } from '../projects/dto/project-writes.dto';
import { CreateEnteGestoreDto, ListEntiGestoriQueryDto, UpdateEnteGestoreDto } from './dto/ente-gestore.dto';
import { EnteGestoreRecord } from './ente-gestore.entity';

const SORT_COLUMNS: Record<EnteGestoreSortField, string> = { name: 'e.name', taxCode: 'e.tax_code', projectCount: '"projectCount"' };

const COLUMNS = `
  e.id, e.name, e.tax_code AS "taxCode", e.legal_form AS "legalForm",
  e.seat_comune_id AS "seatComuneId", s.name AS "seatComuneName",
  e.email, e.pec, e.phone, e.website, e.proposed, e.version,
  (SELECT count(DISTINCT pe.project_id)::int FROM project_enti_gestori pe WHERE pe.ente_gestore_id = e.id) AS "projectCount"`;
const FROM = `FROM enti_gestori e LEFT JOIN comuni s ON s.id = e.seat_comune_id`;
const WRITABLE = ['name', 'taxCode', 'legalForm', 'seatComuneId', 'email', 'pec', 'phone', 'website'] as const;

/** An ente gestore linked to a project: resolved to the register's record. */
export interface LinkedEnte {
  id: string;
  name: string;
  taxCode: string;
  role: EnteRole;
}

@Injectable()
export class EntiGestoriService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListEntiGestoriQueryDto): Promise<Page<EnteGestore>> {
    const conditions: string[] = [];
    const params: LiteralValue[] = [];
    const param = (value: LiteralValue) => `$${params.push(value)}`;
    if (query.taxCode) conditions.push(`e.tax_code = ${param(normalizeTaxCode(query.taxCode))}`);
    if (query.proposed !== undefined) conditions.push(`e.proposed = ${param(query.proposed)}`);
    if (query.q) {
      const pattern = param(containsPattern(query.q));
      conditions.push(`(${foldedLike('e.name', pattern)} OR e.tax_code LIKE (SELECT upper(${pattern})))`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { field, direction } = parseSort(query.sort);
    const [count] = await this.db.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n ${FROM} ${where}`, params);
    const items = await this.db.finalQuery<EnteGestore>(
      `SELECT ${COLUMNS} ${FROM} ${where}
       ORDER BY ${SORT_COLUMNS[field]} ${direction}, e.name, e.id
       LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    return { items, total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<EnteGestore> {
    const [row]: EnteGestore[] = await this.db.manager.query(`SELECT ${COLUMNS} ${FROM} WHERE e.id = $1`, [id]);
    if (!row) throw new NotFoundException(`No ente gestore with id ${id}.`);
    return row;
  }

  async create(dto: CreateEnteGestoreDto, actor: AuthenticatedUser): Promise<EnteGestore> {
    await this.checkSeat(dto.seatComuneId);
    const id = await conflictOnUnique(async () => {
      const result = await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(EnteGestoreRecord)
        .values({ ...pickWritable(dto), proposed: false })
        .returning(['id'])
        .updateEntity(false)
        .execute();
      return String((result.raw as { id: string }[])[0]?.id);
    }, taxCodeTaken(dto.taxCode));
    await this.audit.record({
      action: 'ente-gestore.create',
      actorId: actor.id,
      actorRole: actor.role,
      entityType: 'ente-gestore',
      entityId: id,
      changes: diff({}, pickWritable(dto)),
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateEnteGestoreDto, actor: AuthenticatedUser): Promise<EnteGestore> {
    const current = await this.get(id);
    if (dto.seatComuneId !== undefined) await this.checkSeat(dto.seatComuneId);
    const before = pickWritable(current);
    const next = { ...before, ...pickWritable(dto) };
    const proposed = dto.proposed ?? current.proposed;
    const affected = await conflictOnUnique(async () => {
      const result = await this.db.manager
        .createQueryBuilder()
        .update(EnteGestoreRecord)
        .set({ ...next, proposed, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      return result.affected ?? 0;
    }, taxCodeTaken(next.taxCode));
    if (affected !== 1) {
      const latest = await this.db.manager.findOne(EnteGestoreRecord, { select: { version: true }, where: { id } });
      throw new StaleVersion(`Ente gestore ${current.name}`, latest?.version ?? current.version);
    }
    await this.audit.record({
      action: 'ente-gestore.update',
      actorId: actor.id,
      actorRole: actor.role,
      entityType: 'ente-gestore',
      entityId: id,
      changes: diff({ ...before, proposed: current.proposed }, { ...next, proposed }),
    });
    return this.get(id);
  }

  /**
   * The register's records for the enti gestori a project names by tax code. A tax code already
   * present links that record (never a duplicate); an unknown one is added, as a proposal of the
   * titolare Comune unless the secretariat adds it. Validation problems name `entiGestori.N.*`.
   */
  async resolveForProject(inputs: ProjectEnteGestoreInputDto[], titolareComuneId: string, actor: AuthenticatedUser): Promise<LinkedEnte[]> {
    if (inputs.length === 0) return [];
    const existing = await this.db.manager.find(EnteGestoreRecord, { where: { taxCode: In(inputs.map((i) => i.taxCode)) } });
    const byTaxCode = new Map(existing.map((e) => [e.taxCode, e]));
    const errors: InvalidParam[] = [];
    inputs.forEach((input, i) => {
      if (!byTaxCode.has(input.taxCode) && !input.name) {
        errors.push({ name: `entiGestori.${i}.name`, reason: 'is required for an ente gestore not yet in the register' });
      }
    });
    const seats = inputs.flatMap((input) => (input.seatComuneId ? [input.seatComuneId] : []));
    const knownSeats = new Set(seats.length ? (await this.db.manager.find(Comune, { select: { id: true }, where: { id: In(seats) } })).map((c) => c.id) : []);
    inputs.forEach((input, i) => {
      if (input.seatComuneId && !knownSeats.has(input.seatComuneId)) {
        errors.push({ name: `entiGestori.${i}.seatComuneId`, reason: 'is not a Comune of the network' });
      }
    });
    if (errors.length) throw new ValidationProblem(errors);

    const proposal = !hasPermission(actor.role, 'enti:manage');
    const linked: LinkedEnte[] = [];
    for (const input of inputs) {
      let record = byTaxCode.get(input.taxCode);
      if (!record) {
        // Another request may be adding the same tax code right now: the first one wins, both link it.
        await this.db.manager.query(
          `INSERT INTO enti_gestori (name, tax_code, legal_form, seat_comune_id, proposed, proposed_by_comune_id, version)
           VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (tax_code) DO NOTHING`,
          [input.name, input.taxCode, input.legalForm ?? 'ALTRO', input.seatComuneId ?? null, proposal, proposal ? titolareComuneId : null],
        );
        record = await this.db.manager.findOneByOrFail(EnteGestoreRecord, { taxCode: input.taxCode });
        await this.audit.record({
          action: proposal ? 'ente-gestore.propose' : 'ente-gestore.create',
          actorId: actor.id,
          actorRole: actor.role,
          comuneId: titolareComuneId,
          entityType: 'ente-gestore',
          entityId: record.id,
          changes: diff({}, { name: record.name, taxCode: record.taxCode, legalForm: record.legalForm }),
        });
      }
      linked.push({ id: record.id, name: record.name, taxCode: record.taxCode, role: input.role });
    }
    return linked;
  }

  private async checkSeat(seatComuneId: string | null | undefined): Promise<void> {
    if (seatComuneId && !(await this.db.manager.exists(Comune, { where: { id: seatComuneId } }))) {
      throw new ValidationProblem([{ name: 'seatComuneId', reason: 'is not a Comune of the network' }]);
    }
  }

}

function pickWritable(source: Partial<Record<(typeof WRITABLE)[number], unknown>>) {
  const picked: Record<string, unknown> = {};
  for (const key of WRITABLE) if (source[key] !== undefined) picked[key] = source[key];
  return picked as Pick<EnteGestore, (typeof WRITABLE)[number]>;
}

function taxCodeTaken(taxCode: string): Record<string, string> {
  return { enti_gestori_tax_code_key: `An ente gestore with tax code ${taxCode} is already in the register.` };
}
