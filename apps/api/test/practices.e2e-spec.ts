import { Page, Practice, PracticeSummary, PracticeTagCount, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { bearer, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

// The good-practice library: sharing, full-text search in Italian, who edits what.
let t: TestApp;
type Who = 'secretariat' | 'centrale' | 'palermo' | 'canicattini';
const auth = {} as Record<Who, { authorization: string }>;

beforeAll(async () => {
  t = await startTestApp();
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
});
afterAll(() => t.close());

const TIROCINI = {
  title: 'Tirocini formativi per titolari di protezione',
  summary: 'Un percorso di sei mesi con le imprese del territorio: convenzioni, tutor aziendali e borse lavoro per chi è accolto nel progetto.',
  kind: 'BUONA_PRATICA',
  tags: [' Lavoro ', 'tirocini', 'lavoro'],
  link: 'https://www.example.org/tirocini',
};
const share = async (who: Who, body: object) => (await t.http.post('/api/v1/practices').set(auth[who]).send(body).expect(201)).body as Practice;
const search = async (query: string) => ((await t.http.get(`/api/v1/practices?${query}`).set(auth.centrale).expect(200)).body as Page<PracticeSummary>);

describe('good-practice library', () => {
  it('a referent shares a practice for their own Comune, with tags normalised', async () => {
    const practice = await share('palermo', { ...TIROCINI, comuneId: await comuneId(t, CANICATTINI) });
    expect(practice).toMatchObject({ title: TIROCINI.title, comuneName: 'Palermo', tags: ['lavoro', 'tirocini'], link: TIROCINI.link, document: null, version: 1 });
    const read = (await t.http.get(`/api/v1/practices/${practice.id}`).set(auth.canicattini).expect(200)).body as Practice;
    expect(read.summary).toBe(TIROCINI.summary);
  });

  it.each([
    ['tirocinio', true],
    ['TIROCINIO', true],
    ['tirocìni formativi', true],
    ['Protezione', true],
    ['imprese territorio', true],
    ['"tutor aziendali"', true],
    ['lavoro', true], // a tag
    ['tirocinio -imprese', false],
    ['cucina', false],
  ])('full-text search: %j finds the practice: %s', async (q, found) => {
    const result = await search(`q=${encodeURIComponent(q)}&pageSize=100`);
    expect(result.items.some((p) => p.title === TIROCINI.title)).toBe(found);
  });

  it('ranks and highlights what matched, HTML escaped', async () => {
    await share('secretariat', {
      title: 'Modello di convenzione <b>per</b> i tirocini',
      summary: 'Un modello di convenzione tra Comune e impresa per attivare tirocini: <script>alert(1)</script> da adattare.',
      kind: 'MODELLO_DOCUMENTO',
      tags: ['modelli'],
    });
    const result = await search('q=tirocinio');
    // Both say it in the title (weight A); the model says it in its summary too.
    expect(result.items.slice(0, 2).map((p) => p.kind)).toEqual(['MODELLO_DOCUMENTO', 'BUONA_PRATICA']);
    const model = result.items[0];
    expect(model?.headline).toContain('<mark>tirocini</mark>');
    expect(model?.headline).toContain('&lt;script&gt;');
    expect(model?.headline).not.toContain('<script>');
    expect(model?.comuneName).toBeNull(); // shared by the coordination
  });

  it('filters by kind, tag and Comune, and lists the tags in use', async () => {
    const palermo = await comuneId(t, PALERMO);
    expect((await search('kind=MODELLO_DOCUMENTO')).items.every((p) => p.kind === 'MODELLO_DOCUMENTO')).toBe(true);
    expect((await search('tag=LAVORO')).items.map((p) => p.title)).toContain(TIROCINI.title);
    expect((await search(`comuneId=${palermo}`)).items.every((p) => p.comuneId === palermo)).toBe(true);
    const tags = (await t.http.get('/api/v1/practices/tags').set(auth.palermo).expect(200)).body as PracticeTagCount[];
    expect(tags).toEqual(expect.arrayContaining([{ tag: 'lavoro', count: expect.any(Number) }, { tag: 'modelli', count: 1 }]));
  });

  it('lets the sharing Comune and the secretariat edit, not another Comune nor the Servizio Centrale', async () => {
    const practice = await share('palermo', { ...TIROCINI, title: 'Orti urbani condivisi' });
    await t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.canicattini).send({ version: 1, title: 'Preso' }).expect(403);
    await t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.centrale).send({ version: 1, title: 'Preso' }).expect(403);
    const edited = (await t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.palermo).send({ version: 1, tags: ['orti'] }).expect(200)).body as Practice;
    expect(edited).toMatchObject({ version: 2, tags: ['orti'] });
    expect((await search('q=orti')).items.map((p) => p.id)).toContain(practice.id); // the search follows the edit
    const stale = await t.http.patch(`/api/v1/practices/${practice.id}`).set(auth.secretariat).send({ version: 1, title: 'Tardi' }).expect(409);
    expect(stale.body).toMatchObject({ type: STALE_VERSION_PROBLEM_TYPE, currentVersion: 2 });
    await t.http.delete(`/api/v1/practices/${practice.id}`).set(auth.canicattini).expect(403);
    await t.http.delete(`/api/v1/practices/${practice.id}`).set(auth.secretariat).expect(204);
    await t.http.get(`/api/v1/practices/${practice.id}`).set(auth.palermo).expect(404);
  });

  it('attaches a file checked on its content, replaces it, downloads and removes it', async () => {
    const practice = await share('palermo', { ...TIROCINI, title: 'Scheda di valutazione' });
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const attach = (name: string, content: Buffer, who: Who = 'palermo') =>
      t.http.put(`/api/v1/practices/${practice.id}/document`).set(auth[who]).attach('file', content, name);
    const png = await attach('scheda.pdf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])).expect(415);
    expect((png.body as ProblemDetails).detail).toMatch(/PNG/);
    await attach('scheda.pdf', pdf, 'canicattini').expect(403);
    const withFile = (await attach('scheda.pdf', pdf).expect(200)).body as Practice;
    expect(withFile.document).toMatchObject({ fileName: 'scheda.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const replaced = (await attach('scheda-2.pdf', Buffer.concat([pdf, pdf])).expect(200)).body as Practice;
    expect(replaced.document?.fileName).toBe('scheda-2.pdf');
    const download = await t.http.get(`/api/v1/practices/${practice.id}/document`).set(auth.canicattini).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Number(download.headers['content-length'])).toBe(pdf.length * 2);
    await t.http.delete(`/api/v1/practices/${practice.id}/document`).set(auth.palermo).expect(200);
    await t.http.get(`/api/v1/practices/${practice.id}/document`).set(auth.palermo).expect(404);
  });

  it('refuses bad input naming the fields, and writes nothing', async () => {
    const [before] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM practices`);
    const cases: [object, string[]][] = [
      [{ ...TIROCINI, title: 'ab' }, ['title']],
      [{ ...TIROCINI, summary: 'troppo corto' }, ['summary']],
      [{ ...TIROCINI, kind: 'RICETTA' }, ['kind']],
      [{ ...TIROCINI, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, ['tags']],
      [{ ...TIROCINI, tags: ['<b>'] }, ['tags']],
      [{ ...TIROCINI, link: 'javascript:alert(1)' }, ['link']],
      [{ ...TIROCINI, comuneId: 'palermo' }, ['comuneId']],
      [{ ...TIROCINI, author: 'io' }, ['author']],
    ];
    for (const [body, fields] of cases) {
      const res = await t.http.post('/api/v1/practices').set(auth.palermo).send(body).expect(400);
      expect((res.body as ProblemDetails).errors?.map((e) => e.name.split('.')[0])).toEqual(fields);
    }
    await t.http.post('/api/v1/practices').set(auth.secretariat).send({ ...TIROCINI, comuneId: '6f1c4e47-3a8e-4c2b-9d55-0d5f7c0f2b11' }).expect(400);
    await t.http.post('/api/v1/practices').set(auth.centrale).send(TIROCINI).expect(403);
    await t.http.get('/api/v1/practices?kind=RICETTA').set(auth.palermo).expect(400);
    const [after] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM practices`);
    expect(after?.n).toBe(before?.n);
  });
});
