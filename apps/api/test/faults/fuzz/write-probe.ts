import { readdirSync } from 'node:fs';
import { Client } from 'pg';

/** A row that a transaction committed during a request: inserted or updated (xmin) or deleted (xmax). */
export interface StampedRow {
  table: string;
  row: Record<string, unknown>;
}

/**
 * Tells whether anything was written while one request was served, cheaply enough to ask after
 * every request. Every change to a table needs a transaction id, so: if no transaction id was
 * handed out meanwhile, nothing was written (one statement, ~0.2 ms). Only when some were, the
 * ones that committed are looked for in every table's rows (their xmin or xmax): a request the
 * API refused must leave none, whatever the transaction that wrote it (the request's own, or
 * one of its side). The data folder (documents, demo mail) is compared as a listing.
 *
 * Requests must run one at a time, and nothing else may write meanwhile (the mail worker is
 * kept asleep by the test's MAIL_POLL_MS).
 */
export class WriteProbe {
  private tables: string[] = [];
  private mark = 0n;
  private files = '';

  private constructor(
    private readonly client: Client,
    private readonly dataDir: string,
  ) {}

  static async open(databaseUrl: string, dataDir: string): Promise<WriteProbe> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'fuzz-write-probe' });
    await client.connect();
    const probe = new WriteProbe(client, dataDir);
    const { rows } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    probe.tables = rows.map((r) => r.name);
    await probe.reset();
    return probe;
  }

  /** Starts a new window: what happens from now on is what `written` reports. */
  async reset(): Promise<void> {
    this.mark = await this.nextXid();
    this.files = listing(this.dataDir);
  }

  /** What was committed since the window started (then starts the next window). */
  async written(): Promise<{ rows: StampedRow[]; files: boolean }> {
    const before = this.mark;
    const filesBefore = this.files;
    await this.reset();
    const files = this.files !== filesBefore;
    if (this.mark === before) return { rows: [], files };
    const { rows } = await this.client.query<{ x: string }>(
      `SELECT x::text FROM generate_series($1::bigint, $2::bigint - 1) AS x WHERE pg_xact_status(x::text::xid8) = 'committed'`,
      [before.toString(), this.mark.toString()],
    );
    if (!rows.length) return { rows: [], files };
    // xmin and xmax are 32-bit: the low half of the 64-bit ids (the epoch is 0 on a test cluster).
    const xids = rows.map((r) => (BigInt(r.x) % 2n ** 32n).toString());
    // One statement over every table: the tables of a test database are small.
    const found = await this.client.query<StampedRow>(
      this.tables
        .map((table) => `(SELECT ${quoteLiteral(table)} AS "table", to_jsonb(t) AS row FROM ${table} t WHERE xmin::text = ANY($1) OR xmax::text = ANY($1) LIMIT 5)`)
        .join(' UNION ALL '),
      [xids],
    );
    const stamped = found.rows;
    return { rows: stamped, files };
  }

  close(): Promise<void> {
    return this.client.end();
  }

  private async nextXid(): Promise<bigint> {
    const { rows } = await this.client.query<{ x: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`);
    return BigInt(rows[0]?.x ?? '0');
  }
}

const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Every file and folder under `dir`, by name: a change means something was written (or removed) there. */
function listing(dir: string): string {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().join('\n');
  } catch {
    return ''; // not created yet
  }
}
