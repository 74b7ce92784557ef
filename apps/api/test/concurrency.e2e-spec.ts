import {
  CLOSED_PROJECT_PROBLEM_TYPE,
  ILLEGAL_TRANSITION_PROBLEM_TYPE,
  Invitation,
  MEETING_NOT_EDITABLE_PROBLEM_TYPE,
  MeetingDetail,
  Page,
  Practice,
  STALE_VERSION_PROBLEM_TYPE,
} from '@coopera/domain';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { aMembership, anEnte, aProject, aUser, aWorkingGroup, bearer } from './factories';
import { startTestApp, TestApp } from './test-app';

/**
 * Many writers on one record at the same moment, through the HTTP API: the app's pool serves them
 * on as many connections, so their transactions really overlap in PostgreSQL.
 */
const WRITERS = 10;

let t: TestApp;
const auth = {} as Record<'admin' | 'secretariat', { authorization: string }>;

beforeAll(async () => {
  // Hundreds of requests from one address in a few seconds: the per-address limit is not under test here.
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  auth.admin = await bearer(t, 'ADMIN');
  auth.secretariat = await bearer(t, 'SECRETARIAT');
});
afterAll(() => t.close());

/** All at once: every request is sent before any answer is awaited. */
const together = <T>(count: number, send: (i: number) => PromiseLike<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => send(i)));

const one = async <R extends object>(text: string, params: unknown[]): Promise<R> => {
  const [row] = await t.sql<R>(text, params);
  if (!row) throw new Error(`no row for ${text}`);
  return row;
};

const audits = async (action: string, entityId: string): Promise<number> =>
  Number((await one<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = $1 AND entity_id = $2`, [action, entityId])).n);

/**
 * Exactly one 2xx; every other writer a 409 problem+json of one of `types` (a stale version names
 * the version that won). Answers the winner's index.
 */
function oneWinner(responses: Response[], types: string[], winningVersion?: number): number {
  const winners = responses.flatMap((r, i) => (r.status >= 200 && r.status < 300 ? [i] : []));
  expect(winners).toHaveLength(1);
  for (const loser of responses.filter((r) => r.status < 200 || r.status >= 300)) {
    expect(loser.status).toBe(409);
    expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = loser.body as { type: string; status: number; currentVersion?: number };
    expect(types).toContain(body.type);
    expect(body.status).toBe(409);
    if (body.type === STALE_VERSION_PROBLEM_TYPE && winningVersion !== undefined) expect(body.currentVersion).toBe(winningVersion);
  }
  return winners[0] ?? -1;
}

const meetingBody = (overrides: object = {}) => ({
  title: `Plenaria ${randomUUID().slice(0, 8)}`,
  startsAt: '2030-03-10T10:00:00+01:00',
  endsAt: '2030-03-10T13:00:00+01:00',
  mode: 'ONLINE',
  onlineUrl: 'https://meet.example/plenaria',
  ...overrides,
});
const newMeeting = async (overrides: object = {}) =>
  (await t.http.post('/api/v1/meetings').set(auth.secretariat).send(meetingBody(overrides)).expect(201)).body as MeetingDetail;

/** Comuni without a profile or a membership in the demo data, handed out once each: no two tests share one. */
let unused: { id: string; istat: string }[] | null = null;
async function freshComuni(count: number): Promise<string[]> {
  return (await freshComuniWithCodes(count)).map((c) => c.id);
}
/** One open project per Comune and category: each project test takes a Comune of its own. */
const freshIstatCode = async (): Promise<string> => String((await freshComuniWithCodes(1))[0]?.istat);
async function freshComuniWithCodes(count: number): Promise<{ id: string; istat: string }[]> {
  if (!unused) {
    unused = await t.sql<{ id: string; istat: string }>(
      `SELECT c.id, c.istat_code AS istat FROM comuni c
       WHERE c.kind = 'COMUNE'
         AND NOT EXISTS (SELECT 1 FROM comune_profiles p WHERE p.comune_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.comune_id = c.id)
       ORDER BY c.istat_code`,
    );
  }
  if (unused.length < count) throw new Error('not enough Comuni left for the tests');
  return unused.splice(0, count);
}

/** A convened meeting with `count` invited Comuni; answers the meeting and its invitations (in name order). */
async function convenedWith(count: number, overrides: object = {}): Promise<{ meeting: MeetingDetail; invitations: Invitation[] }> {
  const draft = await newMeeting(overrides);
  await t.http.post(`/api/v1/meetings/${draft.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: await freshComuni(count) }).expect(200);
  const meeting = (await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: draft.version }).expect(200)).body as MeetingDetail;
  return { meeting, invitations: await invitationsOf(meeting.id) };
}
const invitationsOf = async (meetingId: string): Promise<Invitation[]> =>
  ((await t.http.get(`/api/v1/meetings/${meetingId}/invitations?pageSize=100`).set(auth.secretariat).expect(200)).body as Page<Invitation>).items;

const rsvp = (meetingId: string, invitation: Pick<Invitation, 'id' | 'version'>, body: object) =>
  t.http.put(`/api/v1/meetings/${meetingId}/invitations/${invitation.id}/rsvp`).set(auth.secretariat).send({ version: invitation.version, ...body });
const attending = (who: string) => ({ answer: 'ATTENDING', delegates: [{ name: `Delegato ${who}`, role: null }] });

/** One versioned record, written by WRITERS writers who all read the same version. */
interface VersionedRace {
  from: number;
  write(i: number): PromiseLike<Response>;
  /** The record as stored: its version and the value the writers change. */
  stored(): Promise<{ version: number; value: unknown }>;
  /** What writer i wrote, as `stored()` reads it. */
  written(i: number): unknown;
  /** The audit event of the change: `before` of them exist already. */
  audit: { action: string; entityId: string; before?: number };
  /** Besides the stale version, the refusal a loser may get once the winner's change is visible. */
  refusal?: string;
}

const VERSIONED: [string, () => Promise<VersionedRace>][] = [
  [
    'a project (PATCH /projects/:id)',
    async () => {
      const p = await aProject(t, await freshIstatCode());
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/projects/${p.id}`).set(auth.secretariat).send({ version: 1, title: `Progetto dello scrittore ${i}`, posti: 20 + i }),
        stored: () => one(`SELECT version, jsonb_build_array(title, posti) AS value FROM projects WHERE id = $1`, [p.id]),
        written: (i) => [`Progetto dello scrittore ${i}`, 20 + i],
        audit: { action: 'project.update', entityId: p.id },
      };
    },
  ],
  [
    'a project’s closure (POST /projects/:id/close)',
    async () => {
      const p = await aProject(t, await freshIstatCode());
      return {
        from: 1,
        write: (i) => t.http.post(`/api/v1/projects/${p.id}/close`).set(auth.secretariat).send({ version: 1, reason: `Chiusura numero ${i}` }),
        stored: () => one(`SELECT version, closed_reason AS value FROM projects WHERE id = $1`, [p.id]),
        written: (i) => `Chiusura numero ${i}`,
        audit: { action: 'project.close', entityId: p.id },
        refusal: CLOSED_PROJECT_PROBLEM_TYPE,
      };
    },
  ],
  [
    'an account (PATCH /users/:id)',
    async () => {
      const user = await aUser(t, 'COMUNE_REFERENT');
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/users/${user.id}`).set(auth.admin).send({ version: 1, name: `Scrittore ${i}` }),
        stored: () => one(`SELECT version, name AS value FROM users WHERE id = $1`, [user.id]),
        written: (i) => `Scrittore ${i}`,
        audit: { action: 'user.update', entityId: user.id },
      };
    },
  ],
  [
    'a Comune’s profile saved for the first time (version 0: an insert)',
    async () => {
      const [comune] = await freshComuni(1);
      return {
        from: 0,
        write: (i) => t.http.patch(`/api/v1/comuni/${comune}`).set(auth.secretariat).send({ version: 0, saiOffice: `Ufficio ${i}` }),
        stored: () => one(`SELECT version, sai_office AS value FROM comune_profiles WHERE comune_id = $1`, [comune]),
        written: (i) => `Ufficio ${i}`,
        audit: { action: 'comune.profile.update', entityId: String(comune) },
      };
    },
  ],
  [
    'a Comune’s profile (PATCH /comuni/:id)',
    async () => {
      const [comune] = await freshComuni(1);
      await t.http.patch(`/api/v1/comuni/${comune}`).set(auth.secretariat).send({ version: 0, saiOffice: 'Ufficio SAI' }).expect(200);
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/comuni/${comune}`).set(auth.secretariat).send({ version: 1, phone: `+39 091 ${100000 + i}` }),
        stored: () => one(`SELECT version, jsonb_build_array(sai_office, phone) AS value FROM comune_profiles WHERE comune_id = $1`, [comune]),
        written: (i) => ['Ufficio SAI', `+39 091 ${100000 + i}`],
        audit: { action: 'comune.profile.update', entityId: String(comune), before: 1 },
      };
    },
  ],
  [
    'an ente gestore (PATCH /enti-gestori/:id)',
    async () => {
      const ente = await anEnte(t);
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/enti-gestori/${ente.id}`).set(auth.secretariat).send({ version: 1, phone: `+39 095 ${100000 + i}` }),
        stored: () => one(`SELECT version, phone AS value FROM enti_gestori WHERE id = $1`, [ente.id]),
        written: (i) => `+39 095 ${100000 + i}`,
        audit: { action: 'ente-gestore.update', entityId: ente.id },
      };
    },
  ],
  [
    'a working group and its members (PATCH /working-groups/:id)',
    async () => {
      const group = await aWorkingGroup(t, []);
      const comuni = await freshComuni(WRITERS);
      return {
        from: 1,
        write: (i) =>
          t.http.patch(`/api/v1/working-groups/${group.id}`).set(auth.secretariat).send({ version: 1, name: `${group.name} ${i}`, memberComuneIds: [comuni[i]] }),
        stored: () =>
          one(
            `SELECT g.version, jsonb_build_array(g.name, (SELECT jsonb_agg(m.comune_id) FROM working_group_members m WHERE m.working_group_id = g.id)) AS value
             FROM working_groups g WHERE g.id = $1`,
            [group.id],
          ),
        written: (i) => [`${group.name} ${i}`, [comuni[i]]],
        audit: { action: 'working-group.update', entityId: group.id },
      };
    },
  ],
  [
    'a practice (PATCH /practices/:id)',
    async () => {
      const practice = await sharePractice();
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.secretariat).send({ version: 1, title: `Pratica dello scrittore ${i}` }),
        stored: () => one(`SELECT version, title AS value FROM practices WHERE id = $1`, [practice.id]),
        written: (i) => `Pratica dello scrittore ${i}`,
        audit: { action: 'practice.update', entityId: practice.id },
      };
    },
  ],
  [
    'a meeting (PATCH /meetings/:id)',
    async () => {
      const meeting = await newMeeting();
      return {
        from: 1,
        write: (i) => t.http.patch(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).send({ version: 1, title: `Riunione ${i}`, seatLimit: 10 + i }),
        stored: () => one(`SELECT version, jsonb_build_array(title, seat_limit) AS value FROM meetings WHERE id = $1`, [meeting.id]),
        written: (i) => [`Riunione ${i}`, 10 + i],
        audit: { action: 'meeting.update', entityId: meeting.id },
      };
    },
  ],
  [
    'a meeting’s programme (PUT /meetings/:id/agenda): never a mix of two',
    async () => {
      const meeting = await newMeeting();
      // Writer i sends 1 to 3 items: a mix of two programmes would show in the titles.
      const items = (i: number) =>
        Array.from({ length: 1 + (i % 3) }, (_, k) => ({ kind: 'TALK', title: `Scrittore ${i}, intervento ${k}`, startsAt: `2030-03-10T1${k}:00:00+01:00` }));
      return {
        from: 1,
        write: (i) => t.http.put(`/api/v1/meetings/${meeting.id}/agenda`).set(auth.secretariat).send({ version: 1, items: items(i) }),
        stored: () =>
          one(
            `SELECT version, (SELECT coalesce(jsonb_agg(a.title ORDER BY a.position), '[]') FROM meeting_agenda_items a WHERE a.meeting_id = m.id) AS value
             FROM meetings m WHERE id = $1`,
            [meeting.id],
          ),
        written: (i) => items(i).map((item) => item.title),
        audit: { action: 'meeting.agenda', entityId: meeting.id },
      };
    },
  ],
  [
    'a held meeting’s minutes (PUT /meetings/:id/minutes)',
    async () => {
      const meeting = await heldMeeting(0);
      return {
        from: meeting.version,
        write: (i) => t.http.put(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.secretariat).send({ version: meeting.version, markdown: `# Verbale ${i}` }),
        stored: () => one(`SELECT version, minutes_markdown AS value FROM meetings WHERE id = $1`, [meeting.id]),
        written: (i) => `# Verbale ${i}`,
        audit: { action: 'meeting.minutes', entityId: meeting.id },
      };
    },
  ],
  [
    'a held meeting’s attendance register (PUT /meetings/:id/attendance)',
    async () => {
      const meeting = await heldMeeting(1);
      const [invitation] = await invitationsOf(meeting.id);
      return {
        from: meeting.version,
        write: (i) =>
          t.http
            .put(`/api/v1/meetings/${meeting.id}/attendance`)
            .set(auth.secretariat)
            .send({ version: meeting.version, entries: [{ invitationId: invitation?.id, present: true, delegates: [`Delegato ${i}`] }] }),
        stored: () =>
          one(`SELECT m.version, i.present_delegates AS value FROM meetings m JOIN meeting_invitations i ON i.meeting_id = m.id WHERE m.id = $1`, [meeting.id]),
        written: (i) => [`Delegato ${i}`],
        audit: { action: 'meeting.attendance', entityId: meeting.id },
      };
    },
  ],
  [
    'a Comune’s answer to an invitation (PUT …/invitations/:id/rsvp)',
    async () => {
      const { meeting, invitations } = await convenedWith(1);
      const invitation = invitations[0] as Invitation;
      return {
        from: invitation.version,
        write: (i) => rsvp(meeting.id, invitation, attending(String(i))),
        stored: () => one(`SELECT version, delegates -> 0 -> 'name' AS value FROM meeting_invitations WHERE id = $1`, [invitation.id]),
        written: (i) => `Delegato ${i}`,
        audit: { action: 'meeting.rsvp', entityId: invitation.id },
      };
    },
  ],
];

async function sharePractice(tags: string[] = []): Promise<Practice> {
  const body = { title: 'Orti urbani condivisi', summary: 'Un orto comune coltivato da accolti e vicini, con il supporto del quartiere.', kind: 'BUONA_PRATICA', tags };
  return (await t.http.post('/api/v1/practices').set(auth.secretariat).send(body).expect(201)).body as Practice;
}

/** A meeting in the past, convened and held, with `invited` Comuni. */
async function heldMeeting(invited: number): Promise<MeetingDetail> {
  const draft = await newMeeting({ startsAt: '2020-01-10T10:00:00+01:00', endsAt: '2020-01-10T12:00:00+01:00' });
  if (invited) await t.http.post(`/api/v1/meetings/${draft.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: await freshComuni(invited) }).expect(200);
  await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
  return (await t.http.post(`/api/v1/meetings/${draft.id}/hold`).set(auth.secretariat).send({ version: 2 }).expect(200)).body as MeetingDetail;
}

describe(`${WRITERS} writers on one versioned record, all from the same version`, () => {
  it.each(VERSIONED)('%s: one wins, the others get 409 stale-version, the version moves once, the winner’s change is stored', async (_, arrange) => {
    const race = await arrange();
    const responses = await together(WRITERS, (i) => race.write(i));
    const winner = oneWinner(responses, [STALE_VERSION_PROBLEM_TYPE, ...(race.refusal ? [race.refusal] : [])], race.from + 1);
    expect(await race.stored()).toEqual({ version: race.from + 1, value: race.written(winner) });
    expect(await audits(race.audit.action, race.audit.entityId)).toBe((race.audit.before ?? 0) + 1);
  });

  it('loses no update when every writer reloads and retries after a 409', async () => {
    const practice = await sharePractice();
    let attempts = 0;
    // Each writer adds its own tag to the list it read: a classic read-modify-write.
    const addTag = async (i: number): Promise<void> => {
      for (;;) {
        const current = (await t.http.get(`/api/v1/practices/${practice.id}`).set(auth.secretariat).expect(200)).body as Practice;
        attempts++;
        const res = await t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.secretariat).send({ version: current.version, tags: [...current.tags, `scrittore-${i}`] });
        if (res.status === 200) return;
        expect(res.status).toBe(409);
      }
    };
    await together(WRITERS, addTag);
    const stored = await one<{ version: number; tags: string[] }>(`SELECT version, tags FROM practices WHERE id = $1`, [practice.id]);
    expect(stored.version).toBe(1 + WRITERS);
    expect([...stored.tags].sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `scrittore-${i}`).sort());
    expect(attempts).toBeGreaterThan(WRITERS); // the writers did collide, and each collision was refused
  });
});

describe('state transitions racing each other', () => {
  const history = async (membershipId: string) =>
    t.sql<{ to_status: string }>(`SELECT to_status FROM membership_events WHERE membership_id = $1 ORDER BY occurred_at, id`, [membershipId]);

  it(`${WRITERS} approvals of one membership request: one applies, with one history step and one audit event`, async () => {
    const { id } = await aMembership(t, await freshIstatCode(), 'REQUESTED');
    const responses = await together(WRITERS, () => t.http.post(`/api/v1/memberships/${id}/approve`).set(auth.secretariat).send({}));
    oneWinner(responses, [ILLEGAL_TRANSITION_PROBLEM_TYPE]);
    expect(await one(`SELECT status, version FROM memberships WHERE id = $1`, [id])).toEqual({ status: 'ACTIVE', version: 2 });
    expect(await history(id)).toEqual([{ to_status: 'REQUESTED' }, { to_status: 'ACTIVE' }]);
    expect(await audits('membership.active', id)).toBe(1);
  });

  it('approvals and rejections of one request at once: only the first decision applies', async () => {
    const { id } = await aMembership(t, await freshIstatCode(), 'REQUESTED');
    const decisions = Array.from({ length: WRITERS }, (_, i) => (i % 2 ? 'reject' : 'approve'));
    const responses = await together(WRITERS, (i) =>
      t.http.post(`/api/v1/memberships/${id}/${decisions[i]}`).set(auth.secretariat).send(decisions[i] === 'reject' ? { reason: 'Delibera mancante' } : {}),
    );
    const winner = oneWinner(responses, [ILLEGAL_TRANSITION_PROBLEM_TYPE]);
    const status = decisions[winner] === 'approve' ? 'ACTIVE' : 'REJECTED';
    expect(await one(`SELECT status, version FROM memberships WHERE id = $1`, [id])).toEqual({ status, version: 2 });
    expect(await history(id)).toEqual([{ to_status: 'REQUESTED' }, { to_status: status }]);
  });

  it(`${WRITERS} first requests for one Comune: one membership, one history step`, async () => {
    const [comune] = await freshComuni(1);
    const body = { comuneId: comune, referentName: 'Dott.ssa Rosa Amato' };
    const responses = await together(WRITERS, () => t.http.post('/api/v1/memberships').set(auth.secretariat).send(body));
    oneWinner(responses, [ILLEGAL_TRANSITION_PROBLEM_TYPE]);
    const rows = await t.sql<{ id: string }>(`SELECT id FROM memberships WHERE comune_id = $1`, [comune]);
    expect(rows).toHaveLength(1);
    expect(await history(String(rows[0]?.id))).toEqual([{ to_status: 'REQUESTED' }]);
  });

  it(`${WRITERS} convocations of one draft: it is convened once, each Comune convoked once`, async () => {
    const draft = await newMeeting();
    await t.http.post(`/api/v1/meetings/${draft.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: await freshComuni(3) }).expect(200);
    const responses = await together(WRITERS, () => t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 1 }));
    oneWinner(responses, [MEETING_NOT_EDITABLE_PROBLEM_TYPE]);
    expect(await one(`SELECT status, version FROM meetings WHERE id = $1`, [draft.id])).toEqual({ status: 'CONVENED', version: 2 });
    expect(await audits('meeting.convene', draft.id)).toBe(1);
    expect(await one(`SELECT count(*)::int AS n FROM mail_outbox WHERE meeting_id = $1 AND kind = 'CONVOCATION'`, [draft.id])).toEqual({ n: 3 });
  });

  it(`${WRITERS} Comuni answering “attending” at once to a meeting of 3 seats: 3 attend, 7 wait in a strict line`, async () => {
    const { meeting, invitations } = await convenedWith(WRITERS, { seatLimit: 3 });
    const responses = await together(WRITERS, (i) => rsvp(meeting.id, invitations[i] as Invitation, attending(String(i))));
    expect(responses.map((r) => r.status)).toEqual(Array(WRITERS).fill(200));
    const after = await invitationsOf(meeting.id);
    expect(after.filter((i) => i.status === 'ATTENDING')).toHaveLength(3);
    expect(after.filter((i) => i.status === 'WAITING').map((i) => i.waitingPosition).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the seated Comuni declining at once: each freed seat goes to the next in line, never one Comune twice', async () => {
    const { meeting, invitations } = await convenedWith(WRITERS, { seatLimit: 3 });
    // One at a time: the first three take the seats, the others queue in this order.
    for (const [i, invitation] of invitations.entries()) await rsvp(meeting.id, invitation, attending(String(i))).expect(200);
    const before = await invitationsOf(meeting.id);
    const line = before.filter((i) => i.status === 'WAITING').sort((a, b) => Number(a.waitingPosition) - Number(b.waitingPosition));
    const seated = before.filter((i) => i.status === 'ATTENDING');
    const responses = await Promise.all(seated.map((invitation) => rsvp(meeting.id, invitation, { answer: 'DECLINED' })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await invitationsOf(meeting.id);
    expect(after.filter((i) => i.status === 'ATTENDING').map((i) => i.id).sort()).toEqual(line.slice(0, 3).map((i) => i.id).sort());
    expect(after.filter((i) => i.status === 'WAITING').sort((a, b) => Number(a.waitingPosition) - Number(b.waitingPosition)).map((i) => [i.id, i.waitingPosition])).toEqual(
      line.slice(3).map((i, k) => [i.id, k + 1]),
    );
    const promoted = await t.sql<{ entity_id: string }>(`SELECT entity_id FROM audit_events WHERE action = 'meeting.promote' AND entity_id = ANY($1)`, [invitations.map((i) => i.id)]);
    expect(promoted.map((r) => r.entity_id).sort()).toEqual(line.slice(0, 3).map((i) => i.id).sort());
  });

  it('cancellations and changes of one meeting at once: one applies, and the meeting is consistent with it', async () => {
    const { meeting } = await convenedWith(2);
    const responses = await together(WRITERS, (i) =>
      i % 2
        ? t.http.post(`/api/v1/meetings/${meeting.id}/cancel`).set(auth.secretariat).send({ version: meeting.version, reason: `Annullata ${i}` })
        : t.http.patch(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).send({ version: meeting.version, title: `Spostata ${i}` }),
    );
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const winner = winners[0] as number;
    const stored = await one(`SELECT status, title, cancelled_reason AS reason, version FROM meetings WHERE id = $1`, [meeting.id]);
    expect(stored).toEqual(
      winner % 2
        ? { status: 'CANCELLED', title: meeting.title, reason: `Annullata ${winner}`, version: meeting.version + 1 }
        : { status: 'CONVENED', title: `Spostata ${winner}`, reason: null, version: meeting.version + 1 },
    );
  });
});

/**
 * A change caught between reading the meeting and writing: the test holds a lock on the
 * invitations table (reads pass, writes wait), so that the change has read the convened meeting
 * and waits to write while the meeting is cancelled. Once the cancellation is answered, nothing
 * about the meeting's invitations and mail may change any more.
 */
describe('a meeting cancelled while a change to its invitations is under way', () => {
  const snapshot = async (meetingId: string) => ({
    invitations: await t.sql(`SELECT id, status, version FROM meeting_invitations WHERE meeting_id = $1 ORDER BY id`, [meetingId]),
    mail: await t.sql(`SELECT kind, comune_id FROM mail_outbox WHERE meeting_id = $1 ORDER BY kind, comune_id`, [meetingId]),
  });

  /** Locks not granted in the test database (backends waiting for one). */
  const waiting = async (locker: Client) =>
    Number((await locker.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE NOT l.granted AND d.datname = current_database()`)).rows[0]?.n);
  const until = async (condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the interleaving');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  async function interleave(meetingId: string, change: () => PromiseLike<Response>): Promise<{ change: Response; cancel: Response }> {
    const locker = new Client({ connectionString: t.ownerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE meeting_invitations IN EXCLUSIVE MODE');
      const changed = Promise.resolve(change());
      await until(async () => (await waiting(locker)) >= 1);
      const version = (await one<{ version: number }>(`SELECT version FROM meetings WHERE id = $1`, [meetingId])).version;
      // The snapshot is taken as soon as the cancellation is answered, before the change may go on.
      const cancelled = Promise.resolve(t.http.post(`/api/v1/meetings/${meetingId}/cancel`).set(auth.secretariat).send({ version, reason: 'Allerta meteo' })).then(
        async (res) => ({ res, at: await snapshot(meetingId) }),
      );
      let answered = false;
      void cancelled.then(() => (answered = true));
      // Either the cancellation is answered at once, or it waits for the change to finish.
      await until(async () => answered || (await waiting(locker)) >= 2);
      await locker.query('COMMIT');
      const [change_, cancel] = await Promise.all([changed, cancelled]);
      expect(await snapshot(meetingId)).toEqual(cancel.at);
      return { change: change_, cancel: cancel.res };
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  }

  it('an answer freeing a seat: the promotion never follows the cancellation', async () => {
    const { meeting, invitations } = await convenedWith(2, { seatLimit: 1 });
    const [seated, waitingOne] = invitations as [Invitation, Invitation];
    await rsvp(meeting.id, seated, attending('A')).expect(200);
    await rsvp(meeting.id, waitingOne, attending('B')).expect(200);
    const current = (await invitationsOf(meeting.id)).find((i) => i.id === seated.id) as Invitation;
    const { change, cancel } = await interleave(meeting.id, () => rsvp(meeting.id, current, { answer: 'DECLINED' }));
    expect(cancel.status).toBe(200);
    expect([200, 409]).toContain(change.status);
  });

  it('an invitation: no convocation of a cancelled meeting', async () => {
    const { meeting } = await convenedWith(1);
    const [late] = await freshComuni(1);
    const { change, cancel } = await interleave(meeting.id, () =>
      t.http.post(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: [late] }),
    );
    expect(cancel.status).toBe(200);
    expect([200, 409]).toContain(change.status);
  });
});
