import { hasPermission, Role } from '@coopera/domain';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Response } from 'supertest';
import { loadDemoData } from '../src/demo/demo-data';
import { aTaxCode, aUser, CANICATTINI, comuneId, PALERMO, signIn, TEST_PASSWORD, TestUser } from './factories';
import {
  expectMatchesOpenApi,
  findOperation,
  HttpMethod,
  listAppRoutes,
  listOperations,
  loadOpenApi,
  OpenApiDocument,
  openApiMismatches,
} from './openapi-conformance';
import { startTestApp, TestApp } from './test-app';

/**
 * Every operation of the API, called with real ids of the demo data as each role, with valid
 * requests and with the usual refusals: every answer must be what /api/docs/openapi.json says
 * (status, content type, body schema). A new route without an entry in EXAMPLES fails.
 */

/** The four roles, the referent being Palermo's: who "each role" is for the read routes. */
const ROLE_CALLERS = ['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'REFERENT'] as const;
/** Besides them: a referent of another Comune (Canicattini Bagni), and no token at all. */
type Caller = (typeof ROLE_CALLERS)[number] | 'REFERENT_OTHER' | 'ANONYMOUS';

interface Call {
  as: Caller;
  path: string;
  expect: number;
  body?: object;
  /** A multipart upload in the field `file`. */
  upload?: { name: string; content: Buffer };
  /** A body that is not JSON. */
  raw?: { contentType: string; text: string };
  cookie?: string;
  headers?: Record<string, string>;
  /** A token of a user of the role `as` made for this call, instead of the shared session. */
  token?: string;
}

/** Sends one call of the route under test; fails unless it answers `expect` and matches the document. */
type Send = (call: Call) => Promise<Response>;
type Example = (send: Send) => Promise<void>;

let t: TestApp;
let doc: OpenApiDocument;
/** The access token of each caller (none for ANONYMOUS). */
const sessions = new Map<Caller, string>();
/** Every answer checked against the document: route, caller, status. */
const checked: { route: string; caller: Caller; status: number }[] = [];

const PDF = Buffer.from('%PDF-1.4\n% conformance\n%%EOF\n');

async function request(method: HttpMethod, call: Call): Promise<Response> {
  let req = t.http[method](call.path);
  const token = call.token ?? sessions.get(call.as);
  if (token) req = req.set('authorization', `Bearer ${token}`);
  if (call.cookie) req = req.set('cookie', call.cookie);
  for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
  if (call.upload) req = req.attach('file', call.upload.content, call.upload.name);
  if (call.raw) req = req.set('content-type', call.raw.contentType).send(call.raw.text);
  const res = await (call.body ? req.send(call.body) : req);
  if (res.status !== call.expect) {
    throw new Error(`${method.toUpperCase()} ${call.path} as ${call.as}: expected ${call.expect}, got ${res.status}: ${(res.text ?? '').slice(0, 500)}`);
  }
  expectMatchesOpenApi(doc, method, call.path, res);
  const found = findOperation(doc, method, call.path);
  checked.push({ route: `${method.toUpperCase()} ${found?.template ?? call.path}`, caller: call.as, status: res.status });
  return res;
}

/** A call that arranges data for the example of another route: checked all the same. */
function api(method: HttpMethod, call: Call): Promise<Response> {
  return request(method, call);
}

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
};

const versionOf = async (table: string, id: string, key = 'id'): Promise<number> =>
  (await t.sql<{ version: number }>(`SELECT version FROM ${table} WHERE ${key} = $1`, [id]))[0]?.version ?? 0;

async function idOf(sql: string, params: unknown[] = []): Promise<string> {
  const [row] = await t.sql<{ id: string }>(sql, params);
  if (!row) throw new Error(`no demo row for: ${sql}`);
  return row.id;
}

/** The demo data's records, found once. */
const demo = once(async () => {
  const palermo = await comuneId(t, PALERMO);
  const meeting = (title: string) => idOf(`SELECT id FROM meetings WHERE title LIKE $1`, [`${title}%`]);
  return {
    palermo,
    canicattini: await comuneId(t, CANICATTINI),
    palermoProject: await idOf(`SELECT id FROM projects WHERE comune_id = $1 ORDER BY code LIMIT 1`, [palermo]),
    ente: await idOf(`SELECT id FROM enti_gestori ORDER BY name LIMIT 1`),
    palermoMembership: await idOf(`SELECT id FROM memberships WHERE comune_id = $1`, [palermo]),
    notoMembership: await idOf(`SELECT m.id FROM memberships m JOIN comuni c ON c.id = m.comune_id WHERE c.name = 'Noto'`),
    group: await idOf(`SELECT g.id FROM working_groups g JOIN working_group_members m ON m.working_group_id = g.id WHERE m.comune_id = $1 LIMIT 1`, [palermo]),
    webinar: await meeting('Incontro per la costituzione'),
    plenary: await meeting('Assemblea plenaria'),
    tavolo: await meeting('Tavolo tecnico MSNA'),
    practice: await idOf(`SELECT id FROM practices ORDER BY created_at LIMIT 1`),
    user: await idOf(`SELECT id FROM users WHERE email = 'referente.palermo@coopera.example'`),
  };
});

/** A meeting of the secretariat, convened with Palermo invited: made through the API. */
async function aConvenedMeeting(): Promise<{ id: string; invitation: string }> {
  const { palermo } = await demo();
  const created = await api('post', { as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 201, body: aMeetingBody('Incontro di verifica') });
  const id = (created.body as { id: string }).id;
  await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/invitations`, expect: 200, body: { target: 'COMUNI', comuneIds: [palermo] } });
  await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/convene`, expect: 200, body: { version: await versionOf('meetings', id) } });
  return { id, invitation: await idOf(`SELECT id FROM meeting_invitations WHERE meeting_id = $1 AND comune_id = $2`, [id, palermo]) };
}
/** One such meeting shared by the examples that only read it or add to it what the others do not see. */
const convenedMeeting = once(aConvenedMeeting);

/** A document of that meeting, uploaded through the API. */
const meetingDocument = async () => {
  const meeting = await convenedMeeting();
  const res = await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/documents`, expect: 201, upload: { name: 'programma.pdf', content: PDF } });
  return { meeting: meeting.id, id: (res.body as { id: string }).id };
};

/** A convened meeting whose time has come (arranged as the owner: the API refuses to convene in the past), Palermo invited. */
async function aStartedMeeting(): Promise<{ id: string; invitation: string }> {
  const { palermo } = await demo();
  const id = await idOf(
    `INSERT INTO meetings (title, starts_at, ends_at, mode, online_url, status, version)
     VALUES ('Riunione svolta', now() - interval '3 hours', now() - interval '1 hour', 'ONLINE', 'https://meet.example/svolta', 'CONVENED', 1) RETURNING id`,
  );
  const invitation = await idOf(`INSERT INTO meeting_invitations (meeting_id, comune_id, version) VALUES ($1, $2, 1) RETURNING id`, [id, palermo]);
  return { id, invitation };
}

/** A convened meeting's convocation in the outbox. */
const outboxMessage = once(async () => {
  const meeting = await convenedMeeting();
  return idOf(`SELECT id FROM mail_outbox WHERE meeting_id = $1 ORDER BY created_at LIMIT 1`, [meeting.id]);
});

/** A practice shared by Palermo's referent through the API, with its file when `withFile`. */
async function aPractice(withFile = false): Promise<string> {
  const res = await api('post', {
    as: 'REFERENT',
    path: '/api/v1/practices',
    expect: 201,
    body: { title: `Pratica ${randomUUID().slice(0, 8)}`, summary: 'Una pratica condivisa per la verifica del documento OpenAPI.', kind: 'STRUMENTO' },
  });
  const id = (res.body as { id: string }).id;
  if (withFile) await api('put', { as: 'REFERENT', path: `/api/v1/practices/${id}/document`, expect: 200, upload: { name: 'scheda.pdf', content: PDF } });
  return id;
}

function aMeetingBody(title: string): object {
  return { title, startsAt: '2031-03-10T09:00:00+01:00', endsAt: '2031-03-10T12:00:00+01:00', mode: 'ONLINE', onlineUrl: 'https://meet.example/verifica' };
}

/** The read `path` as each role: 200 unless `others` says otherwise. */
async function asEachRole(send: Send, path: string, others: Partial<Record<Caller, number>> = {}): Promise<void> {
  for (const as of ROLE_CALLERS) await send({ as, path, expect: others[as] ?? 200 });
  if (others.REFERENT_OTHER !== undefined) await send({ as: 'REFERENT_OTHER', path, expect: others.REFERENT_OTHER });
}
const networkOnly = { REFERENT: 403 } as const;
const coordinatorsOnly = { SERVIZIO_CENTRALE: 403, REFERENT: 403 } as const;

const EXAMPLES: Record<string, Example> = {
  // --- health and sign-in ------------------------------------------------------------------
  'GET /api/health': async (send) => {
    await send({ as: 'ANONYMOUS', path: '/api/health', expect: 200 });
  },
  'GET /api/health/ready': async (send) => {
    await send({ as: 'ANONYMOUS', path: '/api/health/ready', expect: 200 });
  },
  'POST /api/v1/auth/login': async (send) => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/login', expect: 200, body: { email: user.email, password: TEST_PASSWORD } });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/login', expect: 401, body: { email: user.email, password: 'not-the-password' } });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/login', expect: 400, body: { email: user.email } });
  },
  'POST /api/v1/auth/refresh': async (send) => {
    const { cookie } = await signIn(t, await aUser(t, 'SECRETARIAT'));
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/refresh', expect: 200, cookie });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/refresh', expect: 401 });
  },
  'POST /api/v1/auth/logout': async (send) => {
    const { cookie } = await signIn(t, await aUser(t, 'SECRETARIAT'));
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/logout', expect: 204, cookie });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/logout', expect: 415, raw: { contentType: 'text/plain', text: 'bye' } });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/logout', expect: 400, raw: { contentType: 'application/json', text: '{"bye":' } });
  },
  'GET /api/v1/auth/me': (send) => asEachRole(send, '/api/v1/auth/me', { REFERENT_OTHER: 200 }),
  'PATCH /api/v1/auth/me': async (send) => {
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/auth/me', expect: 200, body: { name: 'Servizio Centrale' } });
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/auth/me', expect: 400, body: { name: '' } });
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/auth/me', expect: 413, body: { name: 'x'.repeat(1024 * 1024 + 1) } });
  },
  'POST /api/v1/auth/password': async (send) => {
    // A user of its own: the change signs out the account's other sessions.
    const { token } = await signIn(t, await aUser(t, 'SECRETARIAT'));
    await send({ as: 'SECRETARIAT', token, path: '/api/v1/auth/password', expect: 400, body: { currentPassword: 'not-the-password', newPassword: 'una-password-nuova-lunga' } });
    await send({ as: 'SECRETARIAT', token, path: '/api/v1/auth/password', expect: 204, body: { currentPassword: TEST_PASSWORD, newPassword: 'una-password-nuova-lunga' } });
  },
  'POST /api/v1/auth/activate': async (send) => {
    const created = await api('post', {
      as: 'ADMIN',
      path: '/api/v1/users',
      expect: 201,
      body: { email: `attiva-${randomUUID().slice(0, 8)}@test.example`, name: 'Nuova Segreteria', role: 'SECRETARIAT' },
    });
    const token = new URL((created.body as { activationUrl: string }).activationUrl).searchParams.get('token') ?? '';
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/activate', expect: 400, body: { token, password: 'short' } });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/activate', expect: 204, body: { token, password: 'una-password-nuova-lunga' } });
    await send({ as: 'ANONYMOUS', path: '/api/v1/auth/activate', expect: 401, body: { token, password: 'una-password-nuova-lunga' } });
  },
  'POST /api/v1/auth/totp/setup': async (send) => {
    const { token } = await signIn(t, await aUser(t, 'ADMIN'));
    await send({ as: 'ADMIN', token, path: '/api/v1/auth/totp/setup', expect: 200 });
  },
  'POST /api/v1/auth/totp/enable': async (send) => {
    const { token } = await signIn(t, await aUser(t, 'ADMIN'));
    await send({ as: 'ADMIN', token, path: '/api/v1/auth/totp/enable', expect: 409, body: { code: '123456' } });
    const setup = await api('post', { as: 'ADMIN', token, path: '/api/v1/auth/totp/setup', expect: 200 });
    const secret = (setup.body as { secret: string }).secret;
    await send({ as: 'ADMIN', token, path: '/api/v1/auth/totp/enable', expect: 400, body: { code: 'abc' } });
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    await send({ as: 'ADMIN', token, path: '/api/v1/auth/totp/enable', expect: 200, body: { code } });
    await api('post', { as: 'ADMIN', token, path: '/api/v1/auth/totp/setup', expect: 409 });
  },

  // --- audit ---------------------------------------------------------------------------------
  'GET /api/v1/audit-events': async (send) => {
    await asEachRole(send, '/api/v1/audit-events?pageSize=50', coordinatorsOnly);
    await send({ as: 'ADMIN', path: `/api/v1/audit-events?comuneId=${(await demo()).palermo}&action=auth.`, expect: 200 });
    await send({ as: 'ADMIN', path: '/api/v1/audit-events?pageSize=1000', expect: 400 });
  },
  'GET /api/v1/audit-events/actors': async (send) => {
    await asEachRole(send, '/api/v1/audit-events/actors?search=coopera', coordinatorsOnly);
  },

  // --- network directory, users, enti gestori ------------------------------------------------
  'GET /api/v1/comuni': async (send) => {
    await asEachRole(send, '/api/v1/comuni?province=PA&pageSize=100');
    await send({ as: 'REFERENT', path: '/api/v1/comuni?withProjects=true&sort=-population', expect: 200 });
    await send({ as: 'REFERENT', path: '/api/v1/comuni?province=XX', expect: 400 });
  },
  'GET /api/v1/comuni/{id}': async (send) => {
    const { palermo, canicattini } = await demo();
    await asEachRole(send, `/api/v1/comuni/${palermo}`, { REFERENT_OTHER: 200 });
    await asEachRole(send, `/api/v1/comuni/${canicattini}`);
    await send({ as: 'REFERENT', path: `/api/v1/comuni/${randomUUID()}`, expect: 404 });
  },
  'PATCH /api/v1/comuni/{id}': async (send) => {
    const { palermo } = await demo();
    const version = await versionOf('comune_profiles', palermo, 'comune_id');
    await send({ as: 'REFERENT', path: `/api/v1/comuni/${palermo}`, expect: 200, body: { version, saiOffice: 'Ufficio SAI, piazza Pretoria 1' } });
    await send({ as: 'REFERENT', path: `/api/v1/comuni/${palermo}`, expect: 409, body: { version, phone: '+39 091 000000' } });
    await send({ as: 'REFERENT_OTHER', path: `/api/v1/comuni/${palermo}`, expect: 403, body: { version: version + 1, phone: '+39 091 000000' } });
    await send({ as: 'REFERENT', path: `/api/v1/comuni/${palermo}`, expect: 400, body: { version: version + 1, saiOffice: 42 } });
  },
  'GET /api/v1/users': async (send) => {
    await asEachRole(send, '/api/v1/users?pageSize=100', { SECRETARIAT: 403, SERVIZIO_CENTRALE: 403, REFERENT: 403 });
  },
  'POST /api/v1/users': async (send) => {
    const { palermo } = await demo();
    const body = { email: `nuovo-${randomUUID().slice(0, 8)}@test.example`, name: 'Nuovo Referente', role: 'COMUNE_REFERENT', comuneId: palermo };
    await send({ as: 'ADMIN', path: '/api/v1/users', expect: 201, body });
    await send({ as: 'ADMIN', path: '/api/v1/users', expect: 409, body });
    await send({ as: 'ADMIN', path: '/api/v1/users', expect: 400, body: { ...body, role: 'SUPERUSER' } });
    await send({ as: 'SECRETARIAT', path: '/api/v1/users', expect: 403, body });
  },
  'GET /api/v1/users/{id}': async (send) => {
    await asEachRole(send, `/api/v1/users/${(await demo()).user}`, { SECRETARIAT: 403, SERVIZIO_CENTRALE: 403, REFERENT: 403 });
    await send({ as: 'ADMIN', path: `/api/v1/users/${randomUUID()}`, expect: 404 });
  },
  'PATCH /api/v1/users/{id}': async (send) => {
    const user = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
    await send({ as: 'ADMIN', path: `/api/v1/users/${user.id}`, expect: 200, body: { version: 1, name: 'Referente Rinominata' } });
    await send({ as: 'ADMIN', path: `/api/v1/users/${user.id}`, expect: 409, body: { version: 1, active: false } });
  },
  'GET /api/v1/enti-gestori': (send) => asEachRole(send, '/api/v1/enti-gestori?pageSize=100'),
  'POST /api/v1/enti-gestori': async (send) => {
    const body = { name: 'Cooperativa Verifica', taxCode: aTaxCode(), legalForm: 'COOPERATIVA_SOCIALE', seatComuneId: (await demo()).palermo };
    await send({ as: 'SECRETARIAT', path: '/api/v1/enti-gestori', expect: 201, body });
    await send({ as: 'SECRETARIAT', path: '/api/v1/enti-gestori', expect: 409, body });
    await send({ as: 'SECRETARIAT', path: '/api/v1/enti-gestori', expect: 400, body: { ...body, taxCode: '12345678901' } });
    await send({ as: 'REFERENT', path: '/api/v1/enti-gestori', expect: 403, body });
  },
  'GET /api/v1/enti-gestori/{id}': async (send) => {
    await asEachRole(send, `/api/v1/enti-gestori/${(await demo()).ente}`);
    await send({ as: 'REFERENT', path: `/api/v1/enti-gestori/${randomUUID()}`, expect: 404 });
  },
  'PATCH /api/v1/enti-gestori/{id}': async (send) => {
    const { ente } = await demo();
    const version = await versionOf('enti_gestori', ente);
    await send({ as: 'SECRETARIAT', path: `/api/v1/enti-gestori/${ente}`, expect: 200, body: { version, website: 'https://coop.example' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/enti-gestori/${ente}`, expect: 409, body: { version, website: 'https://coop.example' } });
  },

  // --- projects and memberships --------------------------------------------------------------
  'GET /api/v1/projects': async (send) => {
    await asEachRole(send, '/api/v1/projects?pageSize=100');
    await send({ as: 'REFERENT', path: `/api/v1/projects?comuneId=${(await demo()).palermo}`, expect: 200 });
  },
  'POST /api/v1/projects': async (send) => {
    const { palermo, canicattini } = await demo();
    const body = { code: `VER-${randomUUID().slice(0, 8)}`, title: 'Progetto di verifica', category: 'DM_DS', titolareComuneId: canicattini, posti: 5, startDate: '2026-01-01', endDate: '2028-12-31' };
    await send({ as: 'SECRETARIAT', path: '/api/v1/projects', expect: 201, body });
    await send({ as: 'SECRETARIAT', path: '/api/v1/projects', expect: 409, body });
    await send({ as: 'REFERENT_OTHER', path: '/api/v1/projects', expect: 403, body: { ...body, titolareComuneId: palermo } });
    await send({ as: 'SECRETARIAT', path: '/api/v1/projects', expect: 400, body: { ...body, posti: -1 } });
  },
  'GET /api/v1/projects/{id}': async (send) => {
    await asEachRole(send, `/api/v1/projects/${(await demo()).palermoProject}`, { REFERENT_OTHER: 404 });
  },
  'PATCH /api/v1/projects/{id}': async (send) => {
    const { palermoProject } = await demo();
    const version = await versionOf('projects', palermoProject);
    await send({ as: 'REFERENT', path: `/api/v1/projects/${palermoProject}`, expect: 200, body: { version, responsibleOfficer: 'Dott.ssa Verifica' } });
    await send({ as: 'REFERENT', path: `/api/v1/projects/${palermoProject}`, expect: 409, body: { version, responsibleOfficer: 'Dott.ssa Verifica' } });
    await send({ as: 'SERVIZIO_CENTRALE', path: `/api/v1/projects/${palermoProject}`, expect: 403, body: { version, title: 'x' } });
  },
  'POST /api/v1/projects/{id}/close': async (send) => {
    const { palermo } = await demo();
    const created = await api('post', {
      as: 'REFERENT',
      path: '/api/v1/projects',
      expect: 201,
      body: { code: `CHI-${randomUUID().slice(0, 8)}`, title: 'Progetto da chiudere', category: 'DM_DS', titolareComuneId: palermo, posti: 5, startDate: '2026-01-01', endDate: '2028-12-31' },
    });
    const id = (created.body as { id: string }).id;
    await send({ as: 'REFERENT', path: `/api/v1/projects/${id}/close`, expect: 400, body: { version: 1 } });
    await send({ as: 'REFERENT', path: `/api/v1/projects/${id}/close`, expect: 200, body: { version: 1, reason: 'Progetto concluso' } });
    await send({ as: 'REFERENT', path: `/api/v1/projects/${id}/close`, expect: 409, body: { version: 1, reason: 'Progetto concluso' } });
  },
  'GET /api/v1/memberships': async (send) => {
    await asEachRole(send, '/api/v1/memberships?pageSize=100');
    await send({ as: 'SECRETARIAT', path: '/api/v1/memberships?status=REQUESTED&sort=-requestedAt', expect: 200 });
  },
  'POST /api/v1/memberships': async (send) => {
    const { canicattini } = await demo();
    const body = { comuneId: canicattini, referentName: 'Referente di Canicattini', referentEmail: 'sai@canicattini.example' };
    await send({ as: 'REFERENT', path: '/api/v1/memberships', expect: 403, body });
    await send({ as: 'REFERENT_OTHER', path: '/api/v1/memberships', expect: 400, body: { comuneId: canicattini } });
    await send({ as: 'REFERENT_OTHER', path: '/api/v1/memberships', expect: 201, body });
    await send({ as: 'REFERENT_OTHER', path: '/api/v1/memberships', expect: 409, body });
  },
  'GET /api/v1/memberships/{id}': async (send) => {
    await asEachRole(send, `/api/v1/memberships/${(await demo()).palermoMembership}`, { REFERENT_OTHER: 404 });
  },
  'POST /api/v1/memberships/{id}/approve': async (send) => {
    const id = await canicattiniMembership();
    await send({ as: 'REFERENT_OTHER', path: `/api/v1/memberships/${id}/approve`, expect: 403, body: {} });
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${id}/approve`, expect: 200, body: {} });
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${id}/approve`, expect: 409, body: {} });
  },
  'POST /api/v1/memberships/{id}/reject': async (send) => {
    const { notoMembership } = await demo();
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${notoMembership}/reject`, expect: 200, body: { reason: 'Manca la delibera di adesione' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${randomUUID()}/reject`, expect: 404, body: { reason: 'Manca la delibera' } });
  },
  'POST /api/v1/memberships/{id}/suspend': async (send) => {
    const id = await canicattiniMembership();
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${id}/suspend`, expect: 200, body: { reason: 'Referente non designato' } });
  },
  'POST /api/v1/memberships/{id}/withdraw': async (send) => {
    const id = await canicattiniMembership();
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${id}/withdraw`, expect: 200, body: { reason: 'Recesso deliberato dal Comune' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/memberships/${id}/withdraw`, expect: 409, body: { reason: 'Recesso deliberato dal Comune' } });
  },

  // --- working groups --------------------------------------------------------------------------
  'GET /api/v1/working-groups': (send) => asEachRole(send, '/api/v1/working-groups?pageSize=100'),
  'POST /api/v1/working-groups': async (send) => {
    const body = { name: `Tavolo ${randomUUID().slice(0, 8)}`, description: 'Gruppo di verifica', memberComuneIds: [(await demo()).palermo] };
    await send({ as: 'SECRETARIAT', path: '/api/v1/working-groups', expect: 201, body });
    await send({ as: 'SECRETARIAT', path: '/api/v1/working-groups', expect: 409, body });
    await send({ as: 'REFERENT', path: '/api/v1/working-groups', expect: 403, body });
  },
  'GET /api/v1/working-groups/{id}': async (send) => {
    await asEachRole(send, `/api/v1/working-groups/${(await demo()).group}`);
  },
  'PATCH /api/v1/working-groups/{id}': async (send) => {
    const { group } = await demo();
    const version = await versionOf('working_groups', group);
    await send({ as: 'SECRETARIAT', path: `/api/v1/working-groups/${group}`, expect: 200, body: { version, description: 'Descrizione aggiornata' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/working-groups/${group}`, expect: 409, body: { version, description: 'Descrizione aggiornata' } });
  },
  'DELETE /api/v1/working-groups/{id}': async (send) => {
    const created = await api('post', { as: 'SECRETARIAT', path: '/api/v1/working-groups', expect: 201, body: { name: `Tavolo ${randomUUID().slice(0, 8)}` } });
    const id = (created.body as { id: string }).id;
    await send({ as: 'SERVIZIO_CENTRALE', path: `/api/v1/working-groups/${id}`, expect: 403 });
    await send({ as: 'SECRETARIAT', path: `/api/v1/working-groups/${id}`, expect: 204 });
    await send({ as: 'SECRETARIAT', path: `/api/v1/working-groups/${id}`, expect: 404 });
  },

  // --- meetings --------------------------------------------------------------------------------
  'GET /api/v1/meetings': async (send) => {
    await asEachRole(send, '/api/v1/meetings?pageSize=100');
    await send({ as: 'SECRETARIAT', path: '/api/v1/meetings?status=DRAFT&sort=-startsAt', expect: 200 });
  },
  'POST /api/v1/meetings': async (send) => {
    const headers = { 'idempotency-key': randomUUID() };
    await send({ as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 201, headers, body: aMeetingBody('Plenaria di verifica') });
    await send({ as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 201, headers, body: aMeetingBody('Plenaria di verifica') });
    await send({ as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 422, headers, body: aMeetingBody('Altra plenaria') });
    await send({ as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 400, body: { ...aMeetingBody('Senza modalità'), mode: 'TELEPATHY' } });
    await send({ as: 'REFERENT', path: '/api/v1/meetings', expect: 403, body: aMeetingBody('Plenaria') });
  },
  'GET /api/v1/meetings/{id}': async (send) => {
    const { plenary, tavolo, webinar } = await demo();
    await asEachRole(send, `/api/v1/meetings/${plenary}`, { REFERENT_OTHER: 404 });
    await asEachRole(send, `/api/v1/meetings/${webinar}`);
    await asEachRole(send, `/api/v1/meetings/${tavolo}`, { REFERENT: 404 });
  },
  'PATCH /api/v1/meetings/{id}': async (send) => {
    const { tavolo } = await demo();
    const version = await versionOf('meetings', tavolo);
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}`, expect: 200, body: { version, place: 'ANCI Sicilia, sala riunioni' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}`, expect: 409, body: { version, place: 'ANCI Sicilia, sala riunioni' } });
  },
  'GET /api/v1/meetings/{id}/calendar.ics': async (send) => {
    const { plenary, tavolo } = await demo();
    await asEachRole(send, `/api/v1/meetings/${plenary}/calendar.ics`);
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}/calendar.ics`, expect: 409 });
  },
  'PUT /api/v1/meetings/{id}/agenda': async (send) => {
    const { tavolo } = await demo();
    const [meeting] = await t.sql<{ starts_at: Date }>(`SELECT starts_at FROM meetings WHERE id = $1`, [tavolo]);
    const start = meeting?.starts_at.getTime() ?? 0;
    const items = [
      { kind: 'OPENING', title: 'Apertura', startsAt: new Date(start).toISOString(), durationMinutes: 15, speakers: [{ name: 'Segreteria', role: null, organisation: 'ANCI Sicilia' }] },
      { kind: 'TALK', title: 'Tutori volontari', startsAt: new Date(start + 15 * 60_000).toISOString() },
    ];
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}/agenda`, expect: 200, body: { version: await versionOf('meetings', tavolo), items } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}/agenda`, expect: 400, body: { version: await versionOf('meetings', tavolo), items: [{ kind: 'NAP' }] } });
  },
  'POST /api/v1/meetings/{id}/convene': async (send) => {
    const created = await api('post', { as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 201, body: aMeetingBody('Da convocare') });
    const id = (created.body as { id: string }).id;
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/convene`, expect: 409, body: { version: 7 } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/convene`, expect: 200, body: { version: 1 } });
  },
  'POST /api/v1/meetings/{id}/hold': async (send) => {
    const { plenary } = await demo();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${plenary}/hold`, expect: 409, body: { version: await versionOf('meetings', plenary) } });
    const started = await aStartedMeeting();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/hold`, expect: 200, body: { version: 1 } });
  },
  'POST /api/v1/meetings/{id}/publish': async (send) => {
    const started = await aStartedMeeting();
    await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/hold`, expect: 200, body: { version: 1 } });
    await api('put', { as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/minutes`, expect: 200, body: { version: 2, markdown: '# Verbale\n\nPresenti i Comuni invitati.' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/publish`, expect: 200, body: { version: await versionOf('meetings', started.id) } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/publish`, expect: 409, body: { version: await versionOf('meetings', started.id) } });
  },
  'GET /api/v1/meetings/{id}/minutes': async (send) => {
    const { webinar, plenary } = await demo();
    await asEachRole(send, `/api/v1/meetings/${webinar}/minutes`, { REFERENT_OTHER: 404 });
    await send({ as: 'REFERENT', path: `/api/v1/meetings/${plenary}/minutes`, expect: 404 });
  },
  'PUT /api/v1/meetings/{id}/minutes': async (send) => {
    const { tavolo } = await demo();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${tavolo}/minutes`, expect: 409, body: { version: await versionOf('meetings', tavolo), markdown: '# Verbale' } });
    const started = await aStartedMeeting();
    await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/hold`, expect: 200, body: { version: 1 } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/minutes`, expect: 200, body: { version: 2, markdown: '# Verbale\n\n- punto uno' } });
  },
  'POST /api/v1/meetings/{id}/cancel': async (send) => {
    const created = await api('post', { as: 'SECRETARIAT', path: '/api/v1/meetings', expect: 201, body: aMeetingBody('Da annullare') });
    const id = (created.body as { id: string }).id;
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/cancel`, expect: 200, body: { version: 1, reason: 'Rinviata a data da destinarsi' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${id}/cancel`, expect: 409, body: { version: 2, reason: 'Di nuovo' } });
  },
  'GET /api/v1/meetings/{id}/invitations': async (send) => {
    const { plenary, tavolo } = await demo();
    await asEachRole(send, `/api/v1/meetings/${plenary}/invitations?pageSize=100`, { REFERENT_OTHER: 404 });
    await send({ as: 'REFERENT', path: `/api/v1/meetings/${tavolo}/invitations`, expect: 404 });
  },
  'POST /api/v1/meetings/{id}/invitations': async (send) => {
    const meeting = await aConvenedMeeting();
    const { canicattini, group } = await demo();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/invitations`, expect: 200, body: { target: 'COMUNI', comuneIds: [canicattini] } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/invitations`, expect: 200, body: { target: 'WORKING_GROUP', workingGroupId: group } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/invitations`, expect: 200, body: { target: 'ACTIVE_MEMBERS' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/invitations`, expect: 400, body: { target: 'EVERYONE' } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${randomUUID()}/invitations`, expect: 404, body: { target: 'ACTIVE_MEMBERS' } });
  },
  'GET /api/v1/meetings/{id}/invitations.csv': async (send) => {
    await asEachRole(send, `/api/v1/meetings/${(await demo()).plenary}/invitations.csv`, networkOnly);
  },
  'PUT /api/v1/meetings/{id}/invitations/{invitationId}/rsvp': async (send) => {
    const meeting = await convenedMeeting();
    const path = `/api/v1/meetings/${meeting.id}/invitations/${meeting.invitation}/rsvp`;
    const version = await versionOf('meeting_invitations', meeting.invitation);
    const body = { version, answer: 'ATTENDING', delegates: [{ name: 'Dott.ssa Giovanna Lo Bue', role: 'Referente SAI' }] };
    await send({ as: 'REFERENT_OTHER', path, expect: 404, body });
    await send({ as: 'REFERENT', path, expect: 200, body });
    await send({ as: 'REFERENT', path, expect: 409, body });
  },
  'PUT /api/v1/meetings/{id}/attendance': async (send) => {
    const started = await aStartedMeeting();
    await api('post', { as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/hold`, expect: 200, body: { version: 1 } });
    const body = { version: 2, entries: [{ invitationId: started.invitation, present: true, delegates: ['Dott.ssa Giovanna Lo Bue'] }] };
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/attendance`, expect: 200, body });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${started.id}/attendance`, expect: 409, body });
  },
  'GET /api/v1/meetings/{id}/documents': async (send) => {
    const document = await meetingDocument();
    await asEachRole(send, `/api/v1/meetings/${document.meeting}/documents`, { REFERENT_OTHER: 404 });
  },
  'POST /api/v1/meetings/{id}/documents': async (send) => {
    const meeting = await convenedMeeting();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/documents`, expect: 201, upload: { name: 'slide.pdf', content: PDF } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/documents`, expect: 415, upload: { name: 'note.txt', content: Buffer.from('appunti') } });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${meeting.id}/documents`, expect: 415, body: { file: 'not a file' } });
  },
  'GET /api/v1/meetings/{id}/documents/{documentId}/content': async (send) => {
    const document = await meetingDocument();
    await asEachRole(send, `/api/v1/meetings/${document.meeting}/documents/${document.id}/content`, { REFERENT_OTHER: 404 });
  },
  'DELETE /api/v1/meetings/{id}/documents/{documentId}': async (send) => {
    const document = await meetingDocument();
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${document.meeting}/documents/${document.id}`, expect: 204 });
    await send({ as: 'SECRETARIAT', path: `/api/v1/meetings/${document.meeting}/documents/${document.id}`, expect: 404 });
  },

  // --- calendar feeds ----------------------------------------------------------------------------
  'GET /api/v1/me/calendar-feed': (send) => asEachRole(send, '/api/v1/me/calendar-feed'),
  'POST /api/v1/me/calendar-feed': async (send) => {
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/me/calendar-feed', expect: 201 });
  },
  'DELETE /api/v1/me/calendar-feed': async (send) => {
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/me/calendar-feed', expect: 204 });
  },
  'GET /api/v1/calendar-feeds/{file}': async (send) => {
    const created = await api('post', { as: 'REFERENT', path: '/api/v1/me/calendar-feed', expect: 201 });
    const url = new URL(String((created.body as { url: string }).url));
    await send({ as: 'ANONYMOUS', path: url.pathname, expect: 200 });
    await send({ as: 'ANONYMOUS', path: `/api/v1/calendar-feeds/${'b'.repeat(43)}.ics`, expect: 404 });
  },

  // --- practices -----------------------------------------------------------------------------------
  'GET /api/v1/practices': async (send) => {
    await asEachRole(send, '/api/v1/practices?pageSize=100');
    await send({ as: 'REFERENT', path: '/api/v1/practices?q=lavoro&sort=relevance', expect: 200 });
  },
  'POST /api/v1/practices': async (send) => {
    const body = { title: 'Sportello unico', summary: 'Uno sportello per l’orientamento ai servizi del territorio.', kind: 'BUONA_PRATICA', tags: ['orientamento'], link: 'https://pratiche.example/sportello' };
    await send({ as: 'REFERENT', path: '/api/v1/practices', expect: 201, body });
    await send({ as: 'SECRETARIAT', path: '/api/v1/practices', expect: 201, body: { ...body, comuneId: null } });
    await send({ as: 'REFERENT', path: '/api/v1/practices', expect: 400, body: { ...body, kind: 'RICETTA' } });
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/practices', expect: 403, body });
  },
  'GET /api/v1/practices/tags': (send) => asEachRole(send, '/api/v1/practices/tags'),
  'GET /api/v1/practices/{id}': async (send) => {
    await asEachRole(send, `/api/v1/practices/${(await demo()).practice}`, { REFERENT_OTHER: 200 });
    await asEachRole(send, `/api/v1/practices/${await aPractice(true)}`);
    await send({ as: 'REFERENT', path: `/api/v1/practices/${randomUUID()}`, expect: 404 });
  },
  'PATCH /api/v1/practices/{id}': async (send) => {
    const id = await aPractice();
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}`, expect: 200, body: { version: 1, tags: ['lavoro', 'tirocini'] } });
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}`, expect: 409, body: { version: 1, title: 'Titolo' } });
    await send({ as: 'REFERENT_OTHER', path: `/api/v1/practices/${id}`, expect: 403, body: { version: 2, title: 'Titolo' } });
  },
  'DELETE /api/v1/practices/{id}': async (send) => {
    const id = await aPractice();
    await send({ as: 'REFERENT_OTHER', path: `/api/v1/practices/${id}`, expect: 403 });
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}`, expect: 204 });
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}`, expect: 404 });
  },
  'PUT /api/v1/practices/{id}/document': async (send) => {
    const id = await aPractice();
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}/document`, expect: 200, upload: { name: 'scheda.pdf', content: PDF } });
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}/document`, expect: 415, raw: { contentType: 'application/json', text: '{"file":"x"}' } });
  },
  'DELETE /api/v1/practices/{id}/document': async (send) => {
    const id = await aPractice(true);
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}/document`, expect: 200 });
    await send({ as: 'REFERENT', path: `/api/v1/practices/${id}/document`, expect: 404 });
  },
  'GET /api/v1/practices/{id}/document': async (send) => {
    await asEachRole(send, `/api/v1/practices/${await aPractice(true)}/document`);
    await send({ as: 'REFERENT', path: `/api/v1/practices/${await aPractice()}/document`, expect: 404 });
  },

  // --- figures and exports -------------------------------------------------------------------------
  'GET /api/v1/stats/dashboard': async (send) => {
    await asEachRole(send, '/api/v1/stats/dashboard');
    await send({ as: 'SERVIZIO_CENTRALE', path: '/api/v1/stats/dashboard?province=PA', expect: 200 });
  },
  'GET /api/v1/exports/directory.{format}': async (send) => {
    await asEachRole(send, '/api/v1/exports/directory.csv?province=SR');
    await send({ as: 'REFERENT', path: '/api/v1/exports/directory.xlsx?province=SR', expect: 200 });
    await send({ as: 'REFERENT', path: '/api/v1/exports/directory.pdf', expect: 400 });
  },
  'GET /api/v1/exports/projects.{format}': (send) => asEachRole(send, '/api/v1/exports/projects.xlsx', networkOnly),
  'GET /api/v1/exports/memberships.{format}': (send) => asEachRole(send, '/api/v1/exports/memberships.csv', networkOnly),
  'GET /api/v1/exports/attendance.{format}': (send) => asEachRole(send, '/api/v1/exports/attendance.csv', networkOnly),

  // --- outbox --------------------------------------------------------------------------------------
  'GET /api/v1/outbox': async (send) => {
    await outboxMessage();
    await asEachRole(send, '/api/v1/outbox?pageSize=100', coordinatorsOnly);
  },
  'GET /api/v1/outbox/overview': async (send) => {
    await asEachRole(send, '/api/v1/outbox/overview', coordinatorsOnly);
    await send({ as: 'SECRETARIAT', path: `/api/v1/outbox/overview?meetingId=${(await convenedMeeting()).id}`, expect: 200 });
  },
  'GET /api/v1/outbox/{id}': async (send) => {
    await asEachRole(send, `/api/v1/outbox/${await outboxMessage()}`, coordinatorsOnly);
    await send({ as: 'SECRETARIAT', path: `/api/v1/outbox/${randomUUID()}`, expect: 404 });
  },
  'POST /api/v1/outbox/{id}/retry': async (send) => {
    const id = await outboxMessage();
    await t.sql(`UPDATE mail_outbox SET status = 'FAILED', last_error = 'smtp down', locked_until = NULL WHERE id = $1`, [id]);
    await send({ as: 'SECRETARIAT', path: `/api/v1/outbox/${id}/retry`, expect: 200 });
    await send({ as: 'SECRETARIAT', path: `/api/v1/outbox/${id}/retry`, expect: 409 });
  },
};

/** Canicattini's membership, requested by its referent (through the API) if it has none yet. */
async function canicattiniMembership(): Promise<string> {
  const { canicattini } = await demo();
  const [existing] = await t.sql<{ id: string; status: string }>(`SELECT id, status FROM memberships WHERE comune_id = $1`, [canicattini]);
  const id =
    existing?.id ??
    ((await api('post', { as: 'REFERENT_OTHER', path: '/api/v1/memberships', expect: 201, body: { comuneId: canicattini, referentName: 'Referente' } })).body as { id: string })
      .id;
  return id;
}

beforeAll(async () => {
  // Some 500 requests in a few seconds, on a machine that may be busy: neither the rate limit nor
  // the load shedding on event-loop lag is what this file is about.
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', MAX_EVENT_LOOP_DELAY_MS: '0' });
  await loadDemoData(t.ownerUrl, 'coopera-demo-2021');
  doc = await loadOpenApi(t.app);
  const users: [Exclude<Caller, 'ANONYMOUS'>, TestUser][] = [
    ['ADMIN', await aUser(t, 'ADMIN')],
    ['SECRETARIAT', await aUser(t, 'SECRETARIAT')],
    ['SERVIZIO_CENTRALE', await aUser(t, 'SERVIZIO_CENTRALE')],
    ['REFERENT', await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO })],
    ['REFERENT_OTHER', await aUser(t, 'COMUNE_REFERENT', { comune: CANICATTINI })],
  ];
  await Promise.all(users.map(async ([caller, user]) => sessions.set(caller, (await signIn(t, user)).token)));
});
afterAll(async () => {
  summarise();
  await t.close();
});

describe('the OpenAPI document', () => {
  it('documents every route of the app, and nothing else', () => {
    const app = listAppRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(listOperations(doc)).toEqual(app.sort());
  });

  it('has an example request for every operation, and none for operations that are gone', () => {
    const operations = listOperations(doc);
    expect(operations.filter((o) => !EXAMPLES[o])).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((o) => !operations.includes(o))).toEqual([]);
  });

  it('resolves every reference and names only declared security schemes', () => {
    const text = JSON.stringify(doc);
    const refs = [...new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? ''))];
    expect(refs.filter((name) => !doc.components?.schemas?.[name])).toEqual([]);
    // `type: Object` in a decorator documents nothing: it becomes an empty schema named "Object".
    expect(refs.filter((name) => name === 'Object')).toEqual([]);
    const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
    const used = listOperations(doc).flatMap((o) => {
      const [method, path] = o.split(' ');
      const operation = doc.paths[path ?? '']?.[(method ?? '').toLowerCase() as HttpMethod];
      return (operation?.security ?? []).flatMap((requirement) => Object.keys(requirement));
    });
    expect([...new Set(used)].filter((s) => !schemes.has(s))).toEqual([]);
  });

  it('documents the answers any route may give: 400, 429 and 503 everywhere, 413 and 415 wherever a body may come', () => {
    const missing = listOperations(doc).flatMap((o) => {
      const [method, path] = o.split(' ') as [string, string];
      const operation = doc.paths[path]?.[method.toLowerCase() as HttpMethod];
      const expected = method === 'GET' ? ['400', '429', '503'] : ['400', '413', '415', '429', '503'];
      return expected.filter((s) => !operation?.responses[s]?.content?.['application/problem+json']).map((s) => `${o} ${s}`);
    });
    expect(missing).toEqual([]);
  });

  it('catches an answer that strays from it (the checks can fail)', () => {
    const page = { items: [], total: 0, page: 1, pageSize: 20 };
    const ok = { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(page) };
    expect(openApiMismatches(doc, 'GET', '/api/v1/working-groups?page=1', ok)).toEqual([]);
    const strays: [string, object][] = [
      ['an undocumented status', { ...ok, status: 418 }],
      ['an undocumented content type', { ...ok, headers: { 'content-type': 'text/html' } }],
      ['a missing field', { ...ok, text: JSON.stringify({ items: [], total: 0, page: 1 }) }],
      ['a field of the wrong type', { ...ok, text: JSON.stringify({ ...page, total: '0' }) }],
      ['an undocumented field', { ...ok, text: JSON.stringify({ ...page, secret: 'x' }) }],
      ['null where the document does not allow it', { ...ok, text: JSON.stringify({ ...page, items: [null] }) }],
      ['a body where none is documented', { status: 204, headers: { 'content-type': 'application/json' }, text: '{}' }],
    ];
    for (const [what, res] of strays) {
      const path = what.startsWith('a body where') ? '/api/v1/working-groups/00000000-0000-4000-8000-000000000000' : '/api/v1/working-groups';
      const method = what.startsWith('a body where') ? 'DELETE' : 'GET';
      expect({ what, mismatches: openApiMismatches(doc, method, path, res as never).length > 0 }).toEqual({ what, mismatches: true });
    }
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' };
    const notFound = { status: 404, headers: { 'content-type': 'application/problem+json' }, text: JSON.stringify(problem) };
    expect(openApiMismatches(doc, 'GET', `/api/v1/working-groups/${randomUUID()}`, notFound)).toEqual([]);
    expect(openApiMismatches(doc, 'GET', `/api/v1/working-groups/${randomUUID()}`, { ...notFound, text: JSON.stringify({ ...problem, status: undefined }) })).not.toEqual([]);
  });
});

describe('answers match the OpenAPI document', () => {
  it.each(Object.keys(EXAMPLES))('%s', async (route) => {
    const [methodName, template] = route.split(' ') as [string, string];
    const method = methodName.toLowerCase() as HttpMethod;
    const before = checked.length;
    const send: Send = async (call) => {
      const found = findOperation(doc, method, call.path);
      if (found?.template !== template) throw new Error(`${call.path} is not an example of ${route} but of ${found?.template ?? 'nothing'}`);
      return request(method, call);
    };
    await EXAMPLES[route]?.(send);
    const mine = checked.slice(before).filter((c) => c.route === route);
    expect(mine.length).toBeGreaterThan(0);
    // Every operation shows its success shape at least once, not only its refusals.
    expect(mine.some((c) => c.status < 300)).toBe(true);
  });

  it('answers 401 problem+json, as documented, to every protected route without a token', async () => {
    for (const route of listAppRoutes(t.app).filter((r) => r.rule?.kind !== 'public')) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'format' ? 'csv' : name === 'file' ? 'x.ics' : randomUUID()));
      await request(route.method.toLowerCase() as HttpMethod, { as: 'ANONYMOUS', path, expect: 401 });
    }
  });

  it('answers 400 problem+json, as documented, to an id that is not a UUID', async () => {
    for (const route of listAppRoutes(t.app).filter((r) => /\{\w*[iI]d\}/.test(r.path))) {
      const rule = route.rule;
      const caller = ROLE_CALLERS.find((c) => rule?.kind !== 'permission' || rule.permissions.some((p) => hasPermission(roleOf(c), p)));
      if (!caller) throw new Error(`nobody may call ${route.method} ${route.path}`);
      const path = route.path.replace(/\{(\w+)\}/g, 'not-a-uuid');
      await request(route.method.toLowerCase() as HttpMethod, { as: caller, path, expect: 400 });
    }
  });
});

function roleOf(caller: (typeof ROLE_CALLERS)[number]): Role {
  return caller === 'REFERENT' ? 'COMUNE_REFERENT' : caller;
}

/** Which operations were checked, as whom, with which statuses: printed for the record. */
function summarise(): void {
  const byRoute = new Map<string, { statuses: Set<number>; callers: Set<Caller> }>();
  for (const c of checked) {
    const entry = byRoute.get(c.route) ?? { statuses: new Set(), callers: new Set() };
    entry.statuses.add(c.status);
    entry.callers.add(c.caller);
    byRoute.set(c.route, entry);
  }
  const signedIn = [...byRoute.values()].reduce((n, e) => n + [...e.callers].filter((c) => c !== 'ANONYMOUS').length, 0);
  const lines = [...byRoute]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, e]) => `  ${route.padEnd(62)} ${[...e.statuses].sort().join(' ').padEnd(24)} ${[...e.callers].sort().join(' ')}`);
  console.log(`OpenAPI conformance: ${checked.length} answers checked, ${byRoute.size} operations, ${signedIn} operation × signed-in caller pairs\n${lines.join('\n')}`);
}
