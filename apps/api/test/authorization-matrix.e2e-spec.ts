import { UserSummary } from '@coopera/domain';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { aMembership, aProject, aTaxCode, aUser, anEnte, aWorkingGroup, CANICATTINI, comuneId, PALERMO, signIn, TEST_PASSWORD, TestUser } from './factories';
import { startTestApp, TestApp } from './test-app';

/**
 * Every route × every caller: the four roles, a referent of the Comune the resource belongs to
 * (Palermo) and one of another Comune (Canicattini Bagni), and no token. The expected status of
 * each cell is written out; any 2xx not expected, cross-tenant included, fails.
 */
const CALLERS = ['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'REFERENT_OWN', 'REFERENT_OTHER', 'ANONYMOUS'] as const;
type Caller = (typeof CALLERS)[number];

interface Session {
  user: TestUser | null;
  token: string | null;
}

interface Context {
  palermoId: string;
  palermoReferent: TestUser;
  caller: Session;
  /** A fresh sign-in of the caller, for routes that spend the refresh cookie. */
  freshCookie(): Promise<string | null>;
}

interface Cell {
  route: string;
  request: (ctx: Context) => Promise<{ method: string; path: string; body?: object; cookie?: string | null; upload?: { name: string; content: Buffer } }>;
  expected: Record<Caller, number>;
}

const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;
const signedIn = (status: number): Record<Caller, number> => ({ ...everyone(status), ANONYMOUS: 401 });
const adminOnly = (status: number): Record<Caller, number> => ({ ...everyone(403), ADMIN: status, ANONYMOUS: 401 });
/** What the secretariat (and admins) do: coordination writes. */
const coordinators = (status: number): Record<Caller, number> => ({ ...adminOnly(status), SECRETARIAT: status });
/** Palermo's private data: its referent and the network roles; another Comune's referent gets 404. */
const palermoPrivate = (status: number): Record<Caller, number> => ({ ...signedIn(status), REFERENT_OTHER: 404 });
/** A write on Palermo's project: the Servizio Centrale never writes, another Comune never finds it. */
const palermoProjectWrite = (status: number): Record<Caller, number> => ({ ...palermoPrivate(status), SERVIZIO_CENTRALE: 403 });

/** One open DM_DS project of Palermo at a time: close the others first. */
async function freshPalermoProject() {
  await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE comune_id = $1 AND category = 'DM_DS' AND status <> 'CLOSED'`, [palermoId]);
  return aProject(t, PALERMO, { category: 'DM_DS' });
}

/** Palermo's membership, made anew in `status` (or removed). */
async function palermoMembership(status: string | null) {
  await t.sql(`DELETE FROM memberships WHERE comune_id = $1`, [palermoId]);
  return status ? aMembership(t, PALERMO, status) : null;
}

const versionOf = async (table: string, where: string, id: string) =>
  (await t.sql<{ version: number }>(`SELECT version FROM ${table} WHERE ${where} = $1`, [id]))[0]?.version ?? 0;
let matrixProject: { id: string } | null = null;
let matrixGroup: { id: string } | null = null;
let matrixEnte: { id: string } | null = null;
let matrixMeeting: { id: string } | null = null;

/** A meeting of the network in `status`, to which Palermo is invited, written as the owner. */
async function aMeeting(status = 'DRAFT', options: { past?: boolean; minutes?: string } = {}) {
  const year = options.past ? 2020 : 2030;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO meetings (title, starts_at, ends_at, mode, online_url, status, minutes_markdown, version)
     VALUES ('Riunione della matrice', $2, $3, 'ONLINE', 'https://meet.example/x', $1, $4, 1) RETURNING id`,
    [status, `${year}-12-10T09:00:00Z`, `${year}-12-10T11:00:00Z`, options.minutes ?? null],
  );
  const [invitation] = await t.sql<{ id: string }>(`INSERT INTO meeting_invitations (meeting_id, comune_id, version) VALUES ($1, $2, 1) RETURNING id`, [
    row?.id,
    palermoId,
  ]);
  return { id: String(row?.id), invitationId: String(invitation?.id) };
}
let convenedMeeting: { id: string; invitationId: string } | null = null;

const PDF = Buffer.from('%PDF-1.4\n% matrice\n%%EOF\n');
/** A document of the convened meeting, its row and its bytes written as the app would. */
async function aDocument() {
  const meeting = (convenedMeeting ??= await aMeeting('CONVENED'));
  const key = `meetings/${meeting.id}/${randomUUID()}`;
  mkdirSync(dirname(join(t.dataDir, 'files', key)), { recursive: true });
  writeFileSync(join(t.dataDir, 'files', key), PDF);
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO meeting_documents (meeting_id, title, file_name, media_type, size_bytes, sha256, storage_key)
     VALUES ($1, 'Programma', 'programma.pdf', 'application/pdf', $2, $3, $4) RETURNING id`,
    [meeting.id, PDF.length, createHash('sha256').update(PDF).digest('hex'), key],
  );
  return { meetingId: meeting.id, id: String(row?.id) };
}

/** A message of the outbox about the convened meeting, for Palermo, in `status`. */
async function aMessage(status = 'SENT') {
  const meeting = (convenedMeeting ??= await aMeeting('CONVENED'));
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO mail_outbox (kind, status, dedupe_key, meeting_id, comune_id, subject, text_body)
     VALUES ('CONVOCATION', $1, $2, $3, $4, 'Convocazione', 'Gentile referente') RETURNING id`,
    [status, randomUUID(), meeting.id, palermoId],
  );
  return String(row?.id);
}

/** A practice shared by Palermo, with a file when `withFile`. */
async function aPractice(withFile = false) {
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO practices (title, summary, kind, comune_id, version) VALUES ('Pratica della matrice', 'Una pratica condivisa da Palermo per la matrice.', 'STRUMENTO', $1, 1) RETURNING id`,
    [palermoId],
  );
  const id = String(row?.id);
  if (withFile) {
    const key = `practices/${id}/${randomUUID()}`;
    mkdirSync(dirname(join(t.dataDir, 'files', key)), { recursive: true });
    writeFileSync(join(t.dataDir, 'files', key), PDF);
    await t.sql(
      `UPDATE practices SET document_file_name = 'scheda.pdf', document_title = 'scheda.pdf', document_media_type = 'application/pdf',
              document_size_bytes = $2, document_sha256 = $3, document_storage_key = $4, document_uploaded_at = now() WHERE id = $1`,
      [id, PDF.length, createHash('sha256').update(PDF).digest('hex'), key],
    );
  }
  return id;
}
/** Palermo's practices may be changed by Palermo and the secretariat; the library is public (403, not 404). */
const palermoPracticeWrite = (status: number): Record<Caller, number> => ({ ...coordinators(status), REFERENT_OWN: status, REFERENT_OTHER: 403 });

/** Palermo's referent's calendar feed, with a token known to the test. */
const FEED_TOKEN = 'a'.repeat(43);
async function palermoFeed() {
  await t.sql(
    `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash`,
    [palermoReferent.id, createHash('sha256').update(FEED_TOKEN).digest('hex')],
  );
}

const MATRIX: Cell[] = [
  { route: 'GET /api/health', request: async () => ({ method: 'GET', path: '/api/health' }), expected: everyone(200) },
  { route: 'GET /api/health/ready', request: async () => ({ method: 'GET', path: '/api/health/ready' }), expected: everyone(200) },
  { route: 'GET /api/v1/auth/me', request: async () => ({ method: 'GET', path: '/api/v1/auth/me' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/audit-events',
    request: async () => ({ method: 'GET', path: '/api/v1/audit-events' }),
    expected: { ...adminOnly(200), SECRETARIAT: 200 },
  },
  {
    route: 'GET /api/v1/audit-events',
    request: async (c) => ({ method: 'GET', path: `/api/v1/audit-events?comuneId=${c.palermoId}` }),
    expected: { ...adminOnly(200), SECRETARIAT: 200 },
  },
  {
    route: 'GET /api/v1/audit-events/actors',
    request: async () => ({ method: 'GET', path: '/api/v1/audit-events/actors?search=test' }),
    expected: { ...adminOnly(200), SECRETARIAT: 200 },
  },
  { route: 'GET /api/v1/comuni', request: async () => ({ method: 'GET', path: '/api/v1/comuni' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/comuni/:id',
    request: async (c) => ({ method: 'GET', path: `/api/v1/comuni/${c.palermoId}` }),
    expected: signedIn(200), // the public part of the profile; notes only for Palermo and the network roles
  },
  {
    route: 'PATCH /api/v1/comuni/:id',
    request: async (c) => ({
      method: 'PATCH',
      path: `/api/v1/comuni/${c.palermoId}`,
      body: { version: await versionOf('comune_profiles', 'comune_id', c.palermoId), saiOffice: 'Servizio SAI' },
    }),
    expected: { ...signedIn(200), SERVIZIO_CENTRALE: 403, REFERENT_OTHER: 403 },
  },
  { route: 'GET /api/v1/enti-gestori', request: async () => ({ method: 'GET', path: '/api/v1/enti-gestori' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/enti-gestori/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/enti-gestori/${(matrixEnte ??= await anEnte(t)).id}` }),
    expected: signedIn(200),
  },
  {
    route: 'POST /api/v1/enti-gestori',
    request: async () => ({ method: 'POST', path: '/api/v1/enti-gestori', body: { name: 'Cooperativa Matrice', taxCode: aTaxCode(), legalForm: 'COOPERATIVA_SOCIALE' } }),
    expected: coordinators(201),
  },
  {
    route: 'PATCH /api/v1/enti-gestori/:id',
    request: async () => {
      const id = (matrixEnte ??= await anEnte(t)).id;
      return { method: 'PATCH', path: `/api/v1/enti-gestori/${id}`, body: { version: await versionOf('enti_gestori', 'id', id), phone: '+39 091 000000' } };
    },
    expected: coordinators(200),
  },
  { route: 'GET /api/v1/projects', request: async () => ({ method: 'GET', path: '/api/v1/projects' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/projects',
    request: async (c) => ({ method: 'GET', path: `/api/v1/projects?comuneId=${c.palermoId}` }),
    expected: signedIn(200), // public summaries, as in the directory
  },
  {
    route: 'GET /api/v1/projects/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/projects/${(matrixProject ??= await freshPalermoProject()).id}` }),
    expected: palermoPrivate(200),
  },
  {
    route: 'POST /api/v1/projects',
    request: async (c) => {
      await t.sql(`UPDATE projects SET status = 'CLOSED', closed_at = now() WHERE comune_id = $1 AND category = 'DM_DS' AND status <> 'CLOSED'`, [c.palermoId]);
      matrixProject = null;
      return {
        method: 'POST',
        path: '/api/v1/projects',
        body: { code: `MTX-${aTaxCode()}`, title: 'Progetto della matrice', category: 'DM_DS', titolareComuneId: c.palermoId, posti: 5, startDate: '2026-01-01', endDate: '2028-12-31' },
      };
    },
    expected: { ...palermoProjectWrite(201), REFERENT_OTHER: 403 }, // a referent creates only for their own Comune
  },
  {
    route: 'PATCH /api/v1/projects/:id',
    request: async () => {
      const id = (matrixProject ??= await freshPalermoProject()).id;
      return { method: 'PATCH', path: `/api/v1/projects/${id}`, body: { version: await versionOf('projects', 'id', id), title: 'Titolo aggiornato' } };
    },
    expected: palermoProjectWrite(200),
  },
  {
    route: 'POST /api/v1/projects/:id/close',
    request: async () => {
      matrixProject = null;
      const project = await freshPalermoProject();
      return { method: 'POST', path: `/api/v1/projects/${project.id}/close`, body: { version: 1, reason: 'Chiusura di prova' } };
    },
    expected: palermoProjectWrite(200),
  },
  { route: 'GET /api/v1/memberships', request: async () => ({ method: 'GET', path: '/api/v1/memberships' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/memberships/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/memberships/${(await palermoMembership('ACTIVE'))?.id}` }),
    expected: palermoPrivate(200),
  },
  {
    route: 'POST /api/v1/memberships',
    request: async (c) => {
      await palermoMembership(null);
      return { method: 'POST', path: '/api/v1/memberships', body: { comuneId: c.palermoId, referentName: 'Referente Palermo' } };
    },
    expected: { ...palermoProjectWrite(201), REFERENT_OTHER: 403 },
  },
  ...(
    [
      ['approve', 'REQUESTED'],
      ['reject', 'REQUESTED'],
      ['suspend', 'ACTIVE'],
      ['withdraw', 'ACTIVE'],
    ] as const
  ).map(
    ([decision, from]): Cell => ({
      route: `POST /api/v1/memberships/:id/${decision}`,
      request: async () => ({
        method: 'POST',
        path: `/api/v1/memberships/${(await palermoMembership(from))?.id}/${decision}`,
        body: { reason: 'Decisione della segreteria' },
      }),
      expected: coordinators(200),
    }),
  ),
  { route: 'GET /api/v1/meetings', request: async () => ({ method: 'GET', path: '/api/v1/meetings' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/meetings/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}` }),
    expected: palermoPrivate(200), // convened, Palermo invited, Canicattini not
  },
  {
    route: 'GET /api/v1/meetings/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(matrixMeeting ??= await aMeeting()).id}` }),
    expected: { ...palermoPrivate(200), REFERENT_OWN: 404 }, // a draft: nobody outside the network roles sees it yet
  },
  {
    route: 'POST /api/v1/meetings/:id/hold',
    request: async () => ({ method: 'POST', path: `/api/v1/meetings/${(await aMeeting('CONVENED', { past: true })).id}/hold`, body: { version: 1 } }),
    expected: coordinators(200),
  },
  {
    route: 'POST /api/v1/meetings/:id/publish',
    request: async () => ({
      method: 'POST',
      path: `/api/v1/meetings/${(await aMeeting('HELD', { past: true, minutes: '# Verbale' })).id}/publish`,
      body: { version: 1 },
    }),
    expected: coordinators(200),
  },
  {
    route: 'GET /api/v1/meetings/:id/minutes',
    request: async () => ({
      method: 'GET',
      path: `/api/v1/meetings/${(await aMeeting('MINUTES_PUBLISHED', { past: true, minutes: '# Verbale' })).id}/minutes`,
    }),
    expected: palermoPrivate(200), // published, Palermo invited, Canicattini not
  },
  {
    route: 'PUT /api/v1/meetings/:id/minutes',
    request: async () => ({ method: 'PUT', path: `/api/v1/meetings/${(await aMeeting('HELD', { past: true })).id}/minutes`, body: { version: 1, markdown: '# Verbale' } }),
    expected: coordinators(200),
  },
  {
    route: 'PUT /api/v1/meetings/:id/attendance',
    request: async () => {
      const meeting = await aMeeting('HELD', { past: true });
      return { method: 'PUT', path: `/api/v1/meetings/${meeting.id}/attendance`, body: { version: 1, entries: [{ invitationId: meeting.invitationId, present: true }] } };
    },
    expected: coordinators(200),
  },
  {
    route: 'GET /api/v1/meetings/:id/calendar.ics',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}/calendar.ics` }),
    expected: palermoPrivate(200),
  },
  {
    route: 'GET /api/v1/meetings/:id/documents',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(await aDocument()).meetingId}/documents` }),
    expected: palermoPrivate(200),
  },
  {
    route: 'GET /api/v1/meetings/:id/documents/:documentId/content',
    request: async () => {
      const document = await aDocument();
      return { method: 'GET', path: `/api/v1/meetings/${document.meetingId}/documents/${document.id}/content` };
    },
    expected: palermoPrivate(200),
  },
  {
    route: 'GET /api/v1/meetings/:id/documents/:documentId/content',
    request: async () => {
      const document = await aDocument();
      const draft = await aMeeting();
      await t.sql(`UPDATE meeting_documents SET meeting_id = $1 WHERE id = $2`, [draft.id, document.id]);
      return { method: 'GET', path: `/api/v1/meetings/${draft.id}/documents/${document.id}/content` };
    },
    expected: { ...palermoPrivate(200), REFERENT_OWN: 404 }, // a draft's documents: not even for the invited
  },
  {
    route: 'POST /api/v1/meetings/:id/documents',
    request: async () => ({
      method: 'POST',
      path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}/documents`,
      upload: { name: 'programma.pdf', content: PDF },
    }),
    expected: coordinators(201),
  },
  {
    route: 'DELETE /api/v1/meetings/:id/documents/:documentId',
    request: async () => {
      const document = await aDocument();
      return { method: 'DELETE', path: `/api/v1/meetings/${document.meetingId}/documents/${document.id}` };
    },
    expected: coordinators(204),
  },
  { route: 'GET /api/v1/stats/dashboard', request: async () => ({ method: 'GET', path: '/api/v1/stats/dashboard?province=PA' }), expected: signedIn(200) },
  { route: 'GET /api/v1/exports/directory.:format', request: async () => ({ method: 'GET', path: '/api/v1/exports/directory.csv?province=SR' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/exports/projects.:format',
    request: async () => ({ method: 'GET', path: '/api/v1/exports/projects.xlsx?province=PA' }),
    expected: { ...coordinators(200), SERVIZIO_CENTRALE: 200 }, // services and enti of every project: the network roles
  },
  {
    route: 'GET /api/v1/exports/memberships.:format',
    request: async () => ({ method: 'GET', path: '/api/v1/exports/memberships.csv' }),
    expected: { ...coordinators(200), SERVIZIO_CENTRALE: 200 },
  },
  {
    route: 'GET /api/v1/exports/attendance.:format',
    request: async () => ({ method: 'GET', path: '/api/v1/exports/attendance.csv' }),
    expected: { ...coordinators(200), SERVIZIO_CENTRALE: 200 },
  },
  { route: 'GET /api/v1/practices', request: async () => ({ method: 'GET', path: '/api/v1/practices?q=pratica' }), expected: signedIn(200) },
  { route: 'GET /api/v1/practices/tags', request: async () => ({ method: 'GET', path: '/api/v1/practices/tags' }), expected: signedIn(200) },
  { route: 'GET /api/v1/practices/:id', request: async () => ({ method: 'GET', path: `/api/v1/practices/${await aPractice()}` }), expected: signedIn(200) },
  {
    route: 'POST /api/v1/practices',
    request: async () => ({ method: 'POST', path: '/api/v1/practices', body: { title: 'Nuova pratica', summary: 'Una pratica condivisa nella matrice.', kind: 'METODOLOGIA' } }),
    expected: { ...coordinators(201), REFERENT_OWN: 201, REFERENT_OTHER: 201 }, // a referent shares for their own Comune
  },
  {
    route: 'PATCH /api/v1/practices/:id',
    request: async () => ({ method: 'PATCH', path: `/api/v1/practices/${await aPractice()}`, body: { version: 1, title: 'Pratica aggiornata' } }),
    expected: palermoPracticeWrite(200),
  },
  { route: 'DELETE /api/v1/practices/:id', request: async () => ({ method: 'DELETE', path: `/api/v1/practices/${await aPractice()}` }), expected: palermoPracticeWrite(204) },
  {
    route: 'PUT /api/v1/practices/:id/document',
    request: async () => ({ method: 'PUT', path: `/api/v1/practices/${await aPractice()}/document`, upload: { name: 'scheda.pdf', content: PDF } }),
    expected: palermoPracticeWrite(200),
  },
  {
    route: 'DELETE /api/v1/practices/:id/document',
    request: async () => ({ method: 'DELETE', path: `/api/v1/practices/${await aPractice(true)}/document` }),
    expected: palermoPracticeWrite(200),
  },
  { route: 'GET /api/v1/practices/:id/document', request: async () => ({ method: 'GET', path: `/api/v1/practices/${await aPractice(true)}/document` }), expected: signedIn(200) },
  { route: 'GET /api/v1/outbox', request: async () => ({ method: 'GET', path: '/api/v1/outbox' }), expected: coordinators(200) },
  { route: 'GET /api/v1/outbox/overview', request: async () => ({ method: 'GET', path: '/api/v1/outbox/overview' }), expected: coordinators(200) },
  { route: 'GET /api/v1/outbox/:id', request: async () => ({ method: 'GET', path: `/api/v1/outbox/${await aMessage()}` }), expected: coordinators(200) },
  {
    route: 'POST /api/v1/outbox/:id/retry',
    request: async () => ({ method: 'POST', path: `/api/v1/outbox/${await aMessage('FAILED')}/retry` }),
    expected: coordinators(200),
  },
  { route: 'GET /api/v1/me/calendar-feed', request: async () => ({ method: 'GET', path: '/api/v1/me/calendar-feed' }), expected: signedIn(200) },
  { route: 'POST /api/v1/me/calendar-feed', request: async () => ({ method: 'POST', path: '/api/v1/me/calendar-feed' }), expected: signedIn(201) },
  { route: 'DELETE /api/v1/me/calendar-feed', request: async () => ({ method: 'DELETE', path: '/api/v1/me/calendar-feed' }), expected: signedIn(204) },
  {
    route: 'GET /api/v1/calendar-feeds/:file',
    request: async () => {
      await palermoFeed();
      return { method: 'GET', path: `/api/v1/calendar-feeds/${FEED_TOKEN}.ics` };
    },
    expected: everyone(200), // the token is the credential, whoever presents it
  },
  {
    route: 'GET /api/v1/calendar-feeds/:file',
    request: async () => ({ method: 'GET', path: `/api/v1/calendar-feeds/${'b'.repeat(43)}.ics` }),
    expected: everyone(404),
  },
  {
    route: 'GET /api/v1/meetings/:id/invitations.csv',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}/invitations.csv` }),
    expected: { ...coordinators(200), SERVIZIO_CENTRALE: 200 }, // the network roles; a referent sees their own answer only
  },
  {
    route: 'GET /api/v1/meetings/:id/invitations',
    request: async () => ({ method: 'GET', path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}/invitations` }),
    expected: palermoPrivate(200),
  },
  {
    route: 'POST /api/v1/meetings/:id/invitations',
    request: async (c) => ({
      method: 'POST',
      path: `/api/v1/meetings/${(convenedMeeting ??= await aMeeting('CONVENED')).id}/invitations`,
      body: { target: 'COMUNI', comuneIds: [c.palermoId] },
    }),
    expected: coordinators(200),
  },
  {
    route: 'PUT /api/v1/meetings/:id/invitations/:invitationId/rsvp',
    request: async () => {
      const meeting = (convenedMeeting ??= await aMeeting('CONVENED'));
      return {
        method: 'PUT',
        path: `/api/v1/meetings/${meeting.id}/invitations/${meeting.invitationId}/rsvp`,
        body: { version: await versionOf('meeting_invitations', 'id', meeting.invitationId), answer: 'DECLINED' },
      };
    },
    expected: palermoProjectWrite(200), // Palermo's answer: its referents, or the secretariat for them
  },
  {
    route: 'POST /api/v1/meetings',
    request: async () => ({
      method: 'POST',
      path: '/api/v1/meetings',
      body: { title: 'Plenaria', startsAt: '2026-12-15T10:00:00+01:00', endsAt: '2026-12-15T12:00:00+01:00', mode: 'ONLINE', onlineUrl: 'https://meet.example/p' },
    }),
    expected: coordinators(201),
  },
  {
    route: 'PATCH /api/v1/meetings/:id',
    request: async () => {
      const id = (matrixMeeting ??= await aMeeting()).id;
      return { method: 'PATCH', path: `/api/v1/meetings/${id}`, body: { version: await versionOf('meetings', 'id', id), title: 'Riunione aggiornata' } };
    },
    expected: coordinators(200),
  },
  {
    route: 'PUT /api/v1/meetings/:id/agenda',
    request: async () => {
      const id = (matrixMeeting ??= await aMeeting()).id;
      return {
        method: 'PUT',
        path: `/api/v1/meetings/${id}/agenda`,
        body: { version: await versionOf('meetings', 'id', id), items: [{ kind: 'OPENING', title: 'Apertura', startsAt: '2030-12-10T09:00:00Z' }] },
      };
    },
    expected: coordinators(200),
  },
  {
    route: 'POST /api/v1/meetings/:id/convene',
    request: async () => ({ method: 'POST', path: `/api/v1/meetings/${(await aMeeting()).id}/convene`, body: { version: 1 } }),
    expected: coordinators(200),
  },
  {
    route: 'POST /api/v1/meetings/:id/cancel',
    request: async () => ({ method: 'POST', path: `/api/v1/meetings/${(await aMeeting()).id}/cancel`, body: { version: 1, reason: 'Rinviata' } }),
    expected: coordinators(200),
  },
  { route: 'GET /api/v1/working-groups', request: async () => ({ method: 'GET', path: '/api/v1/working-groups' }), expected: signedIn(200) },
  {
    route: 'GET /api/v1/working-groups/:id',
    request: async () => ({ method: 'GET', path: `/api/v1/working-groups/${(matrixGroup ??= await aWorkingGroup(t, [PALERMO])).id}` }),
    expected: palermoPrivate(200), // a group Canicattini does not sit in
  },
  {
    route: 'POST /api/v1/working-groups',
    request: async () => ({ method: 'POST', path: '/api/v1/working-groups', body: { name: `Tavolo ${aTaxCode()}` } }),
    expected: coordinators(201),
  },
  {
    route: 'PATCH /api/v1/working-groups/:id',
    request: async () => {
      const id = (matrixGroup ??= await aWorkingGroup(t, [PALERMO])).id;
      return { method: 'PATCH', path: `/api/v1/working-groups/${id}`, body: { version: await versionOf('working_groups', 'id', id), description: 'Aggiornato' } };
    },
    expected: coordinators(200),
  },
  {
    route: 'DELETE /api/v1/working-groups/:id',
    request: async () => ({ method: 'DELETE', path: `/api/v1/working-groups/${(await aWorkingGroup(t, [PALERMO])).id}` }),
    expected: coordinators(204),
  },
  { route: 'GET /api/v1/users', request: async () => ({ method: 'GET', path: '/api/v1/users' }), expected: adminOnly(200) },
  {
    route: 'GET /api/v1/users',
    request: async (c) => ({ method: 'GET', path: `/api/v1/users?comuneId=${c.palermoId}` }),
    expected: adminOnly(200), // a list filtered on another Comune is no way around it
  },
  {
    route: 'GET /api/v1/users/:id',
    request: async (c) => ({ method: 'GET', path: `/api/v1/users/${c.palermoReferent.id}` }),
    expected: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/auth/me',
    request: async () => ({ method: 'PATCH', path: '/api/v1/auth/me', body: { name: 'Nome Aggiornato' } }),
    expected: signedIn(200),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    request: async (c) => {
      const [row] = await t.sql<{ version: number }>('SELECT version FROM users WHERE id = $1', [c.palermoReferent.id]);
      return { method: 'PATCH', path: `/api/v1/users/${c.palermoReferent.id}`, body: { version: row?.version, name: 'Referente Palermo' } };
    },
    expected: adminOnly(200),
  },
  {
    route: 'POST /api/v1/auth/activate',
    request: async () => ({ method: 'POST', path: '/api/v1/auth/activate', body: { token: 'x'.repeat(43), password: 'una-password-nuova-lunga' } }),
    expected: everyone(401), // the token is the credential, whoever calls
  },
  {
    route: 'POST /api/v1/auth/login',
    request: async (c) => ({
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: c.caller.user?.email ?? 'nobody@test.example', password: TEST_PASSWORD },
    }),
    expected: { ...everyone(200), ANONYMOUS: 401 },
  },
  {
    route: 'POST /api/v1/auth/logout',
    request: async (c) => ({ method: 'POST', path: '/api/v1/auth/logout', cookie: await c.freshCookie() }),
    expected: everyone(204),
  },
  {
    route: 'POST /api/v1/auth/password',
    request: async () => ({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'not-the-password', newPassword: 'una-password-nuova-lunga' } }),
    expected: signedIn(400), // reached the handler, which refuses the wrong current password
  },
  {
    route: 'POST /api/v1/auth/refresh',
    request: async (c) => ({ method: 'POST', path: '/api/v1/auth/refresh', cookie: await c.freshCookie() }),
    expected: { ...everyone(200), ANONYMOUS: 401 },
  },
  {
    route: 'POST /api/v1/auth/totp/enable',
    request: async () => ({ method: 'POST', path: '/api/v1/auth/totp/enable', body: { code: '000000' } }),
    expected: signedIn(409), // no set-up started
  },
  { route: 'POST /api/v1/auth/totp/setup', request: async () => ({ method: 'POST', path: '/api/v1/auth/totp/setup' }), expected: signedIn(200) },
  {
    route: 'POST /api/v1/users',
    request: async (c) => ({
      method: 'POST',
      path: '/api/v1/users',
      body: { email: `matrix-${Math.random().toString(36).slice(2)}@test.example`, name: 'Nuovo Utente', role: 'COMUNE_REFERENT', comuneId: c.palermoId },
    }),
    expected: adminOnly(201),
  },
];

let t: TestApp;
let palermoId: string;
let palermoReferent: TestUser;
const sessions = new Map<Caller, Session>();

beforeAll(async () => {
  t = await startTestApp();
  palermoId = await comuneId(t, PALERMO);
  palermoReferent = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
  const users: Record<Exclude<Caller, 'ANONYMOUS'>, TestUser> = {
    ADMIN: await aUser(t, 'ADMIN'),
    SECRETARIAT: await aUser(t, 'SECRETARIAT'),
    SERVIZIO_CENTRALE: await aUser(t, 'SERVIZIO_CENTRALE'),
    REFERENT_OWN: await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO }),
    REFERENT_OTHER: await aUser(t, 'COMUNE_REFERENT', { comune: CANICATTINI }),
  };
  for (const [caller, user] of Object.entries(users)) {
    sessions.set(caller as Caller, { user, token: (await signIn(t, user)).token });
  }
  sessions.set('ANONYMOUS', { user: null, token: null });
});
afterAll(() => t.close());

describe('authorization matrix', () => {
  it('covers every route of the API', () => {
    const routes = readFileSync(join(__dirname, 'routes.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}|\s(?=public|authenticated|permission)/)[0]?.trim());
    const covered = new Set(MATRIX.map((c) => c.route));
    expect(routes.filter((r) => r && !covered.has(r))).toEqual([]);
  });

  const cells = MATRIX.flatMap((cell, i) => CALLERS.map((caller) => [`${cell.route} #${i}`, caller, cell] as const));
  it.each(cells)('%s as %s', async (_, caller, cell) => {
    const session = sessions.get(caller) ?? { user: null, token: null };
    const ctx: Context = {
      palermoId,
      palermoReferent,
      caller: session,
      freshCookie: async () => (session.user ? (await signIn(t, session.user)).cookie : null),
    };
    const { method, path, body, cookie, upload } = await cell.request(ctx);
    let req = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    if (session.token) req = req.set('authorization', `Bearer ${session.token}`);
    if (cookie) req = req.set('cookie', cookie);
    if (upload) req = req.attach('file', upload.content, upload.name);
    const res = await (body ? req.send(body) : req);
    expect({ cell: `${method} ${path}`, caller, status: res.status }).toEqual({
      cell: `${method} ${path}`,
      caller,
      status: cell.expected[caller],
    });
    if (res.status >= 200 && res.status < 300 && caller === 'REFERENT_OTHER') {
      // A 2xx for the other Comune's referent is only acceptable where it does not expose Palermo's data.
      const exposed = JSON.stringify(res.body ?? {}).includes(palermoReferent.id);
      expect(exposed).toBe(false);
    }
  });

  it('never shows a referent the accounts of another Comune, whatever the route', async () => {
    const other = sessions.get('REFERENT_OTHER');
    const res = await t.http.get('/api/v1/auth/me').set('authorization', `Bearer ${other?.token}`).expect(200);
    expect((res.body as UserSummary).comuneId).not.toBe(palermoId);
  });
});
