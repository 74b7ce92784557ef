/** A cell of a CSV export: text, a number, a date (written as an ISO date-time), or empty. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/**
 * CSV as Italian Excel opens it without asking: UTF-8 with a byte-order mark, `;` between cells,
 * CRLF between rows (RFC 4180 quoting). Text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe (CSV injection).
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}

export const CSV_BOM = '\uFEFF';

/** One row, with its line break: for exports written row by row. */
export function csvLine(row: CsvCell[]): string {
  return row.map(cell).join(';') + '\r\n';
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  const text = value instanceof Date ? value.toISOString() : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `Content-Disposition` of an export, its name made of safe characters only. */
export function csvDisposition(name: string): string {
  return `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv"`;
}
