import { CalendarFeed, DOCUMENT_LIMITS, MeetingDetail, OutboxMessage, OutboxMessageDetail, Page, ProblemDetails, StoredDocument, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE } from '@coopera/domain';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { OutboxWorker } from '../src/mail/outbox.worker';
import { aUser, bearer, CANICATTINI, comuneId, PALERMO, signIn } from './factories';
import { startTestApp, TestApp } from './test-app';
import type { Response } from 'superagent';

// Documents attached to meetings, the personal calendar feeds, and the demo mail folder.
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

const MEETING = { title: 'Tavolo tecnico', startsAt: '2030-05-10T10:00:00+02:00', endsAt: '2030-05-10T12:00:00+02:00', mode: 'ONLINE', onlineUrl: 'https://meet.example/tavolo' };

/** A meeting to which only Palermo is invited, convened unless `draft`. */
async function aMeeting(options: { draft?: boolean; title?: string } = {}): Promise<MeetingDetail> {
  const created = (await t.http.post('/api/v1/meetings').set(auth.secretariat).send({ ...MEETING, title: options.title ?? MEETING.title }).expect(201)).body as MeetingDetail;
  await t.http.post(`/api/v1/meetings/${created.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] }).expect(200);
  if (options.draft) return created;
  return (await t.http.post(`/api/v1/meetings/${created.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200)).body as MeetingDetail;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
const DOCX = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
  ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
]);
const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
]);
const PLAIN_ZIP = zip([['notes.txt', 'una nota']]);

const upload = (meetingId: string, name: string, content: Buffer, title?: string) => {
  const req = t.http.post(`/api/v1/meetings/${meetingId}/documents`).set(auth.secretariat);
  if (title !== undefined) void req.field('title', title);
  return req.attach('file', content, name);
};

const storedFiles = (meetingId: string) => {
  const folder = join(t.dataDir, 'files', 'meetings', meetingId);
  return existsSync(folder) ? readdirSync(folder) : [];
};
const incoming = () => (existsSync(join(t.dataDir, 'files', '.incoming')) ? readdirSync(join(t.dataDir, 'files', '.incoming')) : []);
const documentRows = async (meetingId: string) =>
  (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_documents WHERE meeting_id = $1`, [meetingId]))[0]?.n;

describe('meeting documents', () => {
  it('stores a PDF under the data folder and lets the invited Comuni download exactly its bytes', async () => {
    const meeting = await aMeeting();
    const res = await upload(meeting.id, 'Programma del tavolo.pdf', PDF, 'Programma').expect(201);
    const stored = res.body as StoredDocument;
    expect(stored).toMatchObject({
      title: 'Programma',
      fileName: 'Programma del tavolo.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(storedFiles(meeting.id)).toHaveLength(1);
    expect(readFileSync(join(t.dataDir, 'files', 'meetings', meeting.id, storedFiles(meeting.id)[0] ?? '')).equals(PDF)).toBe(true);

    for (const who of ['palermo', 'centrale', 'secretariat'] as const) {
      const list = (await t.http.get(`/api/v1/meetings/${meeting.id}/documents`).set(auth[who]).expect(200)).body as StoredDocument[];
      expect(list.map((d) => d.id)).toEqual([stored.id]);
      const file = await t.http.get(`/api/v1/meetings/${meeting.id}/documents/${stored.id}/content`).set(auth[who]).buffer(true).parse(binary).expect(200);
      expect((file.body as Buffer).equals(PDF)).toBe(true);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="Programma del tavolo.pdf"; filename*=UTF-8''Programma%20del%20tavolo.pdf`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('hides the documents of a meeting from a Comune not invited, and of a draft from the invited (404)', async () => {
    const meeting = await aMeeting();
    const doc = (await upload(meeting.id, 'verbale.pdf', PDF).expect(201)).body as StoredDocument;
    await t.http.get(`/api/v1/meetings/${meeting.id}/documents`).set(auth.canicattini).expect(404);
    await t.http.get(`/api/v1/meetings/${meeting.id}/documents/${doc.id}/content`).set(auth.canicattini).expect(404);
    const draft = await aMeeting({ draft: true });
    const draftDoc = (await upload(draft.id, 'bozza.pdf', PDF).expect(201)).body as StoredDocument;
    await t.http.get(`/api/v1/meetings/${draft.id}/documents`).set(auth.palermo).expect(404);
    await t.http.get(`/api/v1/meetings/${draft.id}/documents/${draftDoc.id}/content`).set(auth.palermo).expect(404);
    // A document id under another meeting's path is not found either.
    await t.http.get(`/api/v1/meetings/${meeting.id}/documents/${draftDoc.id}/content`).set(auth.secretariat).expect(404);
    await upload(meeting.id, 'x.pdf', PDF).set(auth.palermo).expect(403);
  });

  it.each([
    ['a Word document', 'relazione.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an OpenDocument text', 'relazione.odt', ODT, 'application/vnd.oasis.opendocument.text'],
    ['a Word 97 document', 'relazione.doc', OLE, 'application/msword'],
    ['a PNG image', 'foto.PNG', PNG, 'image/png'],
  ])('accepts %s, typed from its content', async (_, name, content, mediaType) => {
    const meeting = await aMeeting();
    expect((await upload(meeting.id, name, content).expect(201)).body).toMatchObject({ mediaType, fileName: name });
  });

  it.each([
    ['a PNG named .pdf', 'programma.pdf', PNG, /holds a PNG file: its name must end in \.png/],
    ['text named .pdf', 'programma.pdf', Buffer.from('<script>alert(1)</script>'), /is not a PDF, an office document or an image/],
    ['a plain zip named .docx', 'archivio.docx', PLAIN_ZIP, /is not a PDF/],
    ['a Word 97 container named .pdf', 'programma.pdf', OLE, /is not a PDF/],
    ['an executable named .jpg', 'foto.jpg', Buffer.from('MZ\x90\x00\x03'), /is not a PDF/],
  ])('refuses %s with 415 and stores nothing', async (_, name, content, message) => {
    const meeting = await aMeeting();
    const res = await upload(meeting.id, name, content).expect(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.body as ProblemDetails).type).toBe(UNSUPPORTED_DOCUMENT_PROBLEM_TYPE);
    expect((res.body as ProblemDetails).detail).toMatch(message);
    expect(await documentRows(meeting.id)).toBe(0);
    expect(storedFiles(meeting.id)).toEqual([]);
    expect(incoming()).toEqual([]);
  });

  it('refuses a file over the size limit with 413 while it streams, leaving nothing behind', async () => {
    const meeting = await aMeeting();
    const big = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_LIMITS.maxBytes)]);
    const res = await upload(meeting.id, 'enorme.pdf', big).expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await documentRows(meeting.id)).toBe(0);
    expect(incoming()).toEqual([]);
  });

  it('answers every other bad upload clearly', async () => {
    const meeting = await aMeeting();
    await t.http.post(`/api/v1/meetings/${meeting.id}/documents`).set(auth.secretariat).send({ file: 'x' }).expect(415);
    const noFile = await t.http.post(`/api/v1/meetings/${meeting.id}/documents`).set(auth.secretariat).field('title', 'Solo titolo').expect(400);
    expect((noFile.body as ProblemDetails).errors?.map((e) => e.name)).toEqual(['file']);
    const longTitle = await upload(meeting.id, 'a.pdf', PDF, 'x'.repeat(DOCUMENT_LIMITS.titleMax + 1)).expect(400);
    expect((longTitle.body as ProblemDetails).errors?.map((e) => e.name)).toEqual(['title']);
    await upload(meeting.id, 'vuoto.pdf', Buffer.alloc(0)).expect(400);
    await upload('6f1c4e47-3a8e-4c2b-9d55-0d5f7c0f2b11', 'a.pdf', PDF).expect(404);
    // A name that tries to climb out of the store is only a name.
    const climbing = (await upload(meeting.id, '../../../etc/passwd.pdf', PDF).expect(201)).body as StoredDocument;
    expect(climbing.fileName).toBe('passwd.pdf');
    const current = (await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).expect(200)).body as MeetingDetail;
    await t.http.post(`/api/v1/meetings/${meeting.id}/cancel`).set(auth.secretariat).send({ version: current.version, reason: 'Rinviato' }).expect(200);
    await upload(meeting.id, 'tardi.pdf', PDF).expect(409);
    expect(incoming()).toEqual([]);
  });

  it('removes a document and its file', async () => {
    const meeting = await aMeeting();
    const doc = (await upload(meeting.id, 'slide.pdf', PDF).expect(201)).body as StoredDocument;
    await t.http.delete(`/api/v1/meetings/${meeting.id}/documents/${doc.id}`).set(auth.palermo).expect(403);
    await t.http.delete(`/api/v1/meetings/${meeting.id}/documents/${doc.id}`).set(auth.secretariat).expect(204);
    expect(storedFiles(meeting.id)).toEqual([]);
    await t.http.get(`/api/v1/meetings/${meeting.id}/documents/${doc.id}/content`).set(auth.secretariat).expect(404);
    await t.http.delete(`/api/v1/meetings/${meeting.id}/documents/${doc.id}`).set(auth.secretariat).expect(404);
  });
});

describe('personal calendar feeds', () => {
  const feedPath = (url: string | null) => new URL(url ?? '').pathname;

  it('gives a referent a URL, shown once, that lists the meetings of their Comune without signing in', async () => {
    const invited = await aMeeting({ title: 'Plenaria con Palermo' });
    const draft = await aMeeting({ draft: true, title: 'Bozza riservata' });
    const created = (await t.http.post('/api/v1/me/calendar-feed').set(auth.palermo).expect(201)).body as CalendarFeed;
    expect(created).toMatchObject({ active: true, lastUsedAt: null, url: expect.stringMatching(/^http:\/\/localhost:3000\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/) });
    expect(created.url).not.toContain(auth.palermo.authorization.slice(7, 40));

    const res = await t.http.get(feedPath(created.url)).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`meeting-${invited.id}@localhost`);
    expect(uids).not.toContain(`meeting-${draft.id}@localhost`);
    const [row] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings m WHERE status <> 'DRAFT' AND EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = m.id AND i.comune_id = $1)`,
      [await comuneId(t, PALERMO)],
    );
    expect(events).toHaveLength(row?.n ?? -1);
    expect(events.find((e) => e.uid === `meeting-${invited.id}@localhost`)?.startDate.toJSDate().toISOString()).toBe('2030-05-10T08:00:00.000Z');

    const again = (await t.http.get('/api/v1/me/calendar-feed').set(auth.palermo).expect(200)).body as CalendarFeed;
    expect(again).toMatchObject({ active: true, url: null, lastUsedAt: expect.any(String) });
    // Another Comune's feed holds none of Palermo's meetings.
    const other = (await t.http.post('/api/v1/me/calendar-feed').set(auth.canicattini).expect(201)).body as CalendarFeed;
    expect((await t.http.get(feedPath(other.url)).expect(200)).text).not.toContain(invited.id);
  });

  it('stops the old URL when a new one is made, when it is turned off, and when the account is deactivated', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
    const session = { authorization: `Bearer ${(await signIn(t, user)).token}` };
    const first = (await t.http.post('/api/v1/me/calendar-feed').set(session).expect(201)).body as CalendarFeed;
    const second = (await t.http.post('/api/v1/me/calendar-feed').set(session).expect(201)).body as CalendarFeed;
    await t.http.get(feedPath(first.url)).expect(404);
    await t.http.get(feedPath(second.url)).expect(200);
    await t.sql(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
    await t.http.get(feedPath(second.url)).expect(404);
    await t.sql(`UPDATE users SET active = true WHERE id = $1`, [user.id]);
    await t.http.delete('/api/v1/me/calendar-feed').set(session).expect(204);
    await t.http.get(feedPath(second.url)).expect(404);
    expect((await t.http.get('/api/v1/me/calendar-feed').set(session).expect(200)).body).toEqual({ active: false, createdAt: null, lastUsedAt: null, url: null });
    await t.http.get('/api/v1/calendar-feeds/not-a-token.ics').expect(404);
    await t.http.get(`/api/v1/calendar-feeds/${'z'.repeat(43)}`).expect(404);
  });
});

describe('mail in demo mode', () => {
  it('writes the convocation to the data folder, listed for the secretariat', async () => {
    const meeting = await aMeeting({ title: 'Convocazione di prova' });
    // Palermo's referent is one; the demo folder takes the message as a server would.
    expect(await t.app.get(OutboxWorker).drain()).toBeGreaterThanOrEqual(1);
    const [message] = ((await t.http.get(`/api/v1/outbox?meetingId=${meeting.id}`).set(auth.secretariat).expect(200)).body as Page<OutboxMessage>).items;
    expect(message).toMatchObject({ status: 'SENT', kind: 'CONVOCATION', comuneName: 'Palermo' });
    const detail = (await t.http.get(`/api/v1/outbox/${message?.id}`).set(auth.secretariat).expect(200)).body as OutboxMessageDetail;
    expect(detail.file).toMatch(/^mail\/\d{4}-\d{2}-\d{2}-[0-9a-f-]{36}\.eml$/);
    const eml = await simpleParser(readFileSync(join(t.dataDir, detail.file ?? '')));
    expect(eml.subject).toBe('Convocazione: Convocazione di prova — venerdì 10 maggio 2030');
    expect(eml.messageId).toBe(`<outbox-${message?.id}@localhost>`);
    expect(eml.attachments.map((a) => [a.filename, a.contentType])).toEqual([['invito.ics', 'text/calendar']]);
    const overview = (await t.http.get('/api/v1/outbox/overview').set(auth.secretariat).expect(200)).body;
    expect(overview).toMatchObject({ transport: 'folder' });
  });
});

/** Supertest's parser for a binary body. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A zip of stored (uncompressed) entries, enough for the type checks to read. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
