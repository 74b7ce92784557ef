import { execFile } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { PasswordService } from '../../src/auth/password.service';
import { ApiProcess, DEMO_EMAIL, DEMO_PASSWORD, FaultCluster, startApi, startFaultCluster } from './support';

/**
 * Load on the built API with its default limits, from one machine: 200 users working for a
 * minute (each signed in once, thinking between actions as people do) get no error, and the
 * latencies are reported; then 2,000 connections asking at once, far past what the pool serves,
 * are answered 503 with Retry-After for the excess rather than left waiting (clients honour
 * Retry-After, as the header asks), and liveness answers.
 * The harness raises the per-address limits (one test client plays every user; in production
 * they come from their own addresses); the load-shedding limits stay at their defaults.
 */

const USERS = 200;
const SECRETARIES = 10;
const LOAD_MS = 60_000;
/** Between two actions of a user: reading the page (people take longer; this keeps the test's minute busy). */
const THINK_MS: [number, number] = [2_000, 6_000];
const SATURATION_CONNECTIONS = 2_000;
const SATURATION_MS = 10_000;
/** A request not answered in this long counts as timed out: no client or load balancer waits longer. */
const TIMEOUT_MS = 10_000;
const PASSWORD = 'carico-di-prova-2030';
const FLOOD = join(__dirname, 'load-flood.mjs');

jest.setTimeout(300_000);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

let db: FaultCluster;
let api: ApiProcess;

beforeAll(async () => {
  db = await startFaultCluster('coopera-load');
  api = await startApi({ databaseUrl: db.databaseUrl });
}, 120_000);
afterAll(async () => {
  await api?.dispose();
  await db?.destroy();
});

describe('load', () => {
  it(`${USERS} users browsing, editing and answering invitations for ${LOAD_MS / 1000} s: no error; then ${SATURATION_CONNECTIONS} connections at once are shed with 503 + Retry-After, never left to time out`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: USERS + 20 });
    const call = (method: string, path: string, token?: string, body?: unknown) => send(agent, api.url, method, path, token, body);
    const users = await arrange(call);

    // The minute of work.
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    const note = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    const reasons = new Map<string, string>();
    const deadline = Date.now() + LOAD_MS;
    const measured = async (method: string, path: string, token: string, body?: unknown): Promise<Answer | null> => {
      try {
        const answer = await call(method, path, token, body);
        latencies.push(answer.ms);
        if (answer.status < 200 || answer.status >= 300) {
          note(`${answer.status} ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').split('?')[0]}`);
          // The first refusal of each kind, to say why in the report.
          const detail = /"detail":"([^"]*)"/.exec(answer.body)?.[1] ?? answer.body.slice(0, 120);
          if (!reasons.has(detail.replace(/\d+/g, 'N'))) reasons.set(detail.replace(/\d+/g, 'N'), detail);
        }
        return answer;
      } catch (error) {
        note(`${(error as Error).message} ${method} ${path.split('?')[0]}`);
        return null;
      }
    };
    await Promise.all(users.map((user) => work(user, measured, deadline)));
    agent.destroy();

    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(
      `Load: ${USERS} users, ${LOAD_MS / 1000} s, ${latencies.length} requests (${(latencies.length / (LOAD_MS / 1000)).toFixed(0)}/s), ` +
        `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms, errors ${errorCount}` +
        (errorCount ? `: ${JSON.stringify(Object.fromEntries(errors))}; why: ${JSON.stringify([...reasons.values()])}` : ''),
    );
    expect(Object.fromEntries(errors)).toEqual({});
    expect(latencies.length).toBeGreaterThan(USERS * 5);

    // Past saturation.
    const flood = await saturate(users[0]?.token ?? '');
    console.log(
      `Saturation: ${SATURATION_CONNECTIONS} connections, ${SATURATION_MS / 1000} s: ${JSON.stringify(flood.statuses)}, ` +
        `timed out ${flood.timedOut}, failed ${flood.failed} ${JSON.stringify(flood.failures)}, p99 of the 503s ${flood.shedP99} ms, of the 200s ${flood.okP99} ms; ` +
        `liveness slowest ${flood.livenessMaxMs} ms of ${flood.livenessStatuses.length} probes`,
    );
    expect(flood.timedOut).toBe(0);
    expect(flood.failed).toBe(0);
    expect(Object.keys(flood.statuses).sort()).toEqual(['200', '503']);
    expect(flood.badShedAnswers).toEqual([]);
    expect(flood.livenessStatuses.every((s) => s === 200)).toBe(true);
    // Every probe is answered 200 before a client would give up. How fast depends on the machine and
    // on what else its two cores run: 0.3–1 s on a quiet machine; on a slow one (2026-11-27, the
    // bench's raw baseline 40–50 % below its usual throughput) 2.1–2.7 s, where it took 8.6–9.5 s
    // before the API shed on a saturated loop (common/load-shedding.ts).
    expect(flood.livenessMaxMs).toBeLessThan(TIMEOUT_MS);
    // And once the flood is over, the API serves as before.
    const after = await send(new Agent(), api.url, 'GET', '/api/v1/meetings', users[0]?.token);
    expect(after.status).toBe(200);
  });
});

interface User {
  role: 'referent' | 'secretariat';
  token: string;
  comuneId: string | null;
  /** The referent's invitation per meeting, with the version to answer from. */
  invitations: Map<string, { id: string; version: number; attending: boolean }>;
  /** The secretariat user's own draft meeting. */
  draft: { id: string; version: number } | null;
}

type Call = (method: string, path: string, token?: string, body?: unknown) => Promise<Answer>;
type Measured = (method: string, path: string, token: string, body?: unknown) => Promise<Answer | null>;

/** The accounts (one per user), three convened meetings inviting the referents' Comuni, a draft per secretary; everyone signed in once. */
async function arrange(call: Call): Promise<User[]> {
  const owner = new Client({ connectionString: db.databaseUrl });
  await owner.connect();
  const hash = await new PasswordService().hash(PASSWORD);
  let comuni: { id: string }[];
  try {
    await owner.query(`SET app.role = 'ADMIN'`);
    comuni = (await owner.query<{ id: string }>(`SELECT id FROM comuni WHERE kind = 'COMUNE' ORDER BY istat_code LIMIT $1`, [USERS - SECRETARIES])).rows;
    await owner.query(
      `INSERT INTO users (email, name, role, comune_id, active, password_hash, version)
       SELECT 'carico-' || n || '@coopera.example', 'Utente di carico ' || n, (CASE WHEN n <= $1 THEN 'SECRETARIAT' ELSE 'COMUNE_REFERENT' END)::role,
              CASE WHEN n <= $1 THEN NULL ELSE ($2::uuid[])[n - $1] END, true, $3, 1
       FROM generate_series(1, $4) AS n`,
      [SECRETARIES, comuni.map((c) => c.id), hash, USERS],
    );
  } finally {
    await owner.end();
  }

  const admin = json<{ accessToken: string }>(await call('POST', '/api/v1/auth/login', undefined, { email: DEMO_EMAIL.SECRETARIAT, password: DEMO_PASSWORD })).accessToken;
  const meetings: string[] = [];
  for (const day of [10, 11, 12]) {
    const meeting = json<{ id: string; version: number }>(
      await call('POST', '/api/v1/meetings', admin, {
        title: `Plenaria di carico ${day}`,
        startsAt: `2030-03-${day}T10:00:00+01:00`,
        endsAt: `2030-03-${day}T13:00:00+01:00`,
        mode: 'ONLINE',
        onlineUrl: 'https://meet.example/carico',
        // More seats than Comuni: no waiting list, so no promotion changes an invitation behind
        // its Comune's back (whose next answer would then rightly be refused as stale).
        seatLimit: USERS,
      }),
    );
    await call('POST', `/api/v1/meetings/${meeting.id}/invitations`, admin, { target: 'COMUNI', comuneIds: comuni.map((c) => c.id) });
    expect((await call('POST', `/api/v1/meetings/${meeting.id}/convene`, admin, { version: meeting.version })).status).toBe(200);
    meetings.push(meeting.id);
  }

  const users: User[] = [];
  for (let n = 1; n <= USERS; n += 10) {
    const batch = Array.from({ length: Math.min(10, USERS - n + 1) }, (_, k) => n + k);
    users.push(
      ...(await Promise.all(
        batch.map(async (i): Promise<User> => {
          const login = await call('POST', '/api/v1/auth/login', undefined, { email: `carico-${i}@coopera.example`, password: PASSWORD });
          if (login.status !== 200) throw new Error(`sign-in of user ${i}: ${login.status} ${login.body}`);
          const token = json<{ accessToken: string }>(login).accessToken;
          if (i <= SECRETARIES) {
            const draft = json<{ id: string; version: number }>(
              await call('POST', '/api/v1/meetings', token, {
                title: `Bozza ${i}`,
                startsAt: '2030-04-01T10:00:00+02:00',
                endsAt: '2030-04-01T12:00:00+02:00',
                mode: 'ONLINE',
                onlineUrl: 'https://meet.example/bozza',
              }),
            );
            return { role: 'secretariat', token, comuneId: null, invitations: new Map(), draft: { id: draft.id, version: draft.version } };
          }
          const invitations = new Map<string, { id: string; version: number; attending: boolean }>();
          for (const meetingId of meetings) {
            const mine = json<{ myInvitation: { id: string; version: number } }>(await call('GET', `/api/v1/meetings/${meetingId}`, token)).myInvitation;
            invitations.set(meetingId, { id: mine.id, version: mine.version, attending: false });
          }
          return { role: 'referent', token, comuneId: comuni[i - SECRETARIES - 1]?.id ?? null, invitations, draft: null };
        }),
      )),
    );
  }
  return users;
}

/** One user's minute: an action, a pause to read, another action… */
async function work(user: User, call: Measured, deadline: number): Promise<void> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const [low, high] = THINK_MS;
  const think = () => new Promise((resolve) => setTimeout(resolve, low + Math.random() * (high - low)));
  // People do not all click at the same instant: each starts after a pause of its own.
  await think();
  while (Date.now() < deadline) {
    const dice = Math.random();
    if (user.role === 'secretariat') {
      if (dice < 0.3) await call('GET', '/api/v1/memberships?pageSize=20', user.token);
      else if (dice < 0.5) await call('GET', `/api/v1/meetings?pageSize=20&page=${1 + Math.floor(Math.random() * 3)}`, user.token);
      else if (dice < 0.7) await call('GET', '/api/v1/stats/dashboard', user.token);
      else if (user.draft) {
        const edited = await call('PATCH', `/api/v1/meetings/${user.draft.id}`, user.token, { version: user.draft.version, title: `Bozza rivista ${Date.now()}` });
        if (edited?.status === 200) user.draft.version = json<{ version: number }>(edited).version;
      }
    } else if (dice < 0.3) {
      await call('GET', `/api/v1/comuni?pageSize=20&page=${1 + Math.floor(Math.random() * 20)}`, user.token);
    } else if (dice < 0.45) {
      await call('GET', `/api/v1/projects?pageSize=20`, user.token);
    } else if (dice < 0.6) {
      const list = await call('GET', '/api/v1/meetings?pageSize=20', user.token);
      const items = list?.status === 200 ? json<{ items: { id: string }[] }>(list).items : [];
      if (items.length) await call('GET', `/api/v1/meetings/${pick(items).id}`, user.token);
    } else if (dice < 0.85) {
      const meetingId = pick([...user.invitations.keys()]);
      const invitation = user.invitations.get(meetingId);
      if (invitation) {
        const body = invitation.attending ? { answer: 'DECLINED' } : { answer: 'ATTENDING', delegates: [{ name: 'Delegato di carico', role: null }] };
        const answered = await call('PUT', `/api/v1/meetings/${meetingId}/invitations/${invitation.id}/rsvp`, user.token, { version: invitation.version, ...body });
        if (answered?.status === 200) {
          const now = json<{ version: number; status: string }>(answered);
          invitation.version = now.version;
          invitation.attending = now.status !== 'DECLINED';
        }
      }
    } else if (user.comuneId) {
      const comune = await call('GET', `/api/v1/comuni/${user.comuneId}`, user.token);
      if (comune?.status === 200) {
        const { profile } = json<{ profile: { version: number } }>(comune);
        await call('PATCH', `/api/v1/comuni/${user.comuneId}`, user.token, { version: profile.version, phone: `+39 091 ${100000 + Math.floor(Math.random() * 899999)}` });
      }
    }
    await think();
  }
}

interface Flood {
  /** Answers per status. */
  statuses: Record<string, number>;
  timedOut: number;
  failed: number;
  failures: Record<string, number>;
  shedP99: number;
  okP99: number;
  /** 503s without Retry-After or not problem+json (at most three). */
  badShedAnswers: unknown[];
  livenessStatuses: number[];
  livenessMaxMs: number;
}

/**
 * SATURATION_CONNECTIONS clients at once on one route (load-flood.mjs, a process of its own), while
 * the test probes liveness as an orchestrator does.
 */
async function saturate(token: string): Promise<Flood> {
  const flood = new Promise<Omit<Flood, 'livenessStatuses' | 'livenessMaxMs'>>((resolve, reject) => {
    execFile(
      process.execPath,
      [FLOOD, `${api.url}/api/v1/meetings?pageSize=20`, token, String(SATURATION_CONNECTIONS), String(SATURATION_MS), String(TIMEOUT_MS)],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`load-flood.mjs: ${error.message} ${stderr}`)) : resolve(JSON.parse(stdout) as Omit<Flood, 'livenessStatuses' | 'livenessMaxMs'>)),
    );
  });
  const liveness = { livenessStatuses: [] as number[], livenessMaxMs: 0 };
  let flooding = true;
  const prober = (async () => {
    const own = new Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the flood has begun
    while (flooding) {
      const probe = await send(own, api.url, 'GET', '/api/health').catch(() => ({ status: 0, ms: TIMEOUT_MS }));
      liveness.livenessStatuses.push(probe.status);
      liveness.livenessMaxMs = Math.max(liveness.livenessMaxMs, probe.ms);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    own.destroy();
  })();
  const figures = await flood.finally(() => (flooding = false));
  await prober;
  return { ...figures, ...liveness };
}

/** One request through `agent`; rejects with "timed out" past TIMEOUT_MS. */
function send(agent: Agent, base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, agent, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

function json<T>(answer: Answer): T {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body) as T;
}
