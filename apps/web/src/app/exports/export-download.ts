import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ProblemDetails } from '@coopera/domain';
import { problemFrom } from '../http/problem-details';

/** What the API exports, each with the filters of the screen it is started from. */
export const EXPORT_KINDS = ['directory', 'projects', 'memberships', 'attendance'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The query string of an export: the screen's filters, unset ones left out. */
export type ExportParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The header that tells, before the first row arrives, how many rows the export holds. */
export const EXPORT_ROWS_HEADER = 'X-Export-Rows';

/** The number of rows the API announced, or null when it did not (or said something odd). */
export function exportRowsOf(headers: HttpHeaders | null | undefined): number | null {
  const raw = headers?.get(EXPORT_ROWS_HEADER)?.trim();
  if (!raw || !/^\d+$/.test(raw)) return null;
  const rows = Number(raw);
  return Number.isSafeInteger(rows) ? rows : null;
}

/**
 * The file name of a `Content-Disposition` header (RFC 6266): the UTF-8 `filename*` when given,
 * else the plain `filename`; null when there is none. Path parts are dropped: a name, not a path.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1');
    const encoded = value.replace(/^[\w-]*'[^']*'/, '');
    try {
      const name = baseName(decodeURIComponent(encoded));
      if (name) return name;
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  const name = baseName((plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim());
  return name || null;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop()?.trim() ?? '';
}

/** The name to save an export under when the API gave none: `rete-dei-comuni.xlsx`-like. */
export function fallbackFileName(kind: ExportKind, format: ExportFormat): string {
  return `${kind}.${format}`;
}

/**
 * Kilobytes received, in the page's language: `0 kB`, `12,5 kB`, `1.234 kB` (Italian) — a
 * figure that grows smoothly while the export streams, rather than jumping from kB to MB.
 */
export function formatKilobytes(bytes: number, locale: string): string {
  const kb = Math.max(0, bytes) / 1024;
  const digits = kb < 100 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: true }).format(kb)} kB`;
}

/** A count with its thousands grouped in the page's language (`12.345` in Italian). */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: true }).format(value);
}

/**
 * Why an export (or another blob download) failed. With `responseType: 'blob'` the API's
 * problem+json arrives as a Blob: read it first, then read it as any other problem.
 */
export async function problemOfDownload(error: unknown): Promise<ProblemDetails | null> {
  if (error instanceof HttpErrorResponse && typeof Blob !== 'undefined' && error.error instanceof Blob) {
    try {
      const text = await blobText(error.error);
      return problemFrom(new HttpErrorResponse({ error: text, status: error.status, statusText: error.statusText, headers: error.headers, url: error.url ?? undefined }));
    } catch {
      return null;
    }
  }
  return problemFrom(error);
}

/** A blob's text (UTF-8); through a FileReader where `Blob.text()` is missing. */
function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * Hands a downloaded blob to the browser under `fileName`: a temporary object URL, a link with
 * `download`, a click, then the URL is let go.
 */
export function saveBlob(document: Document, blob: Blob, fileName: string): void {
  const view = document.defaultView;
  if (!view) return;
  const url = view.URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
}
