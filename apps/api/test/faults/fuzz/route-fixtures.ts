import { Role, ROLES } from '@coopera/domain';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenPayload } from '../../../src/auth/authenticated-user';
import { aMembership, anEnte, aProject, aTaxCode, aUser, aWorkingGroup, CANICATTINI, comuneId, PALERMO, TEST_PASSWORD } from '../../factories';
import { TestApp } from '../../test-app';
import { StampedRow } from './write-probe';

export type Body = Record<string, unknown>;
export type Headers = Record<string, string>;
type Params = Record<string, string>;

/** What the fuzzer needs to reach the deep paths of one write route: valid ids, valid bodies, who may call. */
export interface RouteFixture {
  /** Ids that exist, per path parameter (most cases use one of them). */
  params?: Record<string, readonly string[]>;
  /** Valid bodies for the chosen ids; called for every case (current version, fresh unique names). */
  seeds?: readonly ((params: Params) => Body | Promise<Body>)[];
  /** Refusals this route gives besides 400/404/409/413/415/422, and why they are right here. */
  alsoRefuses?: Readonly<Record<number, string>>;
  /** A row a refused request writes by design (the audit of a failed sign-in). */
  refusalMayWrite?: (row: StampedRow) => boolean;
  /** Each case signs in as a new user of this role (the route changes or limits its caller). */
  freshCaller?: Role;
  /** Cookies to send, e.g. a refresh token. */
  cookies?: readonly string[];
  /** Why no generated request can succeed here; without it, a route that never answered 2xx fails the test (its fuzzing stayed shallow). */
  neverAccepts?: string;
}

/** Everything the fixtures made, for the fuzzer: ids of every kind, to be used where another kind is wanted. */
export interface FuzzWorld {
  fixtures: Record<string, RouteFixture>;
  allIds: string[];
  /** Authorization header of a user of each role (referents of Palermo). */
  auth: Record<Role, Headers>;
  /** Signs an access token for a new user of `role`. */
  freshCaller(role: Role): Promise<Headers>;
  /** To call after a request that succeeded: the versions the seeds read may have changed. */
  forgetVersions(): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LATER = { startsAt: '2031-05-06T09:30:00+02:00', endsAt: '2031-05-06T12:00:00+02:00' };
const EARLIER = { startsAt: '2024-03-05T09:30:00+01:00', endsAt: '2024-03-05T12:00:00+01:00' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Builds, through the API where it has rules and as the owner where it has none, what every write route works on. */
export async function buildWorld(t: TestApp): Promise<FuzzWorld> {
  const jwt = t.app.get(JwtService);
  const tokenFor = async (user: { id: string; role: Role; comuneId: string | null }): Promise<Headers> => {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, cid: user.comuneId };
    return { authorization: `Bearer ${await jwt.signAsync(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS * 20, jwtid: randomUUID() })}` };
  };
  const freshCaller = async (role: Role) => tokenFor(await aUser(t, role, { comune: PALERMO }));
  const auth = {} as Record<Role, Headers>;
  for (const role of ['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT'] as const) auth[role] = await freshCaller(role);

  const fastify = t.app.getHttpAdapter().getInstance();
  // Versions change only when a request succeeds (a refused one writes nothing: that is tested),
  // so they are read once and forgotten after each success.
  const versions = new Map<string, number>();
  const api = async <T = Body>(method: 'POST' | 'PUT' | 'PATCH', url: string, body: Body, as: Headers = auth.SECRETARIAT): Promise<T> => {
    const res = await fastify.inject({ method, url, headers: as, payload: body });
    if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
    versions.clear();
    return res.json<T>();
  };
  const upload = async (url: string, method: 'POST' | 'PUT') => {
    const boundary = 'fixture-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="programma.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fastify.inject({ method, url, headers: { ...auth.ADMIN, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    if (res.statusCode >= 300) throw new Error(`fixture upload ${url}: ${res.statusCode} ${res.body}`);
    versions.clear();
    return res.json<{ id: string }>();
  };
  const version = async (table: string, id: string | undefined, fallback = 1, column = 'id'): Promise<number> => {
    if (!id || !UUID.test(id)) return fallback; // a fuzzed id: the API must refuse it, whatever the version
    const key = `${table}/${id}`;
    const known = versions.get(key);
    if (known !== undefined) return known;
    const [row] = await t.sql<{ version: number }>(`SELECT version FROM ${table} WHERE ${column} = $1`, [id]);
    versions.set(key, row?.version ?? fallback);
    return row?.version ?? fallback;
  };
  let serial = 0;
  const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${serial++}`;

  const palermo = await comuneId(t, PALERMO);
  const canicattini = await comuneId(t, CANICATTINI);
  // Comuni with no project and no membership yet, in the Palermo area (first in ISTAT order).
  const others = await t.sql<{ id: string; istat_code: string }>(
    `SELECT id, istat_code FROM comuni c WHERE kind = 'COMUNE' AND istat_code NOT IN ($1, $2)
       AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.comune_id = c.id) AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.comune_id = c.id)
     ORDER BY istat_code LIMIT 12`,
    [PALERMO, CANICATTINI],
  );
  const otherComuni = others.map((r) => r.id);

  const times = <T>(n: number, make: (i: number) => Promise<T>): Promise<T[]> =>
    Array.from({ length: n }).reduce<Promise<T[]>>(async (done, _, i) => [...(await done), await make(i)], Promise.resolve([]));

  // Each route that changes the state of what it acts on (deletes it, moves it to another status)
  // has ids of its own: the routes run one after the other, and one must not use up another's.

  // Registry.
  const entes = await times(3, () => anEnte(t));
  const members = [[PALERMO, CANICATTINI], [PALERMO], [CANICATTINI]];
  const groups = await times(3, (i) => aWorkingGroup(t, members[i] ?? []));
  const doomedGroups = await times(3, () => aWorkingGroup(t, [PALERMO]));
  // Palermo's own open projects (its referent may edit them) and others' (only the network roles may).
  const palermoProjects = await t.sql<{ id: string }>(`SELECT id FROM projects WHERE comune_id = $1 AND status <> 'CLOSED' ORDER BY code LIMIT 2`, [palermo]);
  const projects = [...palermoProjects, await aProject(t, others[0]?.istat_code ?? '', { category: 'MSNA' }), await aProject(t, others[1]?.istat_code ?? '', { category: 'DM_DS', status: 'PROSECUZIONE' })];
  const closable = [await aProject(t, others[0]?.istat_code ?? '', { category: 'ORDINARI' }), await aProject(t, others[1]?.istat_code ?? '', { category: 'MSNA' })];
  const requestedFor = async (from: number) => (await times(2, (i) => aMembership(t, others[from + i]?.istat_code ?? '', 'REQUESTED'))).map((m) => m.id);
  const toApprove = await requestedFor(2);
  const toReject = await requestedFor(4);
  const active = [(await aMembership(t, PALERMO, 'ACTIVE')).id, (await aMembership(t, CANICATTINI, 'ACTIVE')).id];
  const toWithdraw = (await times(2, (i) => aMembership(t, others[6 + i]?.istat_code ?? '', 'ACTIVE'))).map((m) => m.id);
  const targets = [await aUser(t, 'COMUNE_REFERENT', { comune: CANICATTINI }), await aUser(t, 'SECRETARIAT'), await aUser(t, 'SERVIZIO_CENTRALE')];
  const activations = await times(5, async (i) => {
    const created = await api<{ activationUrl: string }>(
      'POST',
      '/api/v1/users',
      { email: `attivare-${i}-${randomUUID().slice(0, 6)}@test.example`, name: 'Da Attivare', role: 'SECRETARIAT' },
      auth.ADMIN,
    );
    return new URL(created.activationUrl).searchParams.get('token') ?? '';
  });
  const outbox = await times(3, async () => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO mail_outbox (kind, status, dedupe_key, comune_id, subject, text_body, attempts, last_error)
       VALUES ('CONVOCATION', 'FAILED', $1, $2, 'Convocazione', 'Testo', 10, 'SMTP non raggiungibile') RETURNING id`,
      [`fuzz-${randomUUID()}`, palermo],
    );
    return row?.id ?? '';
  });
  // A second factor being set up, so that enabling it reaches the check of the code.
  for (const role of ROLES) await fastify.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: auth[role] });

  // Practices, some with a document.
  const practiceSeed = () => ({
    title: unique('Sportello di mediazione'),
    summary: 'Uno sportello di mediazione linguistica condiviso tra i Comuni del distretto.',
    kind: 'BUONA_PRATICA',
    tags: ['mediazione', 'lavoro di rete'],
    link: 'https://example.org/pratica',
  });
  const practice = async (withDocument: boolean) => {
    const { id } = await api<{ id: string }>('POST', '/api/v1/practices', { ...practiceSeed(), comuneId: palermo }, auth.ADMIN);
    if (withDocument) await upload(`/api/v1/practices/${id}/document`, 'PUT');
    return id;
  };
  const practices = await times(3, () => practice(false));
  const doomedPractices = await times(3, () => practice(false));
  const withDocuments = await times(3, () => practice(true));

  // Meetings in every state the routes act on.
  const meeting = (when = LATER, extra: Body = {}) =>
    api<{ id: string; version: number }>('POST', '/api/v1/meetings', {
      title: unique('Tavolo tecnico'),
      mode: 'HYBRID',
      place: 'Palermo, Sala delle Lapidi',
      onlineUrl: 'https://meet.example/coopera',
      seatLimit: 30,
      ...when,
      ...extra,
    });
  const step = async (id: string, name: string, body: Body = {}) => {
    const v = await version('meetings', id);
    await api('POST', `/api/v1/meetings/${id}/${name}`, { version: v, ...body });
  };
  const invite = (id: string) => api('POST', `/api/v1/meetings/${id}/invitations`, { target: 'COMUNI', comuneIds: [palermo, canicattini] });
  const drafts = (n: number) => times(n, async () => (await meeting()).id);
  const convened = (n: number, when = LATER) =>
    times(n, async () => {
      const { id } = await meeting(when);
      await invite(id);
      await step(id, 'convene');
      return id;
    });
  const held = (n: number) =>
    times(n, async () => {
      const [id = ''] = await convened(1, EARLIER);
      await step(id, 'hold');
      await api('PUT', `/api/v1/meetings/${id}/minutes`, { version: await version('meetings', id), markdown: '# Verbale\n\nPresenti i Comuni invitati.' });
      return id;
    });
  const meetings = {
    edited: [...(await drafts(2)), ...(await convened(1))],
    cancelled: [...(await drafts(2)), ...(await convened(2))],
    convened: await drafts(3),
    documents: await drafts(2),
    invited: [...(await drafts(2)), ...(await convened(1))],
    agenda: [...(await drafts(2)), ...(await convened(1))],
    held: await convened(3, EARLIER),
    published: await held(3),
    minutes: await held(2),
    attendance: await held(2),
    answered: await convened(2),
    withDocuments: await drafts(1),
  };
  const documents = await times(4, async () => (await upload(`/api/v1/meetings/${meetings.withDocuments[0]}/documents`, 'POST')).id);
  const invitationsOf = async (ids: string[], comune?: string) =>
    (
      await t.sql<{ id: string }>(`SELECT id FROM meeting_invitations WHERE meeting_id = ANY($1) AND ($2::uuid IS NULL OR comune_id = $2) ORDER BY id`, [
        ids,
        comune ?? null,
      ])
    ).map((r) => r.id);
  const rsvpInvitations = await invitationsOf(meetings.answered, palermo);
  const heldInvitations = await invitationsOf(meetings.attendance);

  const meetingBody = () => ({
    title: unique('Tavolo tecnico'),
    description: 'Il lavoro di rete tra i Comuni titolari di progetti SAI.',
    ...LATER,
    mode: 'HYBRID',
    place: 'Palermo, Sala delle Lapidi',
    onlineUrl: 'https://meet.example/coopera',
    seatLimit: 40,
    workingGroupId: groups[0]?.id,
  });
  const projectFields = (start = '2026-01-01') => ({
    title: 'Accoglienza integrata per nuclei familiari',
    category: 'ORDINARI',
    status: 'ACTIVE',
    posti: 25,
    startDate: start,
    endDate: '2028-12-31',
    associatedComuneIds: [canicattini],
    expansions: [{ posti: 5, effectiveFrom: '2027-01-01', actReference: 'DM 123/2027' }],
    extensions: [{ until: '2029-12-31', actReference: 'DM 45/2028' }],
    responsibleOfficer: 'Dott.ssa Maria Rossi',
    mailbox: 'sai@comune.example',
    services: ['ACCOGLIENZA_MATERIALE', 'ORIENTAMENTO_LEGALE'],
    entiGestori: [{ taxCode: entes[0]?.taxCode, role: 'ATTUATORE' }],
  });
  const enteFields = () => ({
    name: unique('Cooperativa Sociale'),
    legalForm: 'COOPERATIVA_SOCIALE',
    seatComuneId: palermo,
    email: 'info@coop.example',
    pec: 'coop@pec.example',
    phone: '+39 091 123456',
    website: 'https://coop.example',
  });
  const reason = () => ({ reason: 'Deliberazione della segreteria del coordinamento.' });

  const fixtures: Record<string, RouteFixture> = {
    'DELETE /api/v1/me/calendar-feed': {},
    'DELETE /api/v1/meetings/:id/documents/:documentId': { params: { id: meetings.withDocuments, documentId: documents } },
    'DELETE /api/v1/practices/:id': { params: { id: doomedPractices } },
    'DELETE /api/v1/practices/:id/document': { params: { id: withDocuments } },
    'DELETE /api/v1/working-groups/:id': { params: { id: doomedGroups.map((g) => g.id) } },
    'PATCH /api/v1/auth/me': { seeds: [() => ({ name: 'Maria Rossi' })] },
    'PATCH /api/v1/comuni/:id': {
      params: { id: [palermo, canicattini] },
      alsoRefuses: { 403: "a referent edits only their own Comune's profile" },
      seeds: [
        async ({ id }) => {
          return {
            version: await version('comune_profiles', id, 0, 'comune_id'),
            saiOffice: 'Ufficio Servizi sociali — SAI',
            email: 'sai@comune.example',
            pec: 'sai@pec.comune.example',
            phone: '+39 091 7401111',
            coordinationReferent: 'Dott. Bianchi',
            notes: 'Riunioni il martedì.',
          };
        },
      ],
    },
    'PATCH /api/v1/enti-gestori/:id': {
      params: { id: entes.map((e) => e.id) },
      seeds: [async ({ id }) => ({ version: await version('enti_gestori', id), ...enteFields(), proposed: false })],
    },
    'PATCH /api/v1/meetings/:id': { params: { id: meetings.edited }, seeds: [async ({ id }) => ({ version: await version('meetings', id), ...meetingBody() })] },
    'PATCH /api/v1/practices/:id': {
      params: { id: practices },
      seeds: [async ({ id }) => ({ version: await version('practices', id), ...practiceSeed() })],
      alsoRefuses: { 403: 'a referent may only edit the practices of their own Comune' },
    },
    'PATCH /api/v1/projects/:id': {
      params: { id: projects.map((p) => p.id) },
      seeds: [async ({ id }) => ({ version: await version('projects', id), code: unique('PROG').replace(/ /g, '-'), ...projectFields() })],
    },
    'PATCH /api/v1/users/:id': {
      params: { id: targets.map((u) => u.id) },
      seeds: [async ({ id }) => ({ version: await version('users', id), name: 'Giuseppe Verdi', role: 'COMUNE_REFERENT', comuneId: canicattini, active: true })],
    },
    'PATCH /api/v1/working-groups/:id': {
      params: { id: groups.map((g) => g.id) },
      seeds: [async ({ id }) => ({ version: await version('working_groups', id), name: unique('Tavolo'), description: 'Inserimento lavorativo', memberComuneIds: [palermo, canicattini] })],
    },
    'POST /api/v1/auth/activate': {
      seeds: activations.map((token) => () => ({ token, password: 'Una-password-nuova-e-lunga-7' })),
      alsoRefuses: { 401: 'the activation token is the credential: an unknown or used one is a 401' },
    },
    'POST /api/v1/auth/login': {
      seeds: [() => ({ email: targets[1]?.email, password: TEST_PASSWORD }), () => ({ email: targets[0]?.email, password: TEST_PASSWORD, totp: '123456' })],
      alsoRefuses: { 401: 'wrong credentials' },
      refusalMayWrite: ({ table, row }) => table === 'public.audit_events' && row['action'] === 'auth.login.failed',
    },
    'POST /api/v1/auth/logout': { cookies: ['coopera_refresh=not-a-token', `coopera_refresh=${'A'.repeat(43)}`] },
    'POST /api/v1/auth/password': {
      freshCaller: 'COMUNE_REFERENT',
      seeds: [() => ({ currentPassword: TEST_PASSWORD, newPassword: 'Un-altra-password-robusta-42' })],
    },
    'POST /api/v1/auth/refresh': {
      neverAccepts: 'no generated cookie is a live refresh token',
      cookies: ['coopera_refresh=not-a-token', `coopera_refresh=${'A'.repeat(43)}`],
      alsoRefuses: { 401: 'the refresh cookie is the credential' },
    },
    'POST /api/v1/auth/totp/enable': {
      seeds: [() => ({ code: '123456' })],
      alsoRefuses: { 401: 'a wrong code' },
      neverAccepts: 'a generated code matches the authenticator one time in a million',
    },
    'POST /api/v1/auth/totp/setup': {},
    'POST /api/v1/enti-gestori': { seeds: [() => ({ ...enteFields(), taxCode: aTaxCode() })] },
    'POST /api/v1/me/calendar-feed': {},
    'POST /api/v1/meetings': { seeds: [() => meetingBody()] },
    'POST /api/v1/meetings/:id/cancel': { params: { id: meetings.cancelled }, seeds: [async ({ id }) => ({ version: await version('meetings', id), ...reason() })] },
    'POST /api/v1/meetings/:id/convene': { params: { id: meetings.convened }, seeds: [async ({ id }) => ({ version: await version('meetings', id) })] },
    'POST /api/v1/meetings/:id/documents': { params: { id: meetings.documents } },
    'POST /api/v1/meetings/:id/hold': { params: { id: meetings.held }, seeds: [async ({ id }) => ({ version: await version('meetings', id) })] },
    'POST /api/v1/meetings/:id/invitations': {
      params: { id: meetings.invited },
      seeds: [
        () => ({ target: 'COMUNI', comuneIds: [palermo, canicattini, ...otherComuni.slice(0, 2)] }),
        () => ({ target: 'WORKING_GROUP', workingGroupId: groups[0]?.id }),
        () => ({ target: 'ACTIVE_MEMBERS' }),
      ],
    },
    'POST /api/v1/meetings/:id/publish': { params: { id: meetings.published }, seeds: [async ({ id }) => ({ version: await version('meetings', id) })] },
    'POST /api/v1/memberships': {
      alsoRefuses: { 403: 'a referent asks to join only for their own Comune' },
      seeds: [
        () => ({
          comuneId: otherComuni[8 + (serial++ % 4)],
          referentName: 'Mario Rossi',
          referentRole: 'Assessore alle politiche sociali',
          referentEmail: 'm.rossi@comune.example',
          note: 'Richiesta di adesione al coordinamento.',
        }),
      ],
    },
    'POST /api/v1/memberships/:id/approve': { params: { id: toApprove }, seeds: [reason] },
    'POST /api/v1/memberships/:id/reject': { params: { id: toReject }, seeds: [reason] },
    'POST /api/v1/memberships/:id/suspend': { params: { id: active }, seeds: [reason] },
    'POST /api/v1/memberships/:id/withdraw': { params: { id: toWithdraw }, seeds: [reason] },
    'POST /api/v1/outbox/:id/retry': { params: { id: outbox } },
    'POST /api/v1/practices': { seeds: [() => ({ ...practiceSeed(), comuneId: palermo })] },
    'POST /api/v1/projects': {
      alsoRefuses: { 403: 'a referent creates projects only for their own Comune' },
      seeds: [
        () => ({ titolareComuneId: otherComuni[5 + (serial % 7)], code: unique('PROG').replace(/ /g, '-'), ...projectFields(), category: 'MSNA' }),
        () => ({ titolareComuneId: palermo, code: unique('PROG').replace(/ /g, '-'), ...projectFields() }),
      ],
    },
    'POST /api/v1/projects/:id/close': {
      params: { id: closable.map((p) => p.id) },
      seeds: [async ({ id }) => ({ version: await version('projects', id), reason: 'Fine del triennio di finanziamento' })],
    },
    'POST /api/v1/users': { seeds: [() => ({ email: `${randomUUID().slice(0, 8)}@comune.example`, name: 'Maria Rossi', role: 'COMUNE_REFERENT', comuneId: palermo })] },
    'POST /api/v1/working-groups': { seeds: [() => ({ name: unique('Tavolo'), description: 'Inserimento abitativo', memberComuneIds: [palermo, canicattini] })] },
    'PUT /api/v1/meetings/:id/agenda': {
      params: { id: meetings.agenda },
      seeds: [
        async ({ id }) => ({
          version: await version('meetings', id),
          items: [
            { kind: 'OPENING', title: 'Apertura dei lavori', startsAt: '2031-05-06T09:30:00+02:00', durationMinutes: 15 },
            {
              kind: 'TALK',
              title: 'Il SAI e il territorio',
              startsAt: '2031-05-06T09:45:00+02:00',
              speakers: [{ name: 'Angela Errore', role: 'Responsabile U.O.', organisation: 'Comune di Palermo' }],
            },
          ],
        }),
      ],
    },
    'PUT /api/v1/meetings/:id/attendance': {
      params: { id: meetings.attendance },
      seeds: [
        async ({ id }) => ({
          version: await version('meetings', id),
          entries: (UUID.test(id ?? '') ? await invitationsOf([id ?? '']) : heldInvitations.slice(0, 2)).map((invitationId, i) => ({ invitationId, present: i === 0, delegates: ['Andrea Baffo'] })),
        }),
      ],
    },
    'PUT /api/v1/meetings/:id/invitations/:invitationId/rsvp': {
      params: { id: meetings.answered, invitationId: rsvpInvitations },
      seeds: [
        async ({ invitationId }) => ({
          version: await version('meeting_invitations', invitationId),
          answer: 'ATTENDING',
          delegates: [{ name: 'Andrea Baffo', role: 'Coordinatore SAI' }],
        }),
      ],
    },
    'PUT /api/v1/meetings/:id/minutes': {
      params: { id: meetings.minutes },
      seeds: [async ({ id }) => ({ version: await version('meetings', id), markdown: '# Verbale\n\n- Presenti: Palermo, Canicattini Bagni\n- Deliberato: *sì*' })],
    },
    'PUT /api/v1/practices/:id/document': { params: { id: practices }, alsoRefuses: { 403: 'a referent may only edit the practices of their own Comune' } },
  };

  return {
    fixtures,
    allIds: [palermo, canicattini, ...entes.map((e) => e.id), ...groups.map((g) => g.id), ...projects.map((p) => p.id), ...meetings.edited, ...heldInvitations, ...targets.map((u) => u.id)],
    auth,
    freshCaller,
    forgetVersions: () => versions.clear(),
  };
}
