import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { dataSourceOptions } from '../../../apps/api/src/database/data-source';
import { BackupError, messageOf } from './backup-error';
import { ArchiveColumn, ArchiveWriter, BUILTIN_FORMAT, COPY_SETTINGS, Manifest, qualifiedName, quoteIdentifier } from './builtin-archive';
import { connect } from './server';

/** TypeORM's table of applied migrations, as the API names it. */
export const MIGRATIONS_TABLE = String(dataSourceOptions({ url: 'postgres://localhost/unused' }).migrationsTableName);

/** The schemas of the application: all but PostgreSQL's own. */
const APP_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'`;
/** Objects that belong to an extension come back with the extension, not from the archive. */
const NOT_FROM_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

export interface BuiltinBackupResult {
  tables: number;
  rows: number;
  migrations: number;
}

interface TableRef {
  oid: number;
  schema: string;
  name: string;
}

/**
 * Writes the built-in archive of the database at `url` to `file`: one consistent snapshot (a
 * repeatable-read transaction, so the API may go on writing), every table of the application's
 * schemas as COPY's text format, and what the restore needs to rebuild the rest: the applied
 * migrations (the restore runs exactly those), the extensions and the sequences' positions.
 * The migrations table itself is left out: running the migrations writes it again.
 */
export async function writeBuiltinArchive(url: string, description: string, file: string, now: Date): Promise<BuiltinBackupResult> {
  const client = await connect(url, description);
  let writer: ArchiveWriter | null = null;
  try {
    await client.query(COPY_SETTINGS);
    const migrationsTable = await findMigrationsTable(client, description);
    const before = await listTables(client, migrationsTable.oid);

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL lock_timeout = '30s'`);
    // The locks come before the snapshot (LOCK TABLE takes none; the first query after it does):
    // DDL committed before is in the snapshot, and none can start until the backup ends. Without
    // them a TRUNCATE, which is not MVCC-safe, could empty a table under the snapshot.
    await client.query(`LOCK TABLE ${[migrationsTable, ...before].map(qualifiedName).join(', ')} IN ACCESS SHARE MODE`);
    const tables = await listTables(client, migrationsTable.oid);
    if (tables.map(qualifiedName).join() !== before.map(qualifiedName).join()) {
      throw new BackupError(`The tables of ${description} changed as the backup began (was the API migrating?): run the backup again.`);
    }
    const manifest = await readManifest(client, migrationsTable, tables, now);

    writer = new ArchiveWriter(file);
    await writer.writeManifest(manifest);
    for (const table of manifest.tables) {
      const columns = table.columns.map((c) => quoteIdentifier(c.name)).join(', ');
      await writer.writeTable(table, client.query(copyTo(`COPY ${qualifiedName(table)} (${columns}) TO STDOUT`)));
    }
    const end = await writer.finish();
    await client.query('COMMIT');
    return { tables: end.tables, rows: end.rows, migrations: manifest.migrations.length };
  } catch (error) {
    await writer?.abort();
    throw backupProblem(error, description);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function findMigrationsTable(client: Client, description: string): Promise<TableRef> {
  // TypeORM keeps it in the connection's current schema.
  const { rows } = await client.query<TableRef>(
    `SELECT c.oid, n.nspname AS schema, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = $1 AND n.nspname = current_schema() AND c.relkind = 'r'`,
    [MIGRATIONS_TABLE],
  );
  const table = rows[0];
  if (!table) {
    throw new BackupError(
      `${description} has no ${MIGRATIONS_TABLE} table, so it is not a Coopera database (or was never migrated): ` +
        'the built-in format rebuilds the schema from the migrations it names. Use --format=pg_dump for another database.',
    );
  }
  return table;
}

async function listTables(client: Client, migrationsTable: number): Promise<TableRef[]> {
  const { rows } = await client.query<TableRef>(
    `SELECT c.oid, n.nspname AS schema, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND ${APP_SCHEMAS} AND ${NOT_FROM_EXTENSION} AND c.oid <> $1
     ORDER BY n.nspname, c.relname`,
    [migrationsTable],
  );
  return rows;
}

async function readManifest(client: Client, migrationsTable: TableRef, tables: TableRef[], now: Date): Promise<Manifest> {
  const server = (
    await client.query<{ version: string; encoding: string; database: string }>(
      `SELECT current_setting('server_version') AS version, pg_encoding_to_char(encoding) AS encoding, datname AS database
       FROM pg_database WHERE datname = current_database()`,
    )
  ).rows[0];
  if (!server) throw new Error('The current database is not in pg_database.');
  const migrations = await client.query<{ name: string }>(`SELECT name FROM ${qualifiedName(migrationsTable)} ORDER BY id`);
  const extensions = await client.query<{ name: string; schema: string; version: string }>(
    `SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname <> 'plpgsql' ORDER BY 1`,
  );
  const columns = await client.query<ArchiveColumn & { relid: number }>(
    `SELECT a.attrelid AS relid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a
     WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attrelid, a.attnum`,
    [tables.map((t) => t.oid)],
  );
  // The sequences the migrations table owns are its ids: running the migrations sets them again.
  const sequences = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'S' AND ${APP_SCHEMAS} AND ${NOT_FROM_EXTENSION}
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjid = $1 AND d.deptype IN ('a', 'i'))
     ORDER BY 1, 2`,
    [migrationsTable.oid],
  );
  const positions: Manifest['sequences'] = [];
  for (const sequence of sequences.rows) {
    // Read after the snapshot began, a sequence is at least where any row of the snapshot took it.
    const { rows } = await client.query<{ last: string; called: boolean }>(`SELECT last_value::text AS last, is_called AS called FROM ${qualifiedName(sequence)}`);
    positions.push({ ...sequence, lastValue: String(rows[0]?.last), isCalled: rows[0]?.called === true });
  }
  return {
    format: BUILTIN_FORMAT,
    createdAt: now.toISOString(),
    server: { version: server.version, encoding: server.encoding },
    database: server.database,
    migrations: migrations.rows.map((m) => m.name),
    extensions: extensions.rows,
    tables: tables.map((t) => ({ schema: t.schema, name: t.name, columns: columns.rows.filter((c) => c.relid === t.oid).map(({ name, type }) => ({ name, type })) })),
    sequences: positions,
  };
}

function backupProblem(error: unknown, description: string): BackupError {
  if (error instanceof BackupError) return error;
  const code = (error as { code?: string }).code;
  const message = messageOf(error);
  if (code === '55P03') {
    return new BackupError(`The backup of ${description} waited 30 s for its tables: something holds them (a migration, a long ALTER TABLE?). Run it again later.`);
  }
  if (code === '42501' && /row-level security/.test(message)) {
    return new BackupError(
      `${description}: ${message}. The built-in backup reads every row, so it needs a role that bypasses row-level security ` +
        '(a superuser or a role with BYPASSRLS, as pg_dump does for these tables).',
    );
  }
  if (code === 'ENOSPC') return new BackupError(`The disk is full: ${message}`);
  return new BackupError(`The backup of ${description} failed: ${message}`);
}
