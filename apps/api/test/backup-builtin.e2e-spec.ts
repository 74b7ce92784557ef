import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
// tools/ is no Nx project, so the boundary rule cannot place it; a test may drive the script's modules.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { backup } from '../../../tools/scripts/db-backup/backup';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ArchiveWriter, Manifest, qualifiedName, readArchive } from '../../../tools/scripts/db-backup/builtin-archive';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { restore } from '../../../tools/scripts/db-backup/restore';
import { prepareSchema } from '../src/database/database-setup';
import { EmbeddedCluster, scratchClusterDir } from '../src/database/embedded-cluster';
import { loadDemoData } from '../src/demo/demo-data';
import { cli, fingerprint, query, serverVersion, expectServedByApi } from './backup-helpers';

/*
 * npm run db:backup / db:restore on the embedded PostgreSQL of `npm start` (18), which no pg_dump
 * of this machine can read (Debian's is 15): the scripts fall back to Coopera's built-in archive.
 * The server is the test's own, laid out as COOPERA_DATA_DIR is (pg/ and the superuser's
 * password beside it), with the demo data and some awkward values that a lossy round trip
 * would change.
 */
jest.setTimeout(120_000);

const DEMO_PASSWORD = 'coopera-demo-2021';
const MAGIC = 'COOPERA-BACKUP 1\n';
const CONTROLS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('') + '\u007f';
/** Text cannot hold NUL; every other byte value, as a character, can. */
const BINARYISH = Array.from({ length: 255 }, (_, i) => String.fromCharCode(i + 1)).join('');
const AWKWARD = [
  'tab\there, newline\nthere, CR LF\r\n, a lone \\ backslash, \\N, \\. and \\\\.',
  '\\.', // COPY's end-of-data line, were it not escaped
  '\\N', // COPY's NULL, were it not escaped
  `quotes ' " \` and controls: ${CONTROLS}`,
  'Città, Sant’Agata di Militello, «Perché», e\u0301 (combining), 🇮🇹 🧑🏽‍⚖️, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, العربية, 中文, \u{10FFFF}',
  `every byte value as a character: ${BINARYISH}`,
].join('\n');
const AWKWARD_TAGS = ['', 'NULL', 'a,b', '{x}', '"quoted"', 'back\\slash', ' spaced ', 'ünïcödé', 'new\nline'];
/** About 2 MB of jsonb, with escapes and non-ASCII text in it. */
const LARGE_JSON = {
  items: Array.from({ length: 20_000 }, (_, i) => ({ i, text: `riga ${i} «àèìòù» \n\t\\ "q"`, nested: { even: i % 2 === 0, none: null } })),
};

let dataDir: string;
let work: string;
let cluster: EmbeddedCluster;
let good: string;

beforeAll(async () => {
  dataDir = dirname(scratchClusterDir('coopera-backup-builtin'));
  work = join(dataDir, 'work');
  mkdirSync(work);
  cluster = await EmbeddedCluster.start({ dir: join(dataDir, 'pg'), durable: false });
  await query(cluster.url('postgres'), 'CREATE DATABASE coopera');
  await prepareSchema(cluster.url('coopera'), () => undefined);
  await loadDemoData(cluster.url('coopera'), DEMO_PASSWORD);
  await addAwkwardData(cluster.url('coopera'));
  good = join(work, 'good.dump');
});
afterAll(async () => {
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run db:backup and db:restore in the built-in format', () => {
  it('back up the running embedded PostgreSQL 18 with no pg_dump that reads it, restore into a fresh database: every value, policy and grant the same, and the API serves it', async () => {
    const backedUp = await cli(['backup', good], { COOPERA_DATA_DIR: dataDir });
    expect(backedUp).toMatchObject({ code: 0, stderr: '' });
    const version = await serverVersion(cluster.url('coopera'));
    expect(backedUp.stdout).toMatch(new RegExp(`PostgreSQL ${version}, in Coopera's built-in format \\(no pg_dump here reads PostgreSQL ${version.split('.')[0]}`));
    expect(backedUp.stdout).toMatch(new RegExp(`Backup written: ${good} \\(built-in format, \\d+ KiB, \\d+ tables, \\d+ rows, [\\d.]+ s\\)`));
    expect(readFileSync(good).subarray(0, MAGIC.length).toString('latin1')).toBe(MAGIC);
    expect(statSync(good).mode & 0o777).toBe(0o600);

    const restored = await cli(['restore', good, `--database-url=${cluster.url('coopera_restored')}`], { COOPERA_DATA_DIR: dataDir });
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/Restored into database "coopera_restored": \d+ tables, \d+ rows/);

    const source = await fingerprint(cluster.url('coopera'));
    expect(Object.keys(source.tables).length).toBeGreaterThan(20);
    expect(source.tables['meetings']?.rows).toBeGreaterThan(0);
    // Rows, and the columns that triggers keep (comuni's figures, the province totals) copied as they were, not counted twice.
    expect(await fingerprint(cluster.url('coopera_restored'))).toEqual(source);
    // The awkward values, byte for byte.
    const awkward = `SELECT o.text_body, o.subject, o.meeting_id, o.sent_at, a.detail, a.changes,
             a.occurred_at = '1900-01-01 00:00:00.123456+05:30' AS same_instant, p.tags
      FROM mail_outbox o, audit_events a, practices p WHERE o.dedupe_key = 'backup-test' AND a.action = 'backup.test' AND p.title = 'Backup test'`;
    const [row] = await query<Record<string, unknown>>(cluster.url('coopera_restored'), awkward);
    expect(row).toEqual({
      text_body: AWKWARD,
      subject: AWKWARD.split('\n')[0],
      meeting_id: null,
      sent_at: null,
      detail: CONTROLS,
      changes: LARGE_JSON,
      same_instant: true,
      tags: AWKWARD_TAGS,
    });

    // The restored database is the app's: its confined role connects, RLS holds, a demo account signs in.
    await expectServedByApi(cluster.url('coopera_restored'), join(work, 'app'), DEMO_PASSWORD, source.tables['meetings']?.rows);
  });

  it('refuses a damaged, truncated or newer archive, and a role that could not load it, before touching the target', async () => {
    await ensureGoodArchive();
    const target = cluster.url('coopera_untouched');
    const options = { dataDir, databaseUrl: target, env: process.env, log: () => undefined };
    await restore({ ...options, file: good, force: false });
    const before = await fingerprint(target);
    const refused = async (name: string, bytes: Buffer, message: RegExp | string, url = target) => {
      const file = join(work, name);
      writeFileSync(file, bytes);
      // --force: had anything been touched, the target would have been dropped.
      await expect(restore({ ...options, databaseUrl: url, file, force: true })).rejects.toThrow(message);
    };
    const bytes = readFileSync(good);

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0x10;
    await refused('flipped.dump', flipped, / is damaged: .* Nothing was restored from it; use another backup\./);
    await refused('truncated.dump', bytes.subarray(0, Math.floor(bytes.length * 0.6)), / is damaged: it ends too early \(a truncated file\?\)/);
    // Sound compression around changed data: the table's sha256 catches it.
    const content = gunzipSync(bytes.subarray(MAGIC.length));
    content[content.indexOf('Canicattini')] = 'K'.charCodeAt(0);
    await refused('altered.dump', Buffer.concat([Buffer.from(MAGIC), gzipSync(content)]), / is damaged: the data of "public"\."\w+" is not what was written/);
    await refused('format-2.dump', Buffer.concat([Buffer.from('COOPERA-BACKUP 2\n'), bytes.subarray(MAGIC.length)]), /is a built-in archive of format 2, made by a newer Coopera; this one reads format 1/);

    const future = join(work, 'future.dump');
    await rewrite(good, future, (manifest) => manifest.migrations.push('FutureFeature1999999999999'));
    await refused('future.dump', readFileSync(future), /was made by a newer Coopera: its database had a migration this one does not know \(FutureFeature1999999999999\).* Nothing was touched\./);

    // A role that triggers and row-level security bind cannot load the tables as they were.
    await query(cluster.url('coopera'), `CREATE ROLE restorer LOGIN PASSWORD 'restorer' NOSUPERUSER CREATEDB`);
    const asRestorer = (database: string) => cluster.url(database).replace(/\/\/postgres:[^@]*@/, '//restorer:restorer@');
    await refused('good-copy.dump', bytes, /The role "restorer" cannot restore a built-in archive .* Nothing was touched\./, asRestorer('coopera_untouched'));
    expect(await fingerprint(target)).toEqual(before);

    // ...nor back up: row-level security would hide rows, and the backup refuses rather than write fewer.
    await query(cluster.url('coopera'), 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO restorer');
    await expect(backup({ ...options, databaseUrl: asRestorer('coopera'), out: join(work, 'filtered.dump'), force: false })).rejects.toThrow(
      /query would be affected by row-level security policy for table "\w+"\. The built-in backup reads every row, so it needs a role that bypasses row-level security/,
    );
  });

  it('leaves no half database when loading fails: one the restore created is dropped, one that was there is left empty', async () => {
    await ensureGoodArchive();
    const options = { dataDir, env: process.env, log: () => undefined, force: false };
    // Sound checksums, but a row twice: the primary key refuses it in the middle of the load.
    const duplicate = join(work, 'duplicate.dump');
    await rewrite(good, duplicate, (_manifest, data) => {
      const users = data.get('"public"."users"') ?? Buffer.alloc(0);
      data.set('"public"."users"', Buffer.concat([users, users.subarray(0, users.indexOf(10) + 1)]));
    });
    const databases = async () => (await query<{ datname: string }>(cluster.url('postgres'), 'SELECT datname FROM pg_database ORDER BY 1')).map((d) => d.datname);

    await expect(restore({ ...options, file: duplicate, databaseUrl: cluster.url('coopera_new') })).rejects.toThrow(
      /^The restore failed while loading "public"\."users": duplicate key value violates unique constraint "users_pkey"\. Nothing was restored: the database "coopera_new", which the restore had created, was dropped again\.$/,
    );
    expect(await databases()).not.toContain('coopera_new');

    await query(cluster.url('postgres'), 'CREATE DATABASE coopera_empty');
    await expect(restore({ ...options, file: duplicate, databaseUrl: cluster.url('coopera_empty') })).rejects.toThrow(
      /Nothing was restored: the database "coopera_empty" is left empty\.$/,
    );
    // The migrations ran in the same transaction as the load: rolled back with it.
    expect(await query(cluster.url('coopera_empty'), `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);

    // The same database then takes a sound archive, sequences set as the archive says (the app has
    // no sequence of its own today: the migrations table's stands in).
    const sequenced = join(work, 'sequenced.dump');
    await rewrite(good, sequenced, (manifest) => manifest.sequences.push({ schema: 'public', name: 'typeorm_migrations_id_seq', lastValue: '1234', isCalled: true }));
    expect(await restore({ ...options, file: sequenced, databaseUrl: cluster.url('coopera_empty') })).toMatchObject({ format: 'builtin', outcome: 'created' });
    expect(await query(cluster.url('coopera_empty'), `SELECT last_value::text AS value FROM typeorm_migrations_id_seq`)).toEqual([{ value: '1234' }]);
    const withoutSequences = async (url: string) => ({ ...(await fingerprint(url)), sequences: null });
    expect(await withoutSequences(cluster.url('coopera_empty'))).toEqual(await withoutSequences(cluster.url('coopera')));
  });
});

/** The first test writes it through the CLI; a test run alone (-t) writes its own. */
async function ensureGoodArchive(): Promise<void> {
  if (!existsSync(good)) await backup({ databaseUrl: null, dataDir, out: good, force: false, env: process.env, log: () => undefined });
}

/** Values a lossy round trip would change: control characters, escapes, unicode, NULLs, a large jsonb, an old time with microseconds. */
async function addAwkwardData(url: string): Promise<void> {
  await query(
    url,
    `INSERT INTO mail_outbox (kind, dedupe_key, subject, text_body, meeting_id, sent_at, attachments)
     VALUES ('UPDATE', 'backup-test', $1, $2, NULL, NULL, '[]')`,
    [AWKWARD.split('\n')[0], AWKWARD],
  );
  await query(url, `INSERT INTO audit_events (action, detail, changes, occurred_at) VALUES ('backup.test', $1, $2, '1900-01-01 00:00:00.123456+05:30')`, [
    CONTROLS,
    JSON.stringify(LARGE_JSON),
  ]);
  await query(url, `UPDATE practices SET title = 'Backup test', tags = $1 WHERE id = (SELECT id FROM practices ORDER BY id LIMIT 1)`, [AWKWARD_TAGS]);
}

/** Rewrites an archive through the real writer: sound checksums around whatever `edit` changes. */
async function rewrite(source: string, target: string, edit: (manifest: Manifest, data: Map<string, Buffer>) => void): Promise<void> {
  const data = new Map<string, Buffer>();
  const { manifest } = await readArchive(source, {
    table: async (table, stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      data.set(qualifiedName(table), bytes);
      return bytes.toString('latin1').split('\n').length - 1;
    },
  });
  edit(manifest, data);
  const writer = new ArchiveWriter(target);
  await writer.writeManifest(manifest);
  for (const table of manifest.tables) await writer.writeTable(table, [data.get(qualifiedName(table)) ?? Buffer.alloc(0)]);
  await writer.finish();
}
