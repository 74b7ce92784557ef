import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '@coopera/domain';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { aMembership, anEnte, aProject, aTaxCode, bearer, comuneId, PALERMO } from './factories';
import { isWriteRoute, listAppRoutes } from './app-routes';
import { startTestApp, TestApp } from './test-app';

/*
 * Bodies the API cannot read are refused before any route sees them, on every write route; and
 * the bugs the generated bad input of faults/bad-input.faults-spec.ts found, one test each.
 */
let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await bearer(t, 'ADMIN');
});
afterAll(() => t.close());

const inject = (options: InjectOptions) => t.app.getHttpAdapter().getInstance().inject(options);

function problem(res: LightMyRequestResponse, status: number): ProblemDetails {
  expect({ status: res.statusCode, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringContaining(PROBLEM_CONTENT_TYPE) });
  const body = res.json<ProblemDetails>();
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body;
}

const fieldsOf = (body: ProblemDetails) => (body.errors ?? []).map((e) => e.name);
const json = (method: InjectOptions['method'], url: string, payload: unknown, headers = admin) =>
  inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
/** A draft from 7:30 to 10:00 UTC on 6 May 2031, version 1. */
const aDraftMeeting = async () =>
  (await json('POST', '/api/v1/meetings', { title: 'Tavolo tecnico', mode: 'ONLINE', onlineUrl: 'https://x.example', startsAt: '2031-05-06T07:30:00Z', endsAt: '2031-05-06T10:00:00Z' })).json<{
    id: string;
  }>().id;
const count = async (table: string) => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('bodies that cannot be read, on every write route', () => {
  const cases: [number, string, Partial<InjectOptions>][] = [
    [400, 'malformed JSON', { headers: { 'content-type': 'application/json' }, payload: '{"version": ' }],
    [400, 'an empty JSON body', { headers: { 'content-type': 'application/json' }, payload: '' }],
    [400, 'JSON nested 10,000 levels deep', { headers: { 'content-type': 'application/json' }, payload: '['.repeat(10_000) + ']'.repeat(10_000) }],
    [400, 'a prototype-polluting key', { headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"role": "ADMIN"}}' }],
    [415, 'text/plain', { headers: { 'content-type': 'text/plain' }, payload: 'version=1' }],
    [415, 'a form (application/x-www-form-urlencoded)', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'version=1&reason=x' }],
    [415, 'XML', { headers: { 'content-type': 'application/xml' }, payload: '<version>1</version>' }],
    [413, 'a JSON body over 1 MiB', { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: 'x'.repeat(1024 * 1024) }) }],
  ];

  it.each(cases)('answers %d problem+json to %s, and writes nothing', async (status, _, options) => {
    const routes = listAppRoutes(t.app).filter(isWriteRoute);
    expect(routes.length).toBeGreaterThan(40);
    const before = await count('audit_events');
    const wrong: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/:\w+/g, () => randomUUID());
      const res = await inject({ ...options, method: route.method, url, headers: { ...admin, ...options.headers } });
      const ok = res.statusCode === status && String(res.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE);
      if (!ok) wrong.push(`${route.key}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(await count('audit_events')).toBe(before);
  });
});

describe('regressions found by the generated bad input', () => {
  it('answers a path that is not valid percent-encoding with a problem+json 400 (was Fastify’s own JSON)', async () => {
    const body = problem(await inject({ method: 'DELETE', url: '/api/v1/practices/%', headers: admin }), 400);
    expect(body.detail).toContain('not a valid url component');
  });

  it('refuses a version past the integer column with 400 naming it (was a 500 from PostgreSQL)', async () => {
    const ente = await anEnte(t);
    const body = problem(await json('PATCH', `/api/v1/enti-gestori/${ente.id}`, { version: 2 ** 32, name: 'Cooperativa Nuova' }), 400);
    expect(fieldsOf(body)).toEqual(['version']);
    const meeting = await aDraftMeeting();
    expect(fieldsOf(problem(await json('POST', `/api/v1/meetings/${meeting}/convene`, { version: 2_147_483_648 }), 400))).toEqual(['version']);
  });

  it('refuses null for a field a change may leave out but not empty (was a NOT NULL violation, a 500)', async () => {
    const ente = await anEnte(t);
    expect(fieldsOf(problem(await json('PATCH', `/api/v1/enti-gestori/${ente.id}`, { version: 1, legalForm: null }), 400))).toEqual(['legalForm']);
    const project = await aProject(t, PALERMO, { category: 'MSNA' });
    expect(fieldsOf(problem(await json('PATCH', `/api/v1/projects/${project.id}`, { version: 1, category: null }), 400))).toEqual(['category']);
    // A nullable field may still be emptied.
    const res = await json('PATCH', `/api/v1/enti-gestori/${ente.id}`, { version: 1, website: null });
    expect(res.statusCode).toBe(200);
  });

  it('takes null tags of a practice as no tags, as on creation (was a NOT NULL violation, a 500)', async () => {
    const created = await json('POST', '/api/v1/practices', {
      title: 'Sportello di mediazione',
      summary: 'Uno sportello di mediazione linguistica condiviso tra i Comuni.',
      kind: 'BUONA_PRATICA',
      tags: ['mediazione'],
    });
    const { id, version } = created.json<{ id: string; version: number }>();
    const res = await json('PATCH', `/api/v1/practices/${id}`, { version, tags: null });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ tags: string[] }>().tags).toEqual([]);
  });

  it('refuses fields named like Object.prototype members (class-transformer skipped them: the body was taken without them)', async () => {
    const membership = await aMembership(t, '081001', 'REQUESTED');
    const before = await count('membership_events');
    for (const key of ['hasOwnProperty', 'toString', 'constructor', 'prototype']) {
      const body = problem(await inject({ method: 'POST', url: `/api/v1/memberships/${membership.id}/approve`, headers: { ...admin, 'content-type': 'application/json' }, payload: `{"${key}": 1}` }), 400);
      expect(fieldsOf(body)).toEqual([key]);
    }
    expect(await count('membership_events')).toBe(before);
  });

  it('refuses text PostgreSQL cannot store, naming the field (NUL and unpaired surrogates were 500s)', async () => {
    const palermo = await comuneId(t, PALERMO);
    const nul = problem(await json('PATCH', `/api/v1/comuni/${palermo}`, { version: 0, saiOffice: 'Ufficio\u0000SAI' }), 400);
    expect(nul.errors).toEqual([{ name: 'saiOffice', reason: 'must not contain NUL characters' }]);
    const meeting = await aDraftMeeting();
    const agenda = { version: 1, items: [{ kind: 'TALK', title: 'Intervento', startsAt: '2031-05-06T07:30:00Z', speakers: [{ name: 'Angela \uDFFF Errore' }] }] };
    const lone = problem(await json('PUT', `/api/v1/meetings/${meeting}/agenda`, agenda), 400);
    expect(fieldsOf(lone)).toEqual(['items.0.speakers.0.name']);
    // A whole emoji (a surrogate pair) is fine.
    agenda.items[0] = { ...agenda.items[0], speakers: [{ name: 'Angela Errore 🇮🇹' }] } as (typeof agenda.items)[0];
    expect((await json('PUT', `/api/v1/meetings/${meeting}/agenda`, agenda)).statusCode).toBe(200);
  });

  it('refuses an element of a list of objects that is no object (an empty array passed as a speaker and was stored)', async () => {
    const meeting = await aDraftMeeting();
    const item = { kind: 'TALK', title: 'Intervento', startsAt: '2031-05-06T07:30:00Z' };
    for (const [body, field] of [
      [{ version: 1, items: [item, []] }, 'items'],
      [{ version: 1, items: [{ ...item, speakers: [{ name: 'Angela Errore' }, []] }] }, 'items.0.speakers'],
      [{ version: 1, items: [null] }, 'items'],
    ] as const) {
      expect(fieldsOf(problem(await json('PUT', `/api/v1/meetings/${meeting}/agenda`, body), 400))).toEqual([field]);
    }
  });

  it('refuses year 0 and a 24th hour (PostgreSQL has no year 0: a 500; 24:00 was read as the next midnight)', async () => {
    const project = {
      titolareComuneId: await comuneId(t, '081001'),
      code: `PROG-${randomUUID().slice(0, 6)}`,
      title: 'Accoglienza',
      category: 'ORDINARI',
      posti: 10,
      startDate: '0000-01-01',
      endDate: '2028-12-31',
    };
    expect(fieldsOf(problem(await json('POST', '/api/v1/projects', project), 400))).toEqual(['startDate']);
    const meeting = { title: 'Tavolo tecnico', mode: 'ONLINE', onlineUrl: 'https://x.example', endsAt: '2031-05-06T10:00:00Z' };
    expect(fieldsOf(problem(await json('POST', '/api/v1/meetings', { ...meeting, startsAt: '0000-01-01T00:00:00Z' }), 400))).toEqual(['startsAt']);
    expect(fieldsOf(problem(await json('POST', '/api/v1/meetings', { ...meeting, startsAt: '2031-05-05T24:00:00Z' }), 400))).toEqual(['startsAt']);
  });

  it('keeps a reason longer than the audit’s detail column, and clips the audit line (was a 500)', async () => {
    const comune = await comuneId(t, '081002');
    const note = `${'😀'.repeat(600)}fine`;
    const res = await json('POST', '/api/v1/memberships', { comuneId: comune, referentName: 'Mario Rossi', note });
    expect(res.statusCode).toBe(201);
    const [event] = await t.sql<{ reason: string }>(`SELECT reason FROM membership_events WHERE comune_id = $1`, [comune]);
    expect(event?.reason).toBe(note);
    const [audit] = await t.sql<{ length: number; detail: string }>(
      `SELECT char_length(detail) AS length, detail FROM audit_events WHERE comune_id = $1 AND action = 'membership.requested'`,
      [comune],
    );
    expect(audit?.length).toBe(500);
    expect(audit?.detail.endsWith('😀…')).toBe(true);
  });

  it('answers an upload without a multipart boundary with a problem+json 400 (was a 500 from the parser)', async () => {
    const created = await json('POST', '/api/v1/practices', {
      title: 'Modello di convenzione',
      summary: 'Un modello di convenzione tra Comune ed ente gestore.',
      kind: 'MODELLO_DOCUMENTO',
    });
    const practice = created.json<{ id: string }>().id;
    const res = await inject({ method: 'PUT', url: `/api/v1/practices/${practice}/document`, headers: { ...admin, 'content-type': 'multipart/form-data' }, payload: 'x' });
    expect(fieldsOf(problem(res, 400))).toEqual(['file']);
  });

  it('refuses a page past any list with 400 naming it (its OFFSET overflowed PostgreSQL’s bigint: a 500)', async () => {
    for (const list of ['/api/v1/comuni', '/api/v1/meetings', '/api/v1/projects']) {
      const body = problem(await inject({ method: 'GET', url: `${list}?page=99999999999999999999999`, headers: admin }), 400);
      expect(fieldsOf(body)).toEqual(['page']);
    }
    expect((await inject({ method: 'GET', url: '/api/v1/meetings?page=1000000', headers: admin })).statusCode).toBe(200);
  });

  it('refuses a NUL in a query string as in a body, naming the parameter', async () => {
    const body = problem(await inject({ method: 'GET', url: '/api/v1/comuni?q=Pa%00lermo', headers: admin }), 400);
    expect(body.errors).toEqual([{ name: 'q', reason: 'must not contain NUL characters' }]);
  });

  it('still accepts a valid new ente gestore (the control of the refusals above)', async () => {
    const res = await json('POST', '/api/v1/enti-gestori', { name: 'Cooperativa Sociale Aurora', taxCode: aTaxCode(), legalForm: 'COOPERATIVA_SOCIALE' });
    expect(res.statusCode).toBe(201);
  });
});
