import { MeetingDetail, OutboxMessage, OutboxMessageDetail, OutboxOverview, Page } from '@coopera/domain';
import ICAL from 'ical.js';
import { ParsedMail, simpleParser } from 'mailparser';
import { createServer, AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { OutboxWorker } from '../src/mail/outbox.worker';
import { bearer, CANICATTINI, comuneId, PALERMO } from './factories';
import { startTestApp, TestApp } from './test-app';

// A real SMTP server in this process, stopped and started on one port while the API delivers.
let t: TestApp;
let port: number;
let smtp: SMTPServer | null = null;
const received: ParsedMail[] = [];
const NOTO = '089013';
const MODICA = '088006';
const auth = {} as Record<'secretariat' | 'palermo' | 'canicattini' | 'modica', { authorization: string }>;

beforeAll(async () => {
  port = await freePort();
  t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_POLL_MS: '25', MAIL_RETRY_BASE_MS: '50', MAIL_MAX_ATTEMPTS: '12' });
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  await bearer(t, 'COMUNE_REFERENT', PALERMO); // Palermo has two referents: one message to both
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
  auth.modica = await bearer(t, 'COMUNE_REFERENT', MODICA);
});
afterAll(async () => {
  await t.close();
  await stopSmtp();
});

const WEBINAR = {
  title: 'Plenaria del coordinamento',
  startsAt: '2030-12-07T09:45:00+01:00',
  endsAt: '2030-12-07T13:15:00+01:00',
  mode: 'ONLINE',
  onlineUrl: 'https://meet.example/plenaria',
};
const PROGRAMME = [
  { kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2030-12-07T09:45:00+01:00', durationMinutes: 15 },
  {
    kind: 'GREETINGS',
    title: 'Saluti istituzionali',
    startsAt: '2030-12-07T10:10:00+01:00',
    speakers: [{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }],
  },
];

async function convenedMeeting(comuni: string[], extra: object = {}): Promise<MeetingDetail> {
  const draft = (await t.http.post('/api/v1/meetings').set(auth.secretariat).send({ ...WEBINAR, ...extra }).expect(201)).body as MeetingDetail;
  await t.http.put(`/api/v1/meetings/${draft.id}/agenda`).set(auth.secretariat).send({ version: 1, items: PROGRAMME }).expect(200);
  const ids = await Promise.all(comuni.map((c) => comuneId(t, c)));
  await t.http.post(`/api/v1/meetings/${draft.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: ids }).expect(200);
  return (await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 2 }).expect(200)).body as MeetingDetail;
}

const outbox = async (query: string) => ((await t.http.get(`/api/v1/outbox?pageSize=100&${query}`).set(auth.secretariat).expect(200)).body as Page<OutboxMessage>).items;

/** Polls the outbox (the worker runs every 25 ms) until `done` holds; fails after 10 s. */
async function until(query: string, done: (items: OutboxMessage[]) => boolean): Promise<OutboxMessage[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const items = await outbox(query);
    if (done(items)) return items;
    if (Date.now() > deadline) throw new Error(`outbox never reached the state: ${JSON.stringify(items.map((i) => [i.kind, i.status, i.attempts]))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const mailsOf = (meetingId: string) => received.filter((m) => m.text?.includes(`/incontri/${meetingId}`));

describe('e-mail convocation through the outbox', () => {
  it('queues the convocation while the SMTP server is down, and sends each message exactly once when it is back', async () => {
    const meeting = await convenedMeeting([PALERMO, CANICATTINI, NOTO]);
    const failing = await until(`meetingId=${meeting.id}`, (items) => items.filter((i) => i.status === 'PENDING' && i.attempts >= 2).length === 2);
    expect(failing.map((i) => [i.comuneName, i.kind, i.status]).sort()).toEqual([
      ['Canicattini Bagni', 'CONVOCATION', 'PENDING'],
      ['Noto', 'CONVOCATION', 'SKIPPED'], // no referent to write to
      ['Palermo', 'CONVOCATION', 'PENDING'],
    ]);
    expect(failing.find((i) => i.comuneName === 'Palermo')?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(mailsOf(meeting.id)).toHaveLength(0);

    await startSmtp();
    const sent = await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 2);
    // One more pass of the worker, and two passes racing it: nothing is sent again.
    const worker = t.app.get(OutboxWorker);
    expect(await Promise.all([worker.drain(), worker.drain()])).toEqual([0, 0]);
    const mails = mailsOf(meeting.id);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
    expect(mails.map((m) => m.messageId).sort()).toEqual(sent.map((s) => `<outbox-${s.id}@localhost>`).sort());

    const palermoReferents = await t.sql<{ email: string }>(
      `SELECT email FROM users WHERE comune_id = $1 AND role = 'COMUNE_REFERENT' ORDER BY email`,
      [await comuneId(t, PALERMO)],
    );
    const toPalermo = mails.find((m) => m.text?.includes('Comune di Palermo'));
    expect(addresses(toPalermo)).toEqual(palermoReferents.map((r) => r.email));
    expect(sent.find((s) => s.comuneName === 'Palermo')?.recipients).toEqual(palermoReferents.map((r) => r.email));
  });

  it('writes an Italian convocation with the programme, the link to answer and the .ics', async () => {
    const meeting = await convenedMeeting([CANICATTINI]);
    await startSmtp();
    await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 1);
    const [mail] = mailsOf(meeting.id);
    expect(mail?.subject).toBe('Convocazione: Plenaria del coordinamento — sabato 7 dicembre 2030');
    expect(mail?.from?.text).toContain('segreteria@coopera.example');
    expect(mail?.text).toContain('Gentile referente del Comune di Canicattini Bagni');
    expect(mail?.text).toContain('sabato 7 dicembre 2030, dalle 09:45 alle 13:15 (ora italiana)');
    expect(mail?.text).toMatch(/09:45 {2}Registrazione partecipanti\n10:10 {2}Saluti istituzionali\n {7}Mario Emanuele Alvano, Segretario Generale, ANCI Sicilia/);
    expect(mail?.text).toContain(`http://localhost:3000/incontri/${meeting.id}`);
    const ics = mail?.attachments.find((a) => a.filename === 'invito.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? '')).getFirstSubcomponent('vevent') ?? undefined);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-12-07T08:45:00.000Z');
    expect(event.uid).toBe(`meeting-${meeting.id}@localhost`);
  });

  it('sends updates of a convened meeting, coalescing those not yet tried, and the cancellation', async () => {
    await stopSmtp();
    const meeting = await convenedMeeting([CANICATTINI]);
    // The convocation failed and waits for its next attempt (pushed an hour away, once no worker holds it)…
    await until(`meetingId=${meeting.id}`, (items) => (items[0]?.attempts ?? 0) >= 1);
    while (!(await t.sql(`UPDATE mail_outbox SET next_attempt_at = now() + interval '1 hour' WHERE meeting_id = $1 AND locked_until IS NULL RETURNING id`, [meeting.id])).length);
    // …so a change rewrites it instead of queueing an update behind it.
    const renamed = (await t.http.patch(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).send({ version: meeting.version, title: 'Plenaria (nuovo titolo)' }).expect(200))
      .body as MeetingDetail;
    const queued = await outbox(`meetingId=${meeting.id}`);
    expect(queued.map((q) => q.kind)).toEqual(['CONVOCATION']);
    await startSmtp();
    await t.sql(`UPDATE mail_outbox SET next_attempt_at = now() WHERE meeting_id = $1`, [meeting.id]);
    await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 1);
    expect(mailsOf(meeting.id).map((m) => m.subject)).toEqual([expect.stringContaining('Convocazione: Plenaria (nuovo titolo)')]);

    await t.http.patch(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).send({ version: renamed.version, place: null, onlineUrl: 'https://meet.example/nuovo' }).expect(200);
    const updated = await until(`meetingId=${meeting.id}&kind=UPDATE&status=SENT`, (items) => items.length === 1);
    expect(updated).toHaveLength(1);
    const update = mailsOf(meeting.id).find((m) => m.subject?.startsWith('Aggiornamento'));
    expect(update?.text).toContain('https://meet.example/nuovo');
    const sequence = (mail: ParsedMail | undefined) => Number(/SEQUENCE:(\d+)/.exec(mail?.attachments[0]?.content.toString() ?? '')?.[1]);
    expect(sequence(update)).toBeGreaterThan(sequence(mailsOf(meeting.id)[0]));

    const current = (await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).expect(200)).body as MeetingDetail;
    await t.http.post(`/api/v1/meetings/${meeting.id}/cancel`).set(auth.secretariat).send({ version: current.version, reason: 'Sovrapposizione con il Consiglio regionale' }).expect(200);
    await until(`meetingId=${meeting.id}&kind=CANCELLATION&status=SENT`, (items) => items.length === 1);
    const cancellation = mailsOf(meeting.id).find((m) => m.subject?.startsWith('Annullato'));
    expect(cancellation?.text).toContain('Motivo: Sovrapposizione con il Consiglio regionale');
    expect(cancellation?.attachments[0]?.content.toString()).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
  });

  it('invites added after convening get their convocation; the others are not written to again', async () => {
    await startSmtp();
    const meeting = await convenedMeeting([CANICATTINI]);
    await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 1);
    await t.http.post(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.secretariat)
      .send({ target: 'COMUNI', comuneIds: [await comuneId(t, CANICATTINI), await comuneId(t, MODICA)] }).expect(200);
    const all = await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 2);
    expect(all.map((m) => m.comuneName).sort()).toEqual(['Canicattini Bagni', 'Modica']);
    expect(mailsOf(meeting.id)).toHaveLength(2);
  });

  it('sends a notice to the Comune promoted from the waiting list', async () => {
    await startSmtp();
    const meeting = await convenedMeeting([PALERMO, CANICATTINI], { seatLimit: 1 });
    const invitation = async (who: 'palermo' | 'canicattini') =>
      ((await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth[who]).expect(200)).body as MeetingDetail).myInvitation;
    const rsvp = async (who: 'palermo' | 'canicattini', body: object) => {
      const mine = await invitation(who);
      return t.http.put(`/api/v1/meetings/${meeting.id}/invitations/${mine?.id}/rsvp`).set(auth[who]).send({ version: mine?.version, ...body }).expect(200);
    };
    const delegates = [{ name: 'Paolo Amenta', role: 'Sindaco' }];
    await rsvp('palermo', { answer: 'ATTENDING', delegates });
    expect((await rsvp('canicattini', { answer: 'ATTENDING', delegates })).body).toMatchObject({ status: 'WAITING' });
    await rsvp('palermo', { answer: 'DECLINED' });
    const [promotion] = await until(`meetingId=${meeting.id}&kind=PROMOTION&status=SENT`, (items) => items.length === 1);
    expect(promotion?.comuneName).toBe('Canicattini Bagni');
    expect(mailsOf(meeting.id).find((m) => m.subject?.startsWith('Posto confermato'))?.text).toContain("era in lista d'attesa");
  });

  it('a change that fails queues nothing', async () => {
    const draft = (await t.http.post('/api/v1/meetings').set(auth.secretariat).send(WEBINAR).expect(201)).body as MeetingDetail;
    await t.http.post(`/api/v1/meetings/${draft.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] }).expect(200);
    await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 7 }).expect(409);
    expect(await outbox(`meetingId=${draft.id}`)).toEqual([]);
  });

  it('gives up after the last attempt; the secretariat retries a failed message', async () => {
    await stopSmtp();
    const meeting = await convenedMeeting([CANICATTINI]);
    // At least one attempt (on a busy machine the poll may only see the second or third).
    await until(`meetingId=${meeting.id}`, (items) => (items[0]?.attempts ?? 0) >= 1);
    await t.sql(`UPDATE mail_outbox SET attempts = 11, next_attempt_at = now() WHERE meeting_id = $1`, [meeting.id]);
    const [failed] = await until(`meetingId=${meeting.id}&status=FAILED`, (items) => items.length === 1);
    expect(failed?.attempts).toBe(12);
    const overview = (await t.http.get('/api/v1/outbox/overview').set(auth.secretariat).expect(200)).body as OutboxOverview;
    expect(overview).toMatchObject({ transport: 'smtp', counts: { failed: 1 } });
    const ofMeeting = (await t.http.get(`/api/v1/outbox/overview?meetingId=${meeting.id}`).set(auth.secretariat).expect(200)).body as OutboxOverview;
    expect(ofMeeting.counts).toEqual({ pending: 0, sent: 0, failed: 1, skipped: 0 });
    await t.http.get('/api/v1/outbox/overview?meetingId=x').set(auth.secretariat).expect(400);
    await startSmtp();
    await t.http.post(`/api/v1/outbox/${failed?.id}/retry`).set(auth.secretariat).expect(200);
    await until(`meetingId=${meeting.id}&status=SENT`, (items) => items.length === 1);
    await t.http.post(`/api/v1/outbox/${failed?.id}/retry`).set(auth.secretariat).expect(409);
    const detail = (await t.http.get(`/api/v1/outbox/${failed?.id}`).set(auth.secretariat).expect(200)).body as OutboxMessageDetail;
    expect(detail).toMatchObject({ status: 'SENT', attachments: ['invito.ics'], file: null });
    expect(detail.text).toContain('Canicattini Bagni');
  });

  it('is the secretariat’s: referents get 403, an unknown message 404, a bad filter 400', async () => {
    await t.http.get('/api/v1/outbox').set(auth.palermo).expect(403);
    await t.http.get('/api/v1/outbox/overview').set(auth.palermo).expect(403);
    await t.http.get('/api/v1/outbox/6f1c4e47-3a8e-4c2b-9d55-0d5f7c0f2b11').set(auth.secretariat).expect(404);
    await t.http.get('/api/v1/outbox?status=LOST').set(auth.secretariat).expect(400);
  });
});

function addresses(mail: ParsedMail | undefined): string[] {
  const to = mail?.to;
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).sort();
}

async function startSmtp(): Promise<void> {
  if (smtp) return;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  smtp = server;
}

async function stopSmtp(): Promise<void> {
  const server = smtp;
  smtp = null;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}
