import { createHash, Hash } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, WriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, Gzip } from 'node:zlib';
import { BackupError, messageOf } from './backup-error';

/*
 * Coopera's built-in archive: what `db:backup` writes when no pg_dump can read the server (the
 * embedded PostgreSQL 18, whose package ships no client programs). The file is
 *
 *   COOPERA-BACKUP 1\n                     the magic line; the number is the format's version
 *   gzip(
 *     manifest JSON\n                      what the restore needs before any data (Manifest)
 *     per table, in the manifest's order:
 *       frames: uint32 BE length, bytes    COPY's text format, cut in frames of ~64 KiB
 *       uint32 0                           end of the table's data
 *       trailer JSON\n                     rows, bytes and sha256 of that data (TableTrailer)
 *     end JSON\n                           tables, rows, sha256 of the manifest line (ArchiveEnd)
 *   )
 *
 * Lengths instead of a terminator need no assumption about the data; the trailers come after the
 * data because they are only known once it is read; gzip's CRC covers every byte after the magic
 * line, the sha256 each table. A reader checks the whole file before a restore touches anything.
 */

export const BUILTIN_MAGIC = 'COOPERA-BACKUP';
/** Raised on any change an older reader would misread: it then refuses the file, naming both versions. */
export const BUILTIN_FORMAT = 1;
const MAGIC_LINE = Buffer.from(`${BUILTIN_MAGIC} ${BUILTIN_FORMAT}\n`, 'latin1');
const FRAME_BYTES = 64 * 1024;
/** A frame holds at most one batch plus one COPY chunk; PostgreSQL's own limit on a row is 1 GiB. */
const MAX_FRAME_BYTES = 1024 * 1024 * 1024 + FRAME_BYTES;
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Session settings under which COPY's text format reads back exactly what it wrote, whatever the
 * server's or the role's defaults: the backup and the restore both run them. Dates and times in
 * ISO with explicit offsets, floats with every digit, bytea in hex, text in UTF-8; row_security
 * off, so that row-level security that would hide rows from the backup or refuse rows to the
 * restore is an error, never a silently shorter table; and no timeout a role or database may set
 * for the API's sessions cutting a long COPY short (pg_dump does all of this too).
 */
export const COPY_SETTINGS = [
  `SET statement_timeout = 0`,
  `SET idle_in_transaction_session_timeout = 0`,
  // transaction_timeout exists from PostgreSQL 17 on; set_config is not evaluated on older servers.
  `SELECT set_config('transaction_timeout', '0', false) WHERE current_setting('server_version_num')::int >= 170000`,
  `SET client_encoding = 'UTF8'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET TimeZone = 'UTC'`,
  `SET extra_float_digits = 3`,
  `SET bytea_output = 'hex'`,
  `SET row_security = off`,
].join('; ');

export interface ArchiveColumn {
  name: string;
  /** As format_type() prints it, e.g. "character varying(200)": the restore checks the schema it built against it. */
  type: string;
}

export interface ArchiveTable {
  schema: string;
  name: string;
  /** Every column but the generated ones (the server computes those), in the table's order. */
  columns: ArchiveColumn[];
}

export interface ArchiveSequence {
  schema: string;
  name: string;
  /** A bigint, as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface ArchiveExtension {
  name: string;
  schema: string;
  version: string;
}

export interface Manifest {
  format: number;
  createdAt: string;
  server: { version: string; encoding: string };
  database: string;
  /** The migrations applied to the database, oldest first: the restore builds the schema by running exactly these. */
  migrations: string[];
  extensions: ArchiveExtension[];
  tables: ArchiveTable[];
  sequences: ArchiveSequence[];
}

export interface TableTrailer {
  table: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ArchiveEnd {
  end: true;
  tables: number;
  rows: number;
  manifestSha256: string;
}

export interface ArchiveContents {
  manifest: Manifest;
  trailers: TableTrailer[];
  end: ArchiveEnd;
}

/** `"schema"."table"`, quoted as PostgreSQL quotes identifiers. */
export function qualifiedName(table: { schema: string; name: string }): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The archive is damaged or is no archive of ours: nothing was, or will be, touched because of it. */
export class DamagedArchive extends BackupError {}

/**
 * The format version of a built-in archive, from its magic line; null when the file is not one.
 * Reads the first bytes only.
 */
export function builtinVersion(file: string): number | null {
  const head = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const match = /^COOPERA-BACKUP (\d+)\n/.exec(head.subarray(0, read).toString('latin1'));
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Writes an archive: the manifest, then each table's data as it streams from COPY, then the end.
 * The caller writes to a temporary name, and renames once the file has been read back.
 */
export class ArchiveWriter {
  private readonly gzip: Gzip = createGzip({ level: 6 });
  private readonly out: WriteStream;
  private readonly written: Promise<void>;
  private manifest: Manifest | null = null;
  private manifestSha256 = '';
  private readonly trailers: TableTrailer[] = [];

  constructor(path: string) {
    // 0600 from the first byte: the archive holds password hashes and personal data.
    this.out = createWriteStream(path, { mode: 0o600 });
    this.out.write(MAGIC_LINE); // queued before any compressed byte, which only comes later
    this.written = pipeline(this.gzip, this.out);
    // A write error (disk full) rejects `written`, awaited by finish() or abort(); not unhandled meanwhile.
    this.written.catch(() => undefined);
  }

  async writeManifest(manifest: Manifest): Promise<void> {
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    this.manifest = manifest;
    this.manifestSha256 = sha256(json); // of the line without its newline, as the reader sees it
    await this.write(Buffer.concat([json, Buffer.from('\n')]));
  }

  /** One table's data, COPY's text format as it comes; the table must be the manifest's next one. */
  async writeTable(table: ArchiveTable, data: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<TableTrailer> {
    const expected = this.manifest?.tables[this.trailers.length];
    if (!expected || qualifiedName(expected) !== qualifiedName(table)) {
      throw new Error(`Archive written out of order: ${qualifiedName(table)} is not the manifest's next table.`);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    let rows = 0;
    let batch: Buffer[] = [];
    let batched = 0;
    for await (const chunk of data) {
      hash.update(chunk);
      bytes += chunk.length;
      rows += countRows(chunk);
      batch.push(chunk);
      batched += chunk.length;
      // COPY yields a chunk per network read, often a row: batching keeps the frames' overhead negligible.
      if (batched >= FRAME_BYTES) {
        await this.frame(Buffer.concat(batch, batched));
        batch = [];
        batched = 0;
      }
    }
    if (batched > 0) await this.frame(Buffer.concat(batch, batched));
    await this.write(uint32(0));
    const trailer: TableTrailer = { table: qualifiedName(table), rows, bytes, sha256: hash.digest('hex') };
    await this.write(Buffer.from(`${JSON.stringify(trailer)}\n`, 'utf8'));
    this.trailers.push(trailer);
    return trailer;
  }

  /** Writes the end, and resolves once every byte is in the file. */
  async finish(): Promise<ArchiveEnd> {
    const tables = this.manifest?.tables.length ?? -1;
    if (this.trailers.length !== tables) throw new Error(`Archive incomplete: ${this.trailers.length} of ${tables} tables written.`);
    const end: ArchiveEnd = { end: true, tables, rows: this.trailers.reduce((sum, t) => sum + t.rows, 0), manifestSha256: this.manifestSha256 };
    await this.write(Buffer.from(`${JSON.stringify(end)}\n`, 'utf8'));
    this.gzip.end();
    await this.written;
    return end;
  }

  /** Stops writing after a failure; the caller deletes the file. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    this.out.destroy();
    await this.written.catch(() => undefined);
  }

  private async frame(payload: Buffer): Promise<void> {
    await this.write(uint32(payload.length));
    await this.write(payload);
  }

  private async write(buffer: Buffer): Promise<void> {
    if (this.gzip.write(buffer)) return;
    // Backpressure; a failed file write ends `written` with its error instead of a drain that never comes.
    await Promise.race([once(this.gzip, 'drain'), this.written.then(() => Promise.reject(new Error('The archive was closed while writing.')))]);
  }
}

export interface ArchiveVisitor {
  /** The manifest, before any data is read: throwing here refuses the archive. */
  manifest?(manifest: Manifest, manifestSha256: string): Promise<void> | void;
  /**
   * Each table's data (COPY's text format); resolves to the rows it loaded, which must be the
   * archive's count. Without a visitor the data is read, checked and dropped.
   */
  table?(table: ArchiveTable, data: Readable): Promise<number>;
}

/**
 * Reads a whole archive and checks every part of it: magic line, gzip (its CRC covers all the
 * content), manifest, each table's length, rows and sha256, the end and nothing after it.
 * Any fault is a DamagedArchive; errors of the visitor pass through as they are.
 */
export async function readArchive(file: string, visit: ArchiveVisitor = {}): Promise<ArchiveContents> {
  const version = builtinVersion(file);
  if (version !== BUILTIN_FORMAT) throw new DamagedArchive(`${file} is not a Coopera built-in archive of format ${BUILTIN_FORMAT}.`);
  const raw = createReadStream(file, { start: MAGIC_LINE.length });
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  const reader = new ByteReader(raw.pipe(gunzip), file);
  try {
    const manifestLine = await reader.line();
    const manifest = parseManifest(manifestLine.toString('utf8'), file);
    const manifestSha256 = sha256(manifestLine);
    await visit.manifest?.(manifest, manifestSha256);

    const trailers: TableTrailer[] = [];
    for (const table of manifest.tables) {
      const name = qualifiedName(table);
      const seen: FrameTally = { rows: 0, bytes: 0, hash: createHash('sha256'), done: false };
      let loaded: number | null = null;
      if (visit.table) {
        loaded = await visit.table(table, Readable.from(frames(reader, seen, name), { objectMode: false }));
        if (!seen.done) throw new Error(`The restore stopped reading ${name} before its end.`);
      } else {
        for await (const chunk of frames(reader, seen, name)) void chunk; // read and checked, not kept
      }
      const trailer = parseTrailer((await reader.line()).toString('utf8'), file);
      const digest = seen.hash.digest('hex');
      if (trailer.table !== name) throw damaged(file, `the data of ${name} is followed by the trailer of ${trailer.table}`);
      if (trailer.bytes !== seen.bytes || trailer.rows !== seen.rows || trailer.sha256 !== digest) {
        throw damaged(file, `the data of ${name} is not what was written (${seen.bytes} bytes, ${seen.rows} rows, sha256 ${digest.slice(0, 12)}…; written: ${trailer.bytes} bytes, ${trailer.rows} rows, sha256 ${trailer.sha256.slice(0, 12)}…)`);
      }
      if (loaded !== null && loaded !== trailer.rows) throw new BackupError(`${name}: ${loaded} rows loaded, but the archive holds ${trailer.rows}.`);
      trailers.push(trailer);
    }

    const end = parseEnd((await reader.line()).toString('utf8'), file);
    const rows = trailers.reduce((sum, t) => sum + t.rows, 0);
    if (end.tables !== manifest.tables.length || end.rows !== rows || end.manifestSha256 !== manifestSha256) {
      throw damaged(file, 'its end does not match its content');
    }
    // Reading to the end also makes gunzip check its CRC and length over everything above.
    if (!(await reader.atEnd())) throw damaged(file, 'there are bytes after its end');
    return { manifest, trailers, end };
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

interface FrameTally {
  rows: number;
  bytes: number;
  hash: Hash;
  /** The table's end (a zero length) was read. */
  done: boolean;
}

async function* frames(reader: ByteReader, seen: FrameTally, table: string): AsyncGenerator<Buffer> {
  for (;;) {
    const length = (await reader.bytes(4)).readUInt32BE(0);
    if (length === 0) {
      seen.done = true;
      return;
    }
    if (length > MAX_FRAME_BYTES) throw damaged(reader.file, `a frame of ${table} claims ${length} bytes`);
    const chunk = await reader.bytes(length);
    seen.hash.update(chunk);
    seen.bytes += length;
    seen.rows += countRows(chunk);
    yield chunk;
  }
}

/** Pulls exact byte counts and lines out of the decompressed stream; every fault is a DamagedArchive. */
class ByteReader {
  private readonly source: AsyncIterator<Buffer>;
  private buffer = Buffer.alloc(0);
  private offset = 0;
  private ended = false;

  constructor(
    stream: Readable,
    readonly file: string,
  ) {
    this.source = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  async bytes(count: number): Promise<Buffer> {
    while (this.buffer.length - this.offset < count) {
      if (!(await this.more())) throw damaged(this.file, 'it ends too early (a truncated file?)');
    }
    const result = this.buffer.subarray(this.offset, this.offset + count);
    this.offset += count;
    return result;
  }

  /** The next line, without its newline. */
  async line(): Promise<Buffer> {
    let searched = this.offset;
    for (;;) {
      const newline = this.buffer.indexOf(10, searched);
      if (newline >= 0) {
        const result = this.buffer.subarray(this.offset, newline);
        this.offset = newline + 1;
        return result;
      }
      searched = this.buffer.length;
      if (searched - this.offset > MAX_LINE_BYTES) throw damaged(this.file, 'a header line is implausibly long');
      const kept = searched - this.offset;
      if (!(await this.more())) throw damaged(this.file, 'it ends too early (a truncated file?)');
      searched = this.offset + kept;
    }
  }

  async atEnd(): Promise<boolean> {
    if (this.buffer.length > this.offset) return false;
    return !(await this.more());
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    let next: IteratorResult<Buffer>;
    try {
      next = await this.source.next();
    } catch (error) {
      throw damaged(this.file, gzipProblem(error));
    }
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = Buffer.concat([this.buffer.subarray(this.offset), next.value]);
    this.offset = 0;
    return true;
  }
}

function gzipProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = messageOf(error);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/.test(message)) return 'it ends too early (a truncated file?)';
  if (code === 'Z_DATA_ERROR') return `its compressed data is corrupt (${message})`;
  return message;
}

function damaged(file: string, why: string): DamagedArchive {
  return new DamagedArchive(`${file} is damaged: ${why}. Nothing was restored from it; use another backup.`);
}

function parseJson(text: string, file: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(file, `its ${what} is not readable`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damaged(file, `its ${what} is not readable`);
  return value as Record<string, unknown>;
}

function parseManifest(text: string, file: string): Manifest {
  const value = parseJson(text, file, 'manifest');
  if (value['format'] !== BUILTIN_FORMAT) throw damaged(file, `its manifest says format ${String(value['format'])}`);
  const server = value['server'] as Record<string, unknown> | undefined;
  const ok =
    isString(value['createdAt']) &&
    isString(value['database']) &&
    isString(server?.['version']) &&
    isString(server?.['encoding']) &&
    isArrayOf(value['migrations'], isString) &&
    isArrayOf(value['extensions'], (e) => hasStrings(e, ['name', 'schema', 'version'])) &&
    isArrayOf(value['sequences'], (s) => hasStrings(s, ['schema', 'name', 'lastValue']) && typeof (s as Record<string, unknown>)['isCalled'] === 'boolean') &&
    isArrayOf(value['tables'], (t) => hasStrings(t, ['schema', 'name']) && isArrayOf((t as Record<string, unknown>)['columns'], (c) => hasStrings(c, ['name', 'type'])));
  if (!ok) throw damaged(file, 'its manifest lacks some of its parts');
  return value as unknown as Manifest;
}

function parseTrailer(text: string, file: string): TableTrailer {
  const value = parseJson(text, file, 'table trailer');
  if (!hasStrings(value, ['table', 'sha256']) || !Number.isInteger(value['rows']) || !Number.isInteger(value['bytes'])) {
    throw damaged(file, 'a table trailer lacks some of its parts');
  }
  return value as unknown as TableTrailer;
}

function parseEnd(text: string, file: string): ArchiveEnd {
  const value = parseJson(text, file, 'end');
  if (value['end'] !== true || !Number.isInteger(value['tables']) || !Number.isInteger(value['rows']) || !isString(value['manifestSha256'])) {
    throw damaged(file, 'its end lacks some of its parts');
  }
  return value as unknown as ArchiveEnd;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(check);
}

function hasStrings(value: unknown, keys: string[]): boolean {
  return typeof value === 'object' && value !== null && keys.every((key) => isString((value as Record<string, unknown>)[key]));
}

/** COPY's text format ends every row with a newline and escapes the newlines inside values. */
function countRows(chunk: Buffer): number {
  let rows = 0;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) rows++;
  return rows;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value, 0);
  return buffer;
}

function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
