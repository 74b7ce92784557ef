import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { EntityManager } from 'typeorm';
import { CSV_BOM, CsvCell, csvLine } from '../common/csv';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportColumn<R> {
  header: string;
  /** Excel column width, in characters. */
  width: number;
  kind: 'text' | 'integer' | 'date' | 'datetime' | 'boolean';
  value(row: R): CsvCell;
}

export interface TableExport<R> {
  /** File name without extension. */
  fileName: string;
  sheetName: string;
  columns: ExportColumn<R>[];
  /** The rows, in the order of the screen they come from. */
  sql: string;
  /** The same rows counted, for `X-Export-Rows` (the progress of the download). */
  countSql: string;
  params: unknown[];
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** Rows fetched from the cursor at a time: memory stays flat whatever the size of the export. */
const BATCH = 500;

/**
 * Streams `table` as CSV or XLSX from a server-side cursor: rows go out as they are read, so a
 * 100,000-row export holds a batch of rows in memory, not the table. Must run in a transaction
 * that stays open until the last row is read (the export routes open their own).
 */
export async function streamTable<R>(manager: EntityManager, reply: FastifyReply, table: TableExport<R>, format: ExportFormat): Promise<void> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error('An export needs the connection of its transaction.');
  const [count] = await manager.query<{ n: number }[]>(table.countSql, table.params);
  const body = new PassThrough();
  void reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${table.fileName}.${format}"`)
    .header('x-export-rows', String(count?.n ?? 0))
    .header('access-control-expose-headers', 'x-export-rows, content-disposition')
    .header('cache-control', 'no-store')
    .send(body);
  const rows = client.query(new QueryStream(table.sql, table.params, { batchSize: BATCH, highWaterMark: BATCH }));
  try {
    if (format === 'csv') await writeCsv(rows as AsyncIterable<R>, table.columns, body);
    else await writeXlsx(rows as AsyncIterable<R>, table, body);
  } catch (error) {
    // The status line is gone already: cut the body short, so the client sees a failed download.
    body.destroy(error instanceof Error ? error : new Error(String(error)));
    rows.destroy();
    throw error;
  }
}

async function writeCsv<R>(rows: AsyncIterable<R>, columns: ExportColumn<R>[], out: PassThrough): Promise<void> {
  await write(out, CSV_BOM + csvLine(columns.map((c) => c.header)));
  for await (const row of rows) await write(out, csvLine(columns.map((c) => csvValue(c, row))));
  out.end();
}

/** An XLSX with a frozen, filterable header row and typed cells (numbers, dates, booleans). */
async function writeXlsx<R>(rows: AsyncIterable<R>, table: TableExport<R>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Coopera';
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({ key: `c${i}`, header: c.header, width: c.width, style: styleOf(c) }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    sheet.addRow(table.columns.map((c) => xlsxValue(c, row))).commit();
    // The zip stream does not wait for a slow client by itself.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}

function styleOf<R>(column: ExportColumn<R>): Partial<ExcelJS.Style> {
  if (column.kind === 'date') return { numFmt: 'dd/mm/yyyy' };
  if (column.kind === 'datetime') return { numFmt: 'dd/mm/yyyy hh:mm' };
  if (column.kind === 'integer') return { numFmt: '0' };
  return {};
}

function csvValue<R>(column: ExportColumn<R>, row: R): CsvCell {
  const value = column.value(row);
  // A calendar date stays a calendar date in CSV (no time, no zone).
  if (column.kind === 'date' && value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

function xlsxValue<R>(column: ExportColumn<R>, row: R): ExcelJS.CellValue {
  const value = column.value(row);
  if (value === null || value === undefined) return null;
  if (column.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.kind === 'boolean' && typeof value === 'boolean') return value ? 'sì' : 'no';
  return value;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
