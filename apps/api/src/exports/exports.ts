import { publishPeople } from '@coopera/domain';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { DIRECTORY_COLUMNS, DIRECTORY_FROM, directoryFilter, directoryOrder } from '../comuni/directory.query';
import { ListComuniQueryDto } from '../comuni/dto/list-comuni.query';
import { ListMembershipsQueryDto } from '../memberships/dto/membership.dto';
import { membershipsFilter } from '../memberships/memberships.service';
import { ListProjectsQueryDto } from '../projects/dto/list-projects.query';
import { PROJECT_SUMMARY_COLUMNS, projectsFilter } from '../projects/project-summary.query';
import { AttendanceExportQueryDto } from './dto/export.dto';
import { ExportColumn, TableExport } from './table-export';

// The exports of the screens: the same filters and order as the list each is started from, more
// columns. Headers are Italian, as the spreadsheets are read by Italian offices.

const KIND: Record<string, string> = { COMUNE: 'Comune', LIBERO_CONSORZIO: 'Libero Consorzio', CITTA_METROPOLITANA: 'Città metropolitana', UNIONE_DI_COMUNI: 'Unione di Comuni' };
const MEMBERSHIP: Record<string, string> = { REQUESTED: 'Richiesta', ACTIVE: 'Attiva', REJECTED: 'Respinta', SUSPENDED: 'Sospesa', WITHDRAWN: 'Ritirata' };
const PROJECT_STATUS: Record<string, string> = { ACTIVE: 'Attivo', PROSECUZIONE: 'In prosecuzione', CLOSED: 'Chiuso' };
const CATEGORY: Record<string, string> = { ORDINARI: 'Ordinari', MSNA: 'MSNA', DM_DS: 'DM-DS' };
const ANSWER: Record<string, string> = { PENDING: 'In attesa di risposta', ATTENDING: 'Partecipa', WAITING: 'In lista d’attesa', DECLINED: 'Non partecipa' };
const label = (labels: Record<string, string>, value: unknown) => (typeof value === 'string' ? (labels[value] ?? value) : null);
const today = () => new Date().toISOString().slice(0, 10);

type Row = Record<string, unknown>;
const text = (header: string, key: string, width = 24, labels?: Record<string, string>): ExportColumn<Row> => ({
  header,
  width,
  kind: 'text',
  value: (r) => (labels ? label(labels, r[key]) : ((r[key] as string | null) ?? null)),
});
const integer = (header: string, key: string, width = 12): ExportColumn<Row> => ({ header, width, kind: 'integer', value: (r) => Number(r[key] ?? 0) });
const date = (header: string, key: string): ExportColumn<Row> => ({ header, width: 12, kind: 'date', value: (r) => (r[key] as string | null) ?? null });
const datetime = (header: string, key: string): ExportColumn<Row> => ({ header, width: 17, kind: 'datetime', value: (r) => (r[key] ? new Date(r[key] as string) : null) });

export function directoryExport(query: ListComuniQueryDto): TableExport<Row> {
  const { where, params } = directoryFilter(query);
  return {
    fileName: `rete-dei-comuni-${today()}`,
    sheetName: 'Rete dei Comuni',
    columns: [
      text('Ente', 'name', 30),
      text('Tipo', 'kind', 18, KIND),
      text('Provincia', 'province', 10),
      text('Codice ISTAT', 'istatCode', 12),
      integer('Abitanti', 'population'),
      text('Adesione al coordinamento', 'membershipStatus', 16, MEMBERSHIP),
      integer('Progetti SAI aperti', 'projectCount'),
      integer('Posti ordinari', 'posti_ORDINARI'),
      integer('Posti MSNA', 'posti_MSNA'),
      integer('Posti DM-DS', 'posti_DM_DS'),
      integer('Posti totali', 'postiTotal'),
    ],
    sql: `SELECT ${DIRECTORY_COLUMNS} ${DIRECTORY_FROM} ${where} ${directoryOrder(query.sort)}`,
    countSql: `SELECT count(*)::int AS n ${DIRECTORY_FROM} ${where}`,
    params,
  };
}

export function projectsExport(query: ListProjectsQueryDto): TableExport<Row> {
  const { where, params, order } = projectsFilter(query);
  const from = `FROM projects p JOIN comuni c ON c.id = p.comune_id`;
  return {
    fileName: `progetti-sai-${today()}`,
    sheetName: 'Progetti SAI',
    columns: [
      text('Codice', 'code', 16),
      text('Titolo', 'title', 40),
      text('Titolare', 'titolareComuneName', 26),
      text('Provincia', 'province', 10),
      text('Categoria', 'category', 10, CATEGORY),
      text('Stato', 'status', 14, PROJECT_STATUS),
      integer('Posti', 'posti'),
      integer('Posti con ampliamenti', 'postiTotal'),
      date('Inizio', 'startDate'),
      date('Fine', 'endDate'),
      text('Servizi', 'services', 40),
      text('Enti gestori', 'enti', 40),
      text('Comuni associati', 'associated', 30),
    ],
    sql: `SELECT ${PROJECT_SUMMARY_COLUMNS}, array_to_string(p.services, ', ') AS services,
            (SELECT string_agg(e.name || ' (' || lower(pe.role::text) || ')', '; ' ORDER BY pe.role, e.name)
             FROM project_enti_gestori pe JOIN enti_gestori e ON e.id = pe.ente_gestore_id WHERE pe.project_id = p.id) AS enti,
            (SELECT string_agg(ac.name, ', ' ORDER BY ac.name)
             FROM project_associated_comuni a JOIN comuni ac ON ac.id = a.associated_comune_id WHERE a.project_id = p.id) AS associated
          ${from} ${where} ${order}`,
    countSql: `SELECT count(*)::int AS n ${from} ${where}`,
    params,
  };
}

/** One row per step of each membership's history, the memberships in the list's order. */
export function membershipsExport(query: ListMembershipsQueryDto, reader: AuthenticatedUser): TableExport<Row> {
  const { where, params, order } = membershipsFilter(query, reader);
  const from = `FROM memberships m JOIN comuni c ON c.id = m.comune_id JOIN membership_events e ON e.membership_id = m.id`;
  return {
    fileName: `adesioni-${today()}`,
    sheetName: 'Adesioni',
    columns: [
      text('Comune', 'comune', 28),
      text('Provincia', 'province', 10),
      text('Stato attuale', 'status', 14, MEMBERSHIP),
      text('Referente', 'referentName', 26),
      text('Ruolo del referente', 'referentRole', 26),
      datetime('Data del passaggio', 'occurredAt'),
      text('Da', 'fromStatus', 12, MEMBERSHIP),
      text('A', 'toStatus', 12, MEMBERSHIP),
      text('Motivo', 'reason', 40),
      text('Registrato da', 'actorName', 26),
    ],
    sql: `SELECT c.name AS comune, c.province, m.status, m.referent_name AS "referentName", m.referent_role AS "referentRole",
                 e.occurred_at AS "occurredAt", e.from_status AS "fromStatus", e.to_status AS "toStatus", e.reason, e.actor_name AS "actorName"
          ${from} ${where} ${order}, e.occurred_at, e.id`,
    countSql: `SELECT count(*)::int AS n ${from} ${where}`,
    params,
  };
}

/** Each invited Comune of each held meeting; counts of delegates under the small-cell rule. */
export function attendanceExport(query: AttendanceExportQueryDto): TableExport<Row> {
  const conditions = [`m.status IN ('HELD', 'MINUTES_PUBLISHED')`];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.meetingId) conditions.push(`m.id = ${param(query.meetingId)}`);
  if (query.province) conditions.push(`c.province = ${param(query.province)}`);
  if (query.from) conditions.push(`m.starts_at >= ${param(query.from)}::date`);
  if (query.to) conditions.push(`m.starts_at < ${param(query.to)}::date + 1`);
  const from = `FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id JOIN comuni c ON c.id = i.comune_id WHERE ${conditions.join(' AND ')}`;
  return {
    fileName: `presenze-incontri-${today()}`,
    sheetName: 'Presenze',
    columns: [
      text('Incontro', 'title', 40),
      datetime('Inizio', 'startsAt'),
      text('Comune', 'comune', 28),
      text('Provincia', 'province', 10),
      text('Risposta', 'answer', 20, ANSWER),
      { header: 'Presente', width: 10, kind: 'boolean', value: (r) => (r['present'] === null ? null : Boolean(r['present'])) },
      // A count of people published outside its Comune: 1–4 is "<5".
      { header: 'Delegati presenti', width: 12, kind: 'text', value: (r) => publishPeople(Number(r['delegates'] ?? 0), false) },
    ],
    sql: `SELECT m.title, m.starts_at AS "startsAt", c.name AS comune, c.province, i.status AS answer, i.present,
                 CASE WHEN i.present THEN jsonb_array_length(i.present_delegates) ELSE 0 END AS delegates
          ${from} ORDER BY m.starts_at, m.id, c.name, i.id`,
    countSql: `SELECT count(*)::int AS n ${from}`,
    params,
  };
}
