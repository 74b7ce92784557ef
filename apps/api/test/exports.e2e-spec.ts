import { DirectoryEntry, Membership, Page, ProjectSummary } from '@coopera/domain';
import ExcelJS from 'exceljs';
import { loadDemoData } from '../src/demo/demo-data';
import { bearer, CANICATTINI } from './factories';
import { startTestApp, TestApp } from './test-app';

// Exports hold the rows of the screen they come from, in its order. That large ones stream, in
// bounded memory, is tested with the fault suite (test/faults/exports-memory.faults-spec.ts).
let t: TestApp;
const auth = {} as Record<'centrale' | 'secretariat' | 'canicattini', { authorization: string }>;

beforeAll(async () => {
  t = await startTestApp();
  await loadDemoData(t.ownerUrl, 'una-password-lunga-e-sicura');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
});
afterAll(() => t.close());

/** The CSV's rows as cells (no quoted separators in these exports' first columns). */
function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n').map((line) => line.split(';'));
}

async function xlsxRows(body: Buffer): Promise<{ sheet: ExcelJS.Worksheet; rows: ExcelJS.CellValue[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}

const download = (path: string, who: keyof typeof auth) =>
  t.http
    .get(path)
    .set(auth[who])
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);

describe('exports', () => {
  it('the directory, as CSV and XLSX, holds the rows of the screen with its filters, in its order', async () => {
    const screen = ((await t.http.get('/api/v1/comuni?province=SR&sort=-postiTotal&pageSize=100').set(auth.canicattini).expect(200)).body as Page<DirectoryEntry>).items;
    const csv = await download('/api/v1/exports/directory.csv?province=SR&sort=-postiTotal', 'canicattini');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="rete-dei-comuni-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers['x-export-rows']).toBe(String(screen.length));
    const rows = csvRows((csv.body as Buffer).toString('utf8'));
    expect(rows[0]?.slice(0, 3)).toEqual(['Ente', 'Tipo', 'Provincia']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(screen.map((c) => c.name));

    const xlsx = await download('/api/v1/exports/directory.xlsx?province=SR&sort=-postiTotal', 'canicattini');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { sheet, rows: cells } = await xlsxRows(xlsx.body as Buffer);
    expect(cells.slice(1).map((r) => r[0])).toEqual(screen.map((c) => c.name));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const canicattini = cells.find((r) => r[0] === 'Canicattini Bagni');
    expect(typeof canicattini?.[4]).toBe('number'); // population, a number cell
    expect(canicattini?.[10]).toBe(screen.find((c) => c.name === 'Canicattini Bagni')?.postiTotal);
  });

  it('the projects, with services and enti gestori, hold the rows of the project list; typed dates in XLSX', async () => {
    const screen = ((await t.http.get('/api/v1/projects?category=MSNA&pageSize=100').set(auth.centrale).expect(200)).body as Page<ProjectSummary>).items;
    expect(screen.length).toBeGreaterThan(0);
    const csv = csvRows(((await download('/api/v1/exports/projects.csv?category=MSNA', 'centrale')).body as Buffer).toString('utf8'));
    expect(csv.slice(1).map((r) => r[0])).toEqual(screen.map((p) => p.code));
    const { rows } = await xlsxRows((await download('/api/v1/exports/projects.xlsx?category=MSNA', 'centrale')).body as Buffer);
    expect(rows.slice(1).map((r) => r[0])).toEqual(screen.map((p) => p.code));
    const first = rows[1];
    expect(first?.[8]).toBeInstanceOf(Date);
    expect((first?.[8] as Date).toISOString().slice(0, 10)).toBe(screen[0]?.startDate);
    expect(String(first?.[11] ?? '')).toMatch(/\((attuatore|partner)\)/);
    await t.http.get('/api/v1/exports/projects.csv').set(auth.canicattini).expect(403);
  });

  it('the memberships, one row per step of their history', async () => {
    const screen = ((await t.http.get('/api/v1/memberships?pageSize=100').set(auth.centrale).expect(200)).body as Page<Membership>).items;
    const [events] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM membership_events`);
    const csv = csvRows(((await download('/api/v1/exports/memberships.csv', 'centrale')).body as Buffer).toString('utf8'));
    expect(csv.length - 1).toBe(events?.n);
    expect([...new Set(csv.slice(1).map((r) => r[0]))]).toEqual(screen.map((m) => m.comuneName));
  });

  it('the attendance of held meetings, delegates counted under the small-cell rule', async () => {
    const csv = csvRows(((await download('/api/v1/exports/attendance.csv', 'centrale')).body as Buffer).toString('utf8'));
    const [held] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting_invitations i JOIN meetings m ON m.id = i.meeting_id WHERE m.status IN ('HELD', 'MINUTES_PUBLISHED')`,
    );
    expect(csv.length - 1).toBe(held?.n);
    expect(held?.n).toBeGreaterThan(0);
    for (const row of csv.slice(1)) expect(['0', '<5'].includes(row[6] ?? '') || Number(row[6]) >= 5).toBe(true);
    await t.http.get('/api/v1/exports/attendance.csv').set(auth.canicattini).expect(403);
  });

  it('refuses an unknown format or filter', async () => {
    await t.http.get('/api/v1/exports/directory.pdf').set(auth.centrale).expect(400);
    await t.http.get('/api/v1/exports/directory.csv?province=XX').set(auth.centrale).expect(400);
    await t.http.get('/api/v1/exports/attendance.xlsx?from=2021-13-01').set(auth.centrale).expect(400);
  });
});
