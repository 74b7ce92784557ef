import { DashboardStats, StatsQuery } from '@coopera/domain';
import { loadDemoData } from '../src/demo/demo-data';
import { bearer, CANICATTINI, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

// Every dashboard figure against the same figure computed here, in JavaScript, from the raw rows:
// first on the demo data, then with a generated network added on top of it.
let t: TestApp;
const auth = {} as Record<'centrale' | 'palermo' | 'canicattini' | 'secretariat', { authorization: string }>;

beforeAll(async () => {
  t = await startTestApp();
  await loadDemoData(t.ownerUrl, 'una-password-lunga-e-sicura');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
});
afterAll(() => t.close());

interface Raw {
  comuni: { id: string; name: string; province: string; kind: string }[];
  memberships: { comune_id: string; status: string }[];
  events: { comune_id: string; to_status: string; occurred_at: Date; id: string }[];
  projects: { id: string; comune_id: string; category: string; status: string; posti_total: number; start_date: string; effective_end_date: string }[];
  links: { project_id: string; ente_gestore_id: string }[];
  associated: { project_id: string; associated_comune_id: string }[];
  enti: { id: string; name: string }[];
  meetings: { id: string; status: string; starts_at: Date }[];
  invitations: { meeting_id: string; comune_id: string; present: boolean | null; present_delegates: string[] }[];
}

async function raw(): Promise<Raw> {
  return {
    comuni: await t.sql(`SELECT id, name, province::text, kind::text FROM comuni`),
    memberships: await t.sql(`SELECT comune_id, status::text FROM memberships`),
    events: await t.sql(`SELECT id, comune_id, to_status::text, occurred_at FROM membership_events`),
    projects: await t.sql(`SELECT id, comune_id, category::text, status::text, posti_total, start_date::text, effective_end_date::text FROM projects`),
    links: await t.sql(`SELECT project_id, ente_gestore_id FROM project_enti_gestori`),
    associated: await t.sql(`SELECT project_id, associated_comune_id FROM project_associated_comuni`),
    enti: await t.sql(`SELECT id, name FROM enti_gestori`),
    meetings: await t.sql(`SELECT id, status::text, starts_at FROM meetings`),
    invitations: await t.sql(`SELECT meeting_id, comune_id, present, present_delegates FROM meeting_invitations`),
  };
}

/** The figures as a person with the raw tables and a spreadsheet would count them. */
function expected(r: Raw, q: StatsQuery) {
  const comune = new Map(r.comuni.map((c) => [c.id, c]));
  const inProvince = (id: string) => !q.province || comune.get(id)?.province === q.province;
  const counted = r.projects.filter(
    (p) =>
      inProvince(p.comune_id) &&
      (!q.category || p.category === q.category) &&
      (q.from || q.to ? p.start_date <= (q.to ?? '9999-12-31') && p.effective_end_date >= (q.from ?? '0000-01-01') : p.status !== 'CLOSED'),
  );
  const byCategoryProvince = new Map<string, { projects: number; posti: number }>();
  for (const p of counted) {
    const key = `${p.category}|${comune.get(p.comune_id)?.province}`;
    const cell = byCategoryProvince.get(key) ?? { projects: 0, posti: 0 };
    cell.projects += 1;
    cell.posti += p.posti_total;
    byCategoryProvince.set(key, cell);
  }
  const active = new Set(r.memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.comune_id));
  const provinces = [...new Set(r.comuni.map((c) => c.province))].filter((p) => !q.province || p === q.province).sort();
  const membersByProvince = provinces.map((province) => ({
    province,
    comuni: r.comuni.filter((c) => c.province === province && c.kind === 'COMUNE').length,
    members: r.comuni.filter((c) => c.province === province && active.has(c.id)).length,
  }));
  const served = new Map<string, { comuni: Set<string>; projects: Set<string> }>();
  for (const link of r.links) {
    const project = counted.find((p) => p.id === link.project_id);
    if (!project) continue;
    const entry = served.get(link.ente_gestore_id) ?? { comuni: new Set(), projects: new Set() };
    entry.comuni.add(project.comune_id);
    for (const a of r.associated.filter((x) => x.project_id === project.id)) entry.comuni.add(a.associated_comune_id);
    entry.projects.add(project.id);
    served.set(link.ente_gestore_id, entry);
  }
  const held = r.meetings.filter(
    (m) =>
      ['HELD', 'MINUTES_PUBLISHED'].includes(m.status) &&
      (!q.from || m.starts_at.getTime() >= Date.parse(`${q.from}T00:00:00Z`)) &&
      (!q.to || m.starts_at.getTime() < Date.parse(`${q.to}T00:00:00Z`) + 86_400_000),
  );
  const heldIds = new Set(held.map((m) => m.id));
  const attendance = new Map<string, { invited: number; present: number; delegates: number }>();
  for (const i of r.invitations.filter((x) => heldIds.has(x.meeting_id) && inProvince(x.comune_id))) {
    const a = attendance.get(i.comune_id) ?? { invited: 0, present: 0, delegates: 0 };
    a.invited += 1;
    if (i.present) {
      a.present += 1;
      a.delegates += i.present_delegates.length;
    }
    attendance.set(i.comune_id, a);
  }
  const invited = [...attendance.values()].reduce((n, a) => n + a.invited, 0);
  const present = [...attendance.values()].reduce((n, a) => n + a.present, 0);
  const titolari = new Map<string, { openProjects: number; posti: number }>();
  for (const p of counted.filter((x) => !active.has(x.comune_id))) {
    const e = titolari.get(p.comune_id) ?? { openProjects: 0, posti: 0 };
    e.openProjects += 1;
    e.posti += p.posti_total;
    titolari.set(p.comune_id, e);
  }
  return {
    totals: {
      members: membersByProvince.reduce((n, p) => n + p.members, 0),
      projects: counted.length,
      posti: counted.reduce((n, p) => n + p.posti_total, 0),
      enti: served.size,
      meetingsHeld: held.length,
      attendanceRate: invited ? present / invited : null,
    },
    membersByProvince,
    projectsByCategoryProvince: Object.fromEntries(byCategoryProvince),
    enti: Object.fromEntries([...served].map(([id, s]) => [id, { comuniServed: s.comuni.size, projects: s.projects.size }])),
    attendance: Object.fromEntries(attendance),
    nonMemberTitolari: Object.fromEntries(titolari),
    membersAt: (monthEnd: Date) => {
      const latest = new Map<string, { at: number; id: string; status: string }>();
      for (const e of r.events) {
        if (e.occurred_at.getTime() >= monthEnd.getTime() || !inProvince(e.comune_id)) continue;
        const seen = latest.get(e.comune_id);
        const at = e.occurred_at.getTime();
        if (!seen || at > seen.at || (at === seen.at && e.id > seen.id)) latest.set(e.comune_id, { at, id: e.id, status: e.to_status });
      }
      return [...latest.values()].filter((l) => l.status === 'ACTIVE').length;
    },
  };
}

async function compare(query: StatsQuery) {
  const qs = new URLSearchParams(query as Record<string, string>).toString();
  const stats = (await t.http.get(`/api/v1/stats/dashboard?${qs}`).set(auth.centrale).expect(200)).body as DashboardStats;
  const want = expected(await raw(), query);
  expect(stats.totals).toEqual({ ...want.totals, attendanceRate: want.totals.attendanceRate === null ? null : expect.closeTo(want.totals.attendanceRate, 10) });
  expect(stats.membersByProvince).toEqual(want.membersByProvince);
  expect(Object.fromEntries(stats.projectsByCategoryProvince.map((p) => [`${p.category}|${p.province}`, { projects: p.projects, posti: p.posti }]))).toEqual(
    want.projectsByCategoryProvince,
  );
  for (const ente of stats.entiByComuniServed) expect({ comuniServed: ente.comuniServed, projects: ente.projects }).toEqual(want.enti[ente.enteId]);
  expect(stats.entiByComuniServed).toHaveLength(Math.min(20, Object.keys(want.enti).length));
  const top = Object.values(want.enti).map((e) => e.comuniServed).sort((a, b) => b - a).slice(0, 20);
  expect(stats.entiByComuniServed.map((e) => e.comuniServed)).toEqual(top);
  expect(Object.fromEntries(stats.attendanceByComune.map((a) => [a.comuneId, { invited: a.invited, present: a.present }]))).toEqual(
    Object.fromEntries(Object.entries(want.attendance).map(([id, a]) => [id, { invited: a.invited, present: a.present }])),
  );
  for (const a of stats.attendanceByComune) {
    const delegates = want.attendance[a.comuneId]?.delegates ?? -1;
    expect(a.delegatesPresent).toBe(delegates > 0 && delegates < 5 ? '<5' : delegates); // the Servizio Centrale is outside every Comune
  }
  expect(Object.fromEntries(stats.nonMemberTitolari.map((n) => [n.comuneId, { openProjects: n.openProjects, posti: n.posti }]))).toEqual(want.nonMemberTitolari);
  for (const point of stats.membersOverTime) {
    const [year, month] = point.month.split('-').map(Number);
    const end = new Date(Date.UTC(year ?? 0, month ?? 0, 1));
    expect({ month: point.month, members: point.members }).toEqual({ month: point.month, members: want.membersAt(end) });
  }
  return stats;
}

/** A network of 80 more Comuni, projects, enti, memberships with histories, and held meetings. */
async function generateNetwork(seed: number) {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const comuni = await t.sql<{ id: string }>(
    `SELECT id FROM comuni WHERE kind = 'COMUNE' AND id NOT IN (SELECT comune_id FROM projects) AND id NOT IN (SELECT comune_id FROM memberships) ORDER BY istat_code LIMIT 80`,
  );
  const enti: string[] = [];
  for (let i = 0; i < 12; i++) {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO enti_gestori (name, tax_code, legal_form, version) VALUES ($1, lpad($2::text, 11, '0'), 'COOPERATIVA_SOCIALE', 1) RETURNING id`,
      [`Ente generato ${i}`, 90_000_000 + i],
    );
    enti.push(String(row?.id));
  }
  const meetings: string[] = [];
  for (let i = 0; i < 6; i++) {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO meetings (title, starts_at, ends_at, mode, online_url, status, cancelled_reason, version)
       VALUES ('Generata', $1, $1::timestamptz + interval '2 hours', 'ONLINE', 'https://meet.example/g', $2::meeting_status, CASE WHEN $2::text = 'CANCELLED' THEN 'Rinviata' END, 1) RETURNING id`,
      [`202${3 + (i % 3)}-0${1 + i}-15T09:00:00Z`, ['HELD', 'MINUTES_PUBLISHED', 'HELD', 'CONVENED', 'CANCELLED', 'MINUTES_PUBLISHED'][i]],
    );
    meetings.push(String(row?.id));
  }
  for (const [index, { id }] of comuni.entries()) {
    const status = pick(['ACTIVE', 'ACTIVE', 'REQUESTED', 'SUSPENDED', 'WITHDRAWN', null]);
    if (status) {
      const [m] = await t.sql<{ id: string }>(
        `INSERT INTO memberships (comune_id, status, referent_name, requested_at, version) VALUES ($1, $2, 'Referente', now(), 1) RETURNING id`,
        [id, status],
      );
      const steps = status === 'REQUESTED' ? ['REQUESTED'] : ['REQUESTED', 'ACTIVE', ...(status === 'ACTIVE' ? [] : [status])];
      for (const [k, step] of steps.entries()) {
        await t.sql(`INSERT INTO membership_events (membership_id, comune_id, to_status, occurred_at) VALUES ($1, $2, $3, $4)`, [
          m?.id,
          id,
          step,
          new Date(Date.UTC(2022 + (index % 4), (index * 7 + k * 3) % 12, 10)),
        ]);
      }
    }
    if (random() < 0.6) {
      const [p] = await t.sql<{ id: string }>(
        `INSERT INTO projects (comune_id, code, title, category, status, posti, posti_total, start_date, end_date, effective_end_date, services, closed_at, version)
         VALUES ($1, $2, 'Generato', $3, $4::project_status, $5, $5, $6, $7, $7, '{ACCOGLIENZA_MATERIALE}', CASE WHEN $4::text = 'CLOSED' THEN now() END, 1) RETURNING id`,
        [id, `GEN-${index}`, pick(['ORDINARI', 'MSNA', 'DM_DS']), pick(['ACTIVE', 'PROSECUZIONE', 'CLOSED']), 5 + Math.floor(random() * 60), `202${Math.floor(random() * 4)}-01-01`, `202${5 + Math.floor(random() * 4)}-12-31`],
      );
      for (const ente of new Set([pick(enti), pick(enti)])) {
        await t.sql(`INSERT INTO project_enti_gestori (project_id, ente_gestore_id, comune_id, role) VALUES ($1, $2, $3, 'ATTUATORE')`, [p?.id, ente, id]);
      }
      if (random() < 0.3) {
        const other = pick(comuni).id;
        if (other !== id) await t.sql(`INSERT INTO project_associated_comuni (project_id, comune_id, associated_comune_id) VALUES ($1, $2, $3)`, [p?.id, id, other]);
      }
    }
    for (const meeting of meetings) {
      if (random() < 0.5) continue;
      const present = random() < 0.6;
      const delegates = present ? Array.from({ length: Math.floor(random() * 7) }, (_, k) => `Delegato ${k}`) : [];
      await t.sql(`INSERT INTO meeting_invitations (meeting_id, comune_id, present, present_delegates, version) VALUES ($1, $2, $3, $4, 1)`, [
        meeting,
        id,
        random() < 0.1 ? null : present,
        JSON.stringify(delegates),
      ]);
    }
  }
}

describe('dashboard figures', () => {
  it.each<[string, StatsQuery]>([
    ['the whole network', {}],
    ['MSNA in Catania', { province: 'CT', category: 'MSNA' }],
    ['Siracusa', { province: 'SR' }],
    ['a period', { from: '2021-01-01', to: '2026-12-31' }],
  ])('equal counts made from the raw rows, for the demo data: %s', async (_, query) => {
    await compare(query);
  });

  it('equal counts made from the raw rows for a generated network, under every filter', async () => {
    await generateNetwork(42);
    const whole = await compare({});
    expect(whole.totals.projects).toBeGreaterThan(40);
    expect(whole.attendanceByComune.length).toBeGreaterThan(20);
    expect(whole.membersOverTime.length).toBeGreaterThan(12);
    for (const query of [{ province: 'PA' }, { category: 'ORDINARI' }, { province: 'AG', category: 'DM_DS' }, { from: '2023-01-01', to: '2024-06-30' }, { to: '2022-12-31' }] as StatsQuery[]) {
      await compare(query);
    }
  });

  it('gives referents the same totals, their own Comune’s attendance only, small counts unmasked for themselves', async () => {
    const forCentrale = (await t.http.get('/api/v1/stats/dashboard').set(auth.centrale).expect(200)).body as DashboardStats;
    const forPalermo = (await t.http.get('/api/v1/stats/dashboard').set(auth.palermo).expect(200)).body as DashboardStats;
    expect(forPalermo.totals).toEqual(forCentrale.totals);
    expect(forPalermo.membersOverTime).toEqual(forCentrale.membersOverTime);
    const palermoId = (await t.sql<{ id: string }>(`SELECT id FROM comuni WHERE istat_code = $1`, [PALERMO]))[0]?.id;
    expect(forPalermo.attendanceByComune.map((a) => a.comuneId)).toEqual(forCentrale.attendanceByComune.some((a) => a.comuneId === palermoId) ? [palermoId] : []);
    const own = forPalermo.attendanceByComune[0];
    if (own) expect(typeof own.delegatesPresent).toBe('number');
    const [delegates] = await t.sql<{ n: number }>(
      `SELECT coalesce(sum(jsonb_array_length(i.present_delegates)) FILTER (WHERE i.present), 0)::int AS n
       FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id WHERE i.comune_id = $1 AND m.status IN ('HELD', 'MINUTES_PUBLISHED')`,
      [palermoId],
    );
    if (own) expect(own.delegatesPresent).toBe(delegates?.n);
  });

  it('refuses bad filters', async () => {
    await t.http.get('/api/v1/stats/dashboard?province=XX').set(auth.centrale).expect(400);
    await t.http.get('/api/v1/stats/dashboard?from=2021-02-30').set(auth.centrale).expect(400);
    await t.http.get('/api/v1/stats/dashboard').expect(401);
  });
});
