import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { exportRowsOf, fileNameFromDisposition, formatCount, formatKilobytes, problemOfDownload, saveBlob } from './export-download';
import { exportQueryParams, exportUrl } from './exports-api.service';

describe('fileNameFromDisposition', () => {
  it('reads the plain and the quoted file name', () => {
    expect(fileNameFromDisposition('attachment; filename="progetti-sai-2026-11-26.xlsx"')).toBe('progetti-sai-2026-11-26.xlsx');
    expect(fileNameFromDisposition('attachment; filename=rete-dei-comuni.csv')).toBe('rete-dei-comuni.csv');
    expect(fileNameFromDisposition('attachment;filename="a \\"b\\".csv"')).toBe('a "b".csv');
  });

  it('prefers the UTF-8 name of RFC 6266, and keeps no path', () => {
    expect(fileNameFromDisposition(`attachment; filename="Verbale.pdf"; filename*=UTF-8''Verbale%20d%E2%80%99assemblea.pdf`)).toBe('Verbale d’assemblea.pdf');
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    // A malformed escape falls back to the plain name.
    expect(fileNameFromDisposition(`attachment; filename="ok.csv"; filename*=UTF-8''%E2%ZZ.csv`)).toBe('ok.csv');
  });

  it('answers null without a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition('attachment; filename=""')).toBeNull();
  });
});

describe('exportRowsOf', () => {
  it('reads X-Export-Rows, whatever its case', () => {
    expect(exportRowsOf(new HttpHeaders({ 'x-export-rows': '100000' }))).toBe(100_000);
    expect(exportRowsOf(new HttpHeaders({ 'X-Export-Rows': '0' }))).toBe(0);
  });

  it('answers null when the header is missing or not a count', () => {
    expect(exportRowsOf(new HttpHeaders())).toBeNull();
    expect(exportRowsOf(new HttpHeaders({ 'X-Export-Rows': '-3' }))).toBeNull();
    expect(exportRowsOf(new HttpHeaders({ 'X-Export-Rows': '12abc' }))).toBeNull();
    expect(exportRowsOf(null)).toBeNull();
  });
});

describe('the progress figures', () => {
  it('counts kilobytes received in the page language, one decimal below 100', () => {
    expect(formatKilobytes(0, 'it-IT')).toBe('0 kB');
    expect(formatKilobytes(12_800, 'it-IT')).toBe('12,5 kB');
    expect(formatKilobytes(12_800, 'en-GB')).toBe('12.5 kB');
    expect(formatKilobytes(5 * 1024 * 1024, 'it-IT')).toBe('5.120 kB');
  });

  it('groups the thousands of a row count', () => {
    expect(formatCount(100_000, 'it-IT')).toBe('100.000');
    expect(formatCount(1234, 'it-IT')).toBe('1.234');
    expect(formatCount(1234, 'en-GB')).toBe('1,234');
  });
});

describe('problemOfDownload', () => {
  it("reads the API's problem out of a blob body", async () => {
    const body = new Blob([JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'province must be one of AG…' })], { type: 'application/problem+json' });
    const problem = await problemOfDownload(new HttpErrorResponse({ error: body, status: 400 }));
    expect(problem?.detail).toBe('province must be one of AG…');
    expect(problem?.status).toBe(400);
  });

  it('answers null for a body that is no problem', async () => {
    expect(await problemOfDownload(new HttpErrorResponse({ error: new Blob(['<html>']), status: 502 }))).toBeNull();
    expect(await problemOfDownload(new Error('boom'))).toBeNull();
  });
});

describe('the export request', () => {
  it('asks the format as the path says, with the set filters only', () => {
    expect(exportUrl('attendance', 'xlsx')).toBe('/api/v1/exports/attendance.xlsx');
    const params = exportQueryParams({ province: 'CT', category: 'MSNA', from: undefined, to: '', withProjects: false, page: null });
    expect(params.toString()).toBe('province=CT&category=MSNA');
  });
});

describe('saveBlob', () => {
  it('hands the blob to the browser under the name, through a temporary link', () => {
    const created = jest.fn(() => 'blob:x');
    const revoked = jest.fn();
    Object.assign(window.URL, { createObjectURL: created, revokeObjectURL: revoked });
    jest.useFakeTimers();
    const clicked: { name: string; href: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.getAttribute('href') ?? '' });
    });
    saveBlob(document, new Blob(['PK']), 'presenze.xlsx');
    expect(clicked).toEqual([{ name: 'presenze.xlsx', href: 'blob:x' }]);
    expect(document.querySelector('a[download]')).toBeNull();
    jest.runAllTimers();
    expect(revoked).toHaveBeenCalledWith('blob:x');
    click.mockRestore();
    jest.useRealTimers();
  });
});
