import { Client } from 'pg';
import { DbActor } from '../src/database/db-context';
import { aMembership, aProject, aTaxCode, aUser, aWorkingGroup, CANICATTINI, PALERMO, TestProject, TestUser } from './factories';
import { actorOf, asApp as asAppOf } from './as-app';
import { startTestApp, TestApp } from './test-app';

// Row-level security of the registry, exercised as the application role (never a superuser):
// whatever the API does, the database itself keeps each Comune's writes to its own rows.
let t: TestApp;
let palermo: TestUser;
let canicattini: TestUser;
let centrale: TestUser;
let secretariat: TestUser;
let palermoProject: TestProject;
let canicattiniProject: TestProject;

beforeAll(async () => {
  t = await startTestApp();
  palermo = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
  canicattini = await aUser(t, 'COMUNE_REFERENT', { comune: CANICATTINI });
  centrale = await aUser(t, 'SERVIZIO_CENTRALE');
  secretariat = await aUser(t, 'SECRETARIAT');
  palermoProject = await aProject(t, PALERMO);
  canicattiniProject = await aProject(t, CANICATTINI);
});
afterAll(() => t.close());

const asApp = <T>(actor: DbActor, work: (c: Client) => Promise<T>) => asAppOf(t, actor, work);

describe('the catalog', () => {
  it('has row-level security enabled and forced on every registry table', async () => {
    const rows = await t.sql<{ table: string; enabled: boolean; forced: boolean; policies: string }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = ANY($1)`,
      [
        [
          'comune_profiles',
          'enti_gestori',
          'projects',
          'project_associated_comuni',
          'project_expansions',
          'project_extensions',
          'project_enti_gestori',
          'memberships',
          'membership_events',
          'working_groups',
          'working_group_members',
        ],
      ],
    );
    expect(rows).toHaveLength(11);
    expect(rows.filter((r) => !r.enabled || !r.forced || r.policies === '0')).toEqual([]);
  });
});

describe('projects and their parts', () => {
  it('lets a referent change their own Comune’s project and not another’s', async () => {
    await asApp(actorOf(palermo), async (c) => {
      expect((await c.query(`UPDATE projects SET title = 'Nostro' WHERE id = $1`, [palermoProject.id])).rowCount).toBe(1);
      expect((await c.query(`UPDATE projects SET title = 'Altrui' WHERE id = $1`, [canicattiniProject.id])).rowCount).toBe(0);
      expect((await c.query(`DELETE FROM projects WHERE id = $1`, [canicattiniProject.id])).rowCount).toBe(0);
    });
  });

  it('refuses a referent inserting a project, or a part of one, for another Comune', async () => {
    const insertProject = (c: Client) =>
      c.query(
        `INSERT INTO projects (comune_id, code, title, category, status, posti, posti_total, start_date, end_date, effective_end_date, version)
         VALUES ($1, 'RLS-1', 'x', 'DM_DS', 'ACTIVE', 1, 1, '2026-01-01', '2027-01-01', '2027-01-01', 1)`,
        [canicattini.comuneId],
      );
    await expect(asApp(actorOf(palermo), insertProject)).rejects.toThrow(/row-level security/);
    await expect(
      asApp(actorOf(palermo), (c) =>
        c.query(`INSERT INTO project_expansions (project_id, comune_id, position, posti, effective_from, act_reference) VALUES ($1, $2, 0, 5, '2026-02-01', 'x')`, [
          canicattiniProject.id,
          canicattini.comuneId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    // Moving one's own project to another Comune is refused too (WITH CHECK).
    await expect(
      asApp(actorOf(palermo), (c) => c.query(`UPDATE projects SET comune_id = $1 WHERE id = $2`, [canicattini.comuneId, palermoProject.id])),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets the Servizio Centrale read every project and change none', async () => {
    await asApp(actorOf(centrale), async (c) => {
      const ids = (await c.query<{ id: string }>(`SELECT id FROM projects`)).rows.map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([palermoProject.id, canicattiniProject.id]));
      expect((await c.query(`UPDATE projects SET title = 'x'`)).rowCount).toBe(0);
    });
  });

  it('shows nothing without a context', async () => {
    await asApp({}, async (c) => {
      expect((await c.query(`SELECT id FROM projects`)).rows).toEqual([]);
      expect((await c.query(`SELECT id FROM enti_gestori`)).rows).toEqual([]);
      expect((await c.query(`SELECT id FROM memberships`)).rows).toEqual([]);
    });
  });
});

describe('the enti gestori register', () => {
  it('lets a referent only propose an ente for their own Comune, never add a reviewed one or change one', async () => {
    const propose = (comuneId: string | null, proposed: boolean) => (c: Client) =>
      c.query(`INSERT INTO enti_gestori (name, tax_code, legal_form, proposed, proposed_by_comune_id, version) VALUES ('x', $1, 'ALTRO', $2, $3, 1)`, [
        aTaxCode(),
        proposed,
        comuneId,
      ]);
    expect((await asApp(actorOf(palermo), propose(palermo.comuneId, true))).rowCount).toBe(1);
    await expect(asApp(actorOf(palermo), propose(palermo.comuneId, false))).rejects.toThrow(/row-level security/);
    await expect(asApp(actorOf(palermo), propose(canicattini.comuneId, true))).rejects.toThrow(/row-level security/);
    expect((await asApp(actorOf(palermo), (c) => c.query(`UPDATE enti_gestori SET name = 'x'`))).rowCount).toBe(0);
    expect((await asApp(actorOf(secretariat), propose(null, false))).rowCount).toBe(1);
  });
});

describe('memberships and their history', () => {
  it('keeps the history of one Comune from another Comune’s referent', async () => {
    const m = await aMembership(t, CANICATTINI, 'REQUESTED');
    const seen = (u: TestUser) =>
      asApp(actorOf(u), async (c) => (await c.query(`SELECT id FROM membership_events WHERE membership_id = $1`, [m.id])).rowCount);
    expect(await seen(canicattini)).toBe(1);
    expect(await seen(palermo)).toBe(0);
    expect(await seen(centrale)).toBe(1);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });

  it('lets a referent only (re)request for their own Comune, never approve', async () => {
    const m = await aMembership(t, PALERMO, 'REQUESTED');
    await expect(
      asApp(actorOf(palermo), (c) => c.query(`UPDATE memberships SET status = 'ACTIVE' WHERE id = $1`, [m.id])),
    ).rejects.toThrow(/row-level security/);
    expect((await asApp(actorOf(canicattini), (c) => c.query(`UPDATE memberships SET status = 'REQUESTED' WHERE id = $1`, [m.id]))).rowCount).toBe(0);
    await expect(
      asApp(actorOf(palermo), (c) =>
        c.query(`INSERT INTO membership_events (membership_id, comune_id, to_status) VALUES ($1, $2, 'ACTIVE')`, [m.id, palermo.comuneId]),
      ),
    ).rejects.toThrow(/row-level security/);
    // The history is append-only for everyone.
    await expect(asApp(actorOf(secretariat), (c) => c.query(`DELETE FROM membership_events`))).rejects.toThrow(/permission denied/);
    await t.sql(`DELETE FROM memberships WHERE id = $1`, [m.id]);
  });
});

describe('working groups', () => {
  it('shows a referent only the groups their Comune sits in, and lets only the secretariat change members', async () => {
    const mine = await aWorkingGroup(t, [PALERMO]);
    const other = await aWorkingGroup(t, [CANICATTINI]);
    const ids = await asApp(actorOf(palermo), async (c) => (await c.query<{ id: string }>(`SELECT id FROM working_groups`)).rows.map((r) => r.id));
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    await expect(
      asApp(actorOf(palermo), (c) => c.query(`INSERT INTO working_group_members (working_group_id, comune_id) VALUES ($1, $2)`, [other.id, palermo.comuneId])),
    ).rejects.toThrow(/row-level security/);
    const added = await asApp(actorOf(secretariat), (c) =>
      c.query(`INSERT INTO working_group_members (working_group_id, comune_id) VALUES ($1, $2)`, [other.id, palermo.comuneId]),
    );
    expect(added.rowCount).toBe(1);
  });
});

describe('Comune profiles', () => {
  it('lets a referent write their own Comune’s profile only', async () => {
    const write = (comuneId: string | null) => (c: Client) =>
      c.query(`INSERT INTO comune_profiles (comune_id, sai_office, version) VALUES ($1, 'Ufficio', 1)`, [comuneId]);
    expect((await asApp(actorOf(palermo), write(palermo.comuneId))).rowCount).toBe(1);
    await expect(asApp(actorOf(palermo), write(canicattini.comuneId))).rejects.toThrow(/row-level security/);
    await expect(asApp(actorOf(centrale), write(canicattini.comuneId))).rejects.toThrow(/row-level security/);
  });
});

describe('mail, documents, calendar feeds and practices', () => {
  const count = async (c: Client, sql: string, params: unknown[] = []) => Number((await c.query<{ n: string }>(sql, params)).rows[0]?.n);

  async function meetingFor(comune: TestUser | null, status = 'CONVENED') {
    const [meeting] = await t.sql<{ id: string }>(
      `INSERT INTO meetings (title, starts_at, ends_at, mode, online_url, status, version)
       VALUES ('RLS', '2030-01-10T09:00:00Z', '2030-01-10T11:00:00Z', 'ONLINE', 'https://meet.example/rls', $1, 1) RETURNING id`,
      [status],
    );
    if (comune) await t.sql(`INSERT INTO meeting_invitations (meeting_id, comune_id, version) VALUES ($1, $2, 1)`, [meeting?.id, comune.comuneId]);
    await t.sql(
      `INSERT INTO meeting_documents (meeting_id, title, file_name, media_type, size_bytes, sha256, storage_key)
       VALUES ($1, 'Programma', 'programma.pdf', 'application/pdf', 1, repeat('a', 64), gen_random_uuid()::text)`,
      [meeting?.id],
    );
    await t.sql(
      `INSERT INTO mail_outbox (kind, dedupe_key, meeting_id, comune_id, subject, text_body) VALUES ('CONVOCATION', gen_random_uuid()::text, $1, $2, 'Convocazione', 'Testo')`,
      [meeting?.id, comune?.comuneId ?? null],
    );
    return String(meeting?.id);
  }

  it('keeps the outbox to the secretariat and the delivery worker; a promotion notice is all seat allocation may queue', async () => {
    const meeting = await meetingFor(palermo);
    const outbox = 'SELECT count(*) AS n FROM mail_outbox WHERE meeting_id = $1';
    await asApp(actorOf(palermo), async (c) => expect(await count(c, outbox, [meeting])).toBe(0));
    await asApp(actorOf(centrale), async (c) => expect(await count(c, outbox, [meeting])).toBe(0));
    await asApp(actorOf(secretariat), async (c) => expect(await count(c, outbox, [meeting])).toBe(1));
    await asApp({ purpose: 'mail-delivery' }, async (c) => expect(await count(c, outbox, [meeting])).toBe(1));
    const insert = (kind: string) =>
      `INSERT INTO mail_outbox (kind, dedupe_key, meeting_id, comune_id, subject, text_body) VALUES ('${kind}', gen_random_uuid()::text, $1, $2, 's', 't')`;
    await asApp(actorOf(palermo), async (c) => {
      await expect(c.query(insert('CONVOCATION'), [meeting, palermo.comuneId])).rejects.toThrow(/row-level security/);
    });
    await asApp({ ...actorOf(palermo), purpose: 'seat-allocation' }, async (c) => {
      await expect(c.query(insert('CONVOCATION'), [meeting, palermo.comuneId])).rejects.toThrow(/row-level security/);
    });
    await asApp({ ...actorOf(palermo), purpose: 'seat-allocation' }, async (c) => {
      await expect(c.query(insert('PROMOTION'), [meeting, canicattini.comuneId])).resolves.toMatchObject({ rowCount: 1 });
    });
  });

  it('shows a meeting’s documents only to who sees the meeting', async () => {
    const invited = await meetingFor(palermo);
    const draft = await meetingFor(palermo, 'DRAFT');
    const docs = 'SELECT count(*) AS n FROM meeting_documents WHERE meeting_id = $1';
    await asApp(actorOf(palermo), async (c) => {
      expect(await count(c, docs, [invited])).toBe(1);
      expect(await count(c, docs, [draft])).toBe(0);
      await expect(c.query(`DELETE FROM meeting_documents WHERE meeting_id = $1`, [invited])).resolves.toMatchObject({ rowCount: 0 });
    });
    await asApp(actorOf(canicattini), async (c) => expect(await count(c, docs, [invited])).toBe(0));
    await asApp(actorOf(centrale), async (c) => expect(await count(c, docs, [draft])).toBe(1));
  });

  it('keeps each calendar feed to its user, found by token only under the feed purpose', async () => {
    await t.sql(`INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, repeat('b', 64))`, [palermo.id]);
    const feeds = 'SELECT count(*) AS n FROM calendar_feeds';
    await asApp(actorOf(palermo), async (c) => expect(await count(c, feeds)).toBe(1));
    await asApp(actorOf(secretariat), async (c) => expect(await count(c, feeds)).toBe(0));
    await asApp(actorOf(canicattini), async (c) => {
      await expect(c.query(`INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, repeat('c', 64))`, [palermo.id])).rejects.toThrow(/row-level security/);
    });
    await asApp({ purpose: 'calendar-feed' }, async (c) => expect(await count(c, `SELECT count(*) AS n FROM calendar_feeds WHERE token_hash = repeat('b', 64)`)).toBe(1));
  });

  it('lets a Comune write only its own practices', async () => {
    const [practice] = await t.sql<{ id: string }>(
      `INSERT INTO practices (title, summary, kind, comune_id, version) VALUES ('Di Palermo', 'Una pratica di Palermo.', 'STRUMENTO', $1, 1) RETURNING id`,
      [palermo.comuneId],
    );
    await asApp(actorOf(canicattini), async (c) => {
      expect(await count(c, 'SELECT count(*) AS n FROM practices WHERE id = $1', [practice?.id])).toBe(1); // the library is public
      expect((await c.query(`UPDATE practices SET title = 'Presa' WHERE id = $1`, [practice?.id])).rowCount).toBe(0);
      await expect(
        c.query(`INSERT INTO practices (title, summary, kind, comune_id, version) VALUES ('Finta', 'A nome di Palermo.', 'STRUMENTO', $1, 1)`, [palermo.comuneId]),
      ).rejects.toThrow(/row-level security/);
    });
    await asApp(actorOf(palermo), async (c) => expect((await c.query(`UPDATE practices SET title = 'Aggiornata' WHERE id = $1`, [practice?.id])).rowCount).toBe(1));
    await asApp(actorOf(centrale), async (c) => expect((await c.query(`UPDATE practices SET title = 'No' WHERE id = $1`, [practice?.id])).rowCount).toBe(0));
  });
});
