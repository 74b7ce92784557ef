import { isValidCodiceFiscale, isValidPartitaIva, ITALIAN_PROVINCES } from '@coopera/domain';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
// tools/ is no Nx project, so the boundary rule cannot place it; a test may drive the script's modules.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { seedNational, SeedOptions } from '../../../tools/scripts/seed-national/seed';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TABLES, TableName } from '../../../tools/scripts/seed-national/tables';
import { PasswordService } from '../src/auth/password.service';
import { dropDatabase, ENV_SERVER_URL, onServer, uniqueName, withDatabase } from './test-database';

/**
 * `npm run seed:national` at a hundredth of its size: it creates its database, migrates it (every
 * Italian province must be a value of the enum), loads consistent rows, the same for the same
 * seed, and never loads over data that is already there.
 */
const server = (): string => {
  const url = process.env[ENV_SERVER_URL];
  if (!url) throw new Error('Run the e2e tests through jest.e2e.config.cts (global setup).');
  return url;
};
const databases: string[] = [];
const target = (): string => {
  const name = uniqueName('coopera_national_test');
  databases.push(name);
  return withDatabase(server(), name);
};
const options = (databaseUrl: string, seed = 7): SeedOptions => ({
  databaseUrl,
  seed,
  scale: 0.01,
  today: '2026-06-15',
  reset: false,
  password: 'national-test-password',
});

afterAll(async () => {
  for (const name of databases) await dropDatabase(server(), name);
});

async function query<R extends object>(url: string, sql: string): Promise<R[]> {
  return onServer(url, async (c: Client) => (await c.query<R>(sql)).rows);
}

/** One digest per table of every row, in a fixed order: equal digests, equal tables. */
async function checksums(url: string): Promise<Record<string, string>> {
  const tables = Object.keys(TABLES) as TableName[];
  const [row] = await query<Record<string, string>>(
    url,
    `SELECT ${tables.map((t) => `(SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM "${t}" r) AS "${t}"`).join(', ')}`,
  );
  return row ?? {};
}

describe('npm run seed:national', () => {
  let first: string;

  beforeAll(async () => {
    first = target();
    await seedNational(options(first));
  });

  it('loads every Italian Comune and the generated network, scaled', async () => {
    const [counts] = await query<Record<string, number>>(
      first,
      `SELECT (SELECT count(*)::int FROM comuni WHERE kind = 'COMUNE') AS comuni,
              (SELECT count(DISTINCT province)::int FROM comuni) AS provinces,
              (SELECT count(*)::int FROM comuni WHERE province = 'RM') AS roma,
              (SELECT count(*)::int FROM comuni WHERE province IN ('AG','CL','CT','EN','ME','PA','RG','SR','TP') AND kind = 'COMUNE') AS sicily,
              (SELECT count(*)::int FROM projects) AS projects,
              (SELECT count(*)::int FROM enti_gestori) AS enti,
              (SELECT count(*)::int FROM meetings) AS meetings,
              (SELECT count(*)::int FROM meeting_agenda_items) AS agenda,
              (SELECT count(*)::int FROM meeting_invitations) AS invitations,
              (SELECT count(*)::int FROM memberships) AS memberships,
              (SELECT count(*)::int FROM membership_events) AS events,
              (SELECT count(*)::int FROM audit_events) AS audit,
              (SELECT count(*)::int FROM users WHERE role = 'COMUNE_REFERENT') AS referents,
              (SELECT count(*)::int FROM users WHERE role <> 'COMUNE_REFERENT') AS staff`,
    );
    expect(counts).toMatchObject({ comuni: 7_896, provinces: ITALIAN_PROVINCES.length, roma: 121, sicily: 391, projects: 10, enti: 30, meetings: 20, audit: 3_000 });
    expect(counts?.['agenda']).toBeGreaterThanOrEqual(20 * 3);
    expect(counts?.['invitations']).toBeGreaterThan(0);
    expect(counts?.['events']).toBeGreaterThanOrEqual(counts?.['memberships'] ?? 1);
    expect(counts?.['referents']).toBeGreaterThanOrEqual(counts?.['memberships'] ?? 1);
    expect(counts?.['staff']).toBe(21);
  });

  it('makes data the API accepts: valid tax codes, one working password, seats within their limit', async () => {
    const enti = await query<{ tax_code: string }>(first, 'SELECT tax_code FROM enti_gestori');
    expect(enti.filter((e) => !(isValidPartitaIva(e.tax_code) || isValidCodiceFiscale(e.tax_code)))).toEqual([]);
    const [account] = await query<{ password_hash: string }>(first, `SELECT password_hash FROM users WHERE email = 'segreteria@nazionale.coopera.example'`);
    const passwords = new PasswordService();
    expect(await passwords.verify(account?.password_hash ?? null, 'national-test-password')).toBe(true);
    expect(passwords.needsRehash(account?.password_hash ?? '')).toBe(false);
    const overbooked = await query(
      first,
      `SELECT m.id FROM meetings m JOIN meeting_invitations i ON i.meeting_id = m.id
       GROUP BY m.id HAVING count(*) FILTER (WHERE i.status = 'ATTENDING') > coalesce(min(m.seat_limit), 2147483647)
          OR (count(*) FILTER (WHERE i.status = 'WAITING') > 0 AND min(m.seat_limit) IS NULL)`,
    );
    expect(overbooked).toEqual([]);
    const late = await query(first, `SELECT id FROM audit_events WHERE occurred_at >= '2026-06-15' OR occurred_at < '2025-06-15'`);
    expect(late).toEqual([]);
  });

  it('gives the same rows for the same seed, and others for another seed', async () => {
    const again = target();
    const other = target();
    await seedNational(options(again));
    await seedNational(options(other, 8));
    const [a, b, c] = await Promise.all([checksums(first), checksums(again), checksums(other)]);
    expect(b).toEqual(a);
    expect(c['projects']).not.toEqual(a['projects']);
    expect(c['comuni']).not.toEqual(a['comuni']); // the same Comuni, with other ids
  });

  it('refuses a database that has rows, and with --reset drops only one it made', async () => {
    await expect(seedNational(options(first))).rejects.toThrow(/already holds data/);
    const before = await checksums(first);
    await seedNational({ ...options(first), reset: true });
    expect(await checksums(first)).toEqual(before);

    const foreign = target();
    const name = new URL(foreign).pathname.slice(1);
    await onServer(server(), (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    await onServer(foreign, (c) => c.query(`CREATE TABLE notes (text text); INSERT INTO notes VALUES ('keep me')`));
    await expect(seedNational({ ...options(foreign), reset: true })).rejects.toThrow(/did not load/);
    expect(await query(foreign, 'SELECT text FROM notes')).toEqual([{ text: 'keep me' }]);
  });

  it('is the npm script: it says why it stops, with a non-zero exit code', async () => {
    const run = promisify(execFile)('npm', ['run', '--silent', 'seed:national', '--', `--database-url=${first}`, '--scale=0.01'], {
      cwd: join(__dirname, '../../..'),
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/already holds data.*--reset/) });
  });
});
