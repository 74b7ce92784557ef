import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { DataSource, MigrationExecutor, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../../apps/api/src/database/data-source';
import { MIGRATIONS } from '../../../apps/api/src/database/migrations';
import { BackupError, messageOf } from './backup-error';
import { MIGRATIONS_TABLE } from './builtin-backup';
import { ArchiveContents, COPY_SETTINGS, DamagedArchive, Manifest, qualifiedName, quoteIdentifier, readArchive } from './builtin-archive';
import type { RestoreOptions, RestoreReport } from './restore';
import { databaseOf, DatabaseLocation, locateDatabase } from './server';
import { analyzeAndCount, connectToServer, dropDatabase, prepareTarget, refuseRunningApp } from './target';

type MigrationClass = (typeof MIGRATIONS)[number];

/**
 * Restores a built-in archive. The whole file is read and checked first (every checksum), and
 * its migrations must all be known to this code: a damaged archive, or one made by a newer
 * Coopera, is refused before the target is touched. Then, in ONE transaction on the target: the
 * archive's extensions, exactly the archive's migrations (not newer ones: the data must fit the
 * schema it came from; the API applies the newer ones when it starts), the tables emptied of
 * whatever the migrations seeded, each table loaded by COPY with triggers and foreign-key checks
 * off (session_replication_role = replica: columns kept by triggers are copied as they were, and
 * the order of the tables does not matter), the sequences set, the row counts checked. Any
 * failure rolls all of it back: the database is left empty, or dropped if the restore created it.
 */
export async function restoreBuiltin(file: string, options: RestoreOptions, started: number): Promise<RestoreReport> {
  const contents = await readArchive(file);
  const { manifest } = contents;
  const migrations = migrationsOf(manifest, file);

  const location = await locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, startEmbedded: true, log: options.log });
  try {
    refuseRunningApp(location, options.dataDir);
    await assertMayLoad(location);
    const target = await prepareTarget(location, options.force);
    options.log(
      `Restoring ${file} (Coopera's built-in format: database "${manifest.database}" of ${manifest.createdAt}, PostgreSQL ${manifest.server.version}, ` +
        `${manifest.migrations.length} migrations, ${manifest.tables.length} tables, ${contents.end.rows} rows) into ${location.description}`,
    );
    try {
      await load(location, file, contents, migrations, options.log);
    } catch (error) {
      const name = databaseOf(location.url);
      let aftermath = `the database "${name}" is left empty`;
      if (target.createdDatabase) {
        aftermath = await dropDatabase(location).then(
          () => `the database "${name}", which the restore had created, was dropped again`,
          (dropError: unknown) => `the database "${name}" is left empty (dropping it failed too: ${sentence(dropError)})`,
        );
      }
      throw new BackupError(`${sentence(error)}. Nothing was restored: ${aftermath}.`);
    }
    const { tables, rows } = await analyzeAndCount(location);
    return { database: databaseOf(location.url), tables, rows, ms: Date.now() - started, format: 'builtin', pgRestore: null, outcome: target.outcome };
  } finally {
    await location.close();
  }
}

/** This code's migration classes for the archive's list, in this code's order; refuses names it does not know. */
function migrationsOf(manifest: Manifest, file: string): MigrationClass[] {
  const known = new Map(MIGRATIONS.map((migration) => [new migration().name, migration]));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new BackupError(
      `${file} was made by a newer Coopera: its database had ${unknown.length === 1 ? 'a migration' : 'migrations'} this one does not know ` +
        `(${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''}), so this code cannot build the schema its data fits. ` +
        'Restore it with the Coopera version that made it, or a newer one. Nothing was touched.',
    );
  }
  const wanted = new Set(manifest.migrations);
  return MIGRATIONS.filter((migration) => wanted.has(new migration().name));
}

/**
 * Loading the tables as they were takes a role that may turn triggers off and that row-level
 * security does not filter: checked before the target is touched, so that a --force never drops a
 * database for a restore that could not have worked.
 */
async function assertMayLoad(location: DatabaseLocation): Promise<void> {
  const server = await connectToServer(location);
  try {
    const role = (
      await server.query<{ name: string; superuser: boolean; bypassrls: boolean; version: number }>(
        `SELECT rolname AS name, rolsuper AS superuser, rolbypassrls AS bypassrls, current_setting('server_version_num')::int AS version
         FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows[0];
    if (!role || role.superuser) return;
    const mayReplicate =
      role.version >= 150000 && (await server.query<{ ok: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok`)).rows[0]?.ok === true;
    if (role.bypassrls && mayReplicate) return;
    throw new BackupError(
      `The role "${role.name}" cannot restore a built-in archive on ${location.description}: the restore loads every table with triggers ` +
        'and foreign-key checks off (session_replication_role = replica) and past row-level security. Restore as a superuser (as the ' +
        `embedded server's and the Compose deployment's owners are), or give "${role.name}" BYPASSRLS and, on PostgreSQL 15 or newer, ` +
        `GRANT SET ON PARAMETER session_replication_role TO "${role.name}". Nothing was touched.`,
    );
  } finally {
    await server.end();
  }
}

async function load(location: DatabaseLocation, file: string, contents: ArchiveContents, migrations: MigrationClass[], log: (line: string) => void): Promise<void> {
  const { manifest } = contents;
  // TypeORM runs the migrations, as the API does, but on our connection and inside our transaction.
  const dataSource = new DataSource({ ...dataSourceOptions({ url: location.url, poolSize: 1, applicationName: 'coopera-restore' }), entities: [], migrations });
  let stage = 'connecting';
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new BackupError(`Cannot connect to ${location.description}: ${sentence(error)}.`);
  }
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    await runner.query(COPY_SETTINGS);
    await runner.startTransaction();

    stage = 'creating the extensions';
    // As TypeORM does when the API starts (pgcrypto), before the migrations that may use them.
    for (const extension of manifest.extensions) {
      await runner.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(extension.name)} WITH SCHEMA ${quoteIdentifier(extension.schema)}`);
    }

    stage = `running the archive's ${migrations.length} migrations`;
    const executor = new MigrationExecutor(dataSource, runner);
    // 'all' inside a transaction already open: TypeORM neither commits nor opens one per migration.
    executor.transaction = 'all';
    await executor.executePendingMigrations();

    stage = 'checking the schema';
    await assertSchemaFits(runner, manifest, log);

    stage = 'emptying the tables';
    // No trigger, no foreign-key check until the commit: the data is a consistent snapshot already.
    await runner.query(`SET LOCAL session_replication_role = replica`);
    // Rows the migrations seeded give way to the archive's; TRUNCATE fires no DELETE trigger.
    if (manifest.tables.length) await runner.query(`TRUNCATE ${manifest.tables.map(qualifiedName).join(', ')}`);

    // The file is read a second time, and checked again as it loads: a file changed since the
    // first reading fails here, before the commit.
    await readArchive(file, {
      manifest: (_manifest, sha256) => {
        if (sha256 !== contents.end.manifestSha256) throw new DamagedArchive(`${file} changed during the restore.`);
      },
      table: async (table, data) => {
        stage = `loading ${qualifiedName(table)}`;
        const columns = table.columns.map((c) => quoteIdentifier(c.name)).join(', ');
        const copy = client.query(copyFrom(`COPY ${qualifiedName(table)} (${columns}) FROM STDIN`));
        await pipeline(data, copy);
        return copy.rowCount;
      },
    });

    stage = 'setting the sequences';
    for (const sequence of manifest.sequences) {
      await runner.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [qualifiedName(sequence), sequence.lastValue, sequence.isCalled]);
    }
    stage = 'committing';
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The restore failed while ${stage}: ${sentence(error)}.`);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

interface ColumnRow {
  schema: string;
  table: string;
  name: string;
  type: string;
}

/**
 * The schema the migrations built must hold every column of the archive, with its type: it does
 * unless the source's schema was changed by hand. Said plainly rather than as COPY's error.
 */
async function assertSchemaFits(runner: QueryRunner, manifest: Manifest, log: (line: string) => void): Promise<void> {
  const rows: ColumnRow[] = await runner.query(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''`,
  );
  const built = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const table = qualifiedName({ schema: row.schema, name: row.table });
    const columns = built.get(table) ?? new Map<string, string>();
    columns.set(row.name, row.type);
    built.set(table, columns);
  }
  const problems: string[] = [];
  for (const table of manifest.tables) {
    const name = qualifiedName(table);
    const columns = built.get(name);
    if (!columns) {
      problems.push(`no table ${name}`);
      continue;
    }
    for (const column of table.columns) {
      const type = columns.get(column.name);
      if (type === undefined) problems.push(`no column ${name}.${quoteIdentifier(column.name)}`);
      else if (type !== column.type) problems.push(`${name}.${quoteIdentifier(column.name)} is ${type}, the archive's is ${column.type}`);
    }
  }
  if (problems.length) {
    throw new BackupError(
      `The archive's migrations build a schema that does not fit its data (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}): ` +
        'the database it came from was changed outside the migrations. Restore it with pg_restore from a pg_dump archive instead.',
    );
  }
  const archived = new Set(manifest.tables.map(qualifiedName));
  const extra = [...new Set(rows.filter((r) => r.table !== MIGRATIONS_TABLE).map((r) => qualifiedName({ schema: r.schema, name: r.table })))].filter((t) => !archived.has(t));
  if (extra.length) log(`Note: the migrations made tables the archive does not hold, left as the migrations made them: ${extra.join(', ')}.`);
}

/** Without its final period: the messages here go on after it. */
function sentence(error: unknown): string {
  return messageOf(error).replace(/\.$/, '');
}
