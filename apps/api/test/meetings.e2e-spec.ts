import { AgendaItemInput, Invitation, InviteResponse, MeetingDetail, MeetingMinutes, Page, Meeting, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import ICAL from 'ical.js';
import { actorOf, asApp } from './as-app';
import { aMembership, aUser, aWorkingGroup, bearer, CANICATTINI, comuneId, PALERMO, signIn } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
const NOTO = '089013';
type Who = 'secretariat' | 'centrale' | 'palermo' | 'canicattini' | 'noto';
const auth = {} as Record<Who, { authorization: string }>;

beforeAll(async () => {
  t = await startTestApp();
  auth.secretariat = await bearer(t, 'SECRETARIAT');
  auth.centrale = await bearer(t, 'SERVIZIO_CENTRALE');
  auth.palermo = await bearer(t, 'COMUNE_REFERENT', PALERMO);
  auth.canicattini = await bearer(t, 'COMUNE_REFERENT', CANICATTINI);
  auth.noto = await bearer(t, 'COMUNE_REFERENT', NOTO);
});
afterAll(() => t.close());

// The founding webinar of the coordination, 7 December 2021, as the seed announces it.
const WEBINAR = {
  title: 'Incontro per la costituzione di un coordinamento dei Comuni siciliani aderenti al SAI',
  startsAt: '2021-12-07T09:45:00+01:00',
  endsAt: '2021-12-07T13:15:00+01:00',
  mode: 'ONLINE',
  onlineUrl: 'https://meet.example/coopera-2021-12-07',
};
const PROGRAMME: AgendaItemInput[] = [
  { kind: 'REGISTRATION', title: 'Registrazione partecipanti', startsAt: '2021-12-07T09:45:00+01:00', durationMinutes: 15 },
  { kind: 'OPENING', title: 'Apertura dei lavori', startsAt: '2021-12-07T10:00:00+01:00' },
  {
    kind: 'GREETINGS',
    title: 'Saluti istituzionali',
    startsAt: '2021-12-07T10:10:00+01:00',
    speakers: [{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }],
  },
  {
    kind: 'TALK',
    title: 'SAI e territorio, l’importanza di una visione',
    startsAt: '2021-12-07T10:30:00+01:00',
    speakers: [{ name: 'Angela Errore', role: 'Responsabile U.O. Progetti di innovazione sociale', organisation: 'Comune di Palermo' }],
  },
  { kind: 'QA', title: 'Domande e risposte', startsAt: '2021-12-07T12:30:00+01:00', durationMinutes: 30 },
  { kind: 'CLOSING', title: 'Chiusura dei lavori', startsAt: '2021-12-07T13:00:00+01:00' },
];

const create = async (body: object = WEBINAR) => (await t.http.post('/api/v1/meetings').set(auth.secretariat).send(body).expect(201)).body as MeetingDetail;

describe('preparing a meeting', () => {
  it('creates a draft stored in UTC, builds its programme in order, and convenes it', async () => {
    const draft = await create();
    expect(draft).toMatchObject({ status: 'DRAFT', startsAt: '2021-12-07T08:45:00.000Z', endsAt: '2021-12-07T12:15:00.000Z', version: 1, agenda: [] });
    const shuffled = [...PROGRAMME].reverse();
    const withAgenda = (await t.http.put(`/api/v1/meetings/${draft.id}/agenda`).set(auth.secretariat).send({ version: 1, items: shuffled }).expect(200))
      .body as MeetingDetail;
    expect(withAgenda.agenda.map((i) => i.kind)).toEqual(['REGISTRATION', 'OPENING', 'GREETINGS', 'TALK', 'QA', 'CLOSING']);
    expect(withAgenda.agenda[2]?.speakers).toEqual([{ name: 'Mario Emanuele Alvano', role: 'Segretario Generale', organisation: 'ANCI Sicilia' }]);
    expect(withAgenda).toMatchObject({ version: 2, agendaItemCount: 6 });
    const convened = await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 2 }).expect(200);
    expect(convened.body).toMatchObject({ status: 'CONVENED', version: 3 });
    await t.http.post(`/api/v1/meetings/${draft.id}/convene`).set(auth.secretariat).send({ version: 3 }).expect(409);
  });

  it.each([
    ['an end before the start', { endsAt: '2021-12-07T09:00:00+01:00' }, ['endsAt']],
    ['a local time without offset', { startsAt: '2021-12-07T09:45:00' }, ['startsAt']],
    ['an impossible day', { startsAt: '2021-02-30T09:45:00Z' }, ['startsAt']],
    ['online without a link', { onlineUrl: null }, ['onlineUrl']],
    ['in person without a place', { mode: 'IN_PERSON' }, ['place']],
    ['a link that is no URL', { onlineUrl: 'riunione su teams' }, ['onlineUrl']],
    ['a seat limit of 0', { seatLimit: 0 }, ['seatLimit']],
    ['an unknown mode', { mode: 'PHONE' }, ['mode']],
    ['an unknown working group', { workingGroupId: '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10' }, ['workingGroupId']],
    ['an unknown field', { budget: 1 }, ['budget']],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_, overrides, fields) => {
    const [before] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM meetings');
    const res = await t.http.post('/api/v1/meetings').set(auth.secretariat).send({ ...WEBINAR, ...overrides }).expect(400);
    expect(((res.body as ProblemDetails).errors ?? []).map((e) => e.name)).toEqual(fields);
    const [after] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM meetings');
    expect(after?.n).toBe(before?.n);
  });

  it('refuses an agenda that leaves the meeting or overlaps, naming the item', async () => {
    const draft = await create();
    const outside = await t.http
      .put(`/api/v1/meetings/${draft.id}/agenda`)
      .set(auth.secretariat)
      .send({ version: 1, items: [{ kind: 'OTHER', title: 'Troppo presto', startsAt: '2021-12-07T08:00:00+01:00' }] })
      .expect(400);
    expect((outside.body as ProblemDetails).errors?.map((e) => e.name)).toEqual(['items.0.startsAt']);
    const overlap = await t.http
      .put(`/api/v1/meetings/${draft.id}/agenda`)
      .set(auth.secretariat)
      .send({ version: 1, items: [PROGRAMME[0], { ...PROGRAMME[1], startsAt: '2021-12-07T09:50:00+01:00' }] })
      .expect(400);
    expect((overlap.body as ProblemDetails).errors?.map((e) => e.name)).toEqual(['items.0.durationMinutes']);
    const [row] = await t.sql<{ n: string }>('SELECT count(*) AS n FROM meeting_agenda_items WHERE meeting_id = $1', [draft.id]);
    expect(row?.n).toBe('0');
  });

  it('keeps the programme inside the meeting when the meeting moves', async () => {
    const draft = await create();
    await t.http.put(`/api/v1/meetings/${draft.id}/agenda`).set(auth.secretariat).send({ version: 1, items: PROGRAMME }).expect(200);
    await t.http.patch(`/api/v1/meetings/${draft.id}`).set(auth.secretariat).send({ version: 2, endsAt: '2021-12-07T12:00:00+01:00' }).expect(400);
    const longer = await t.http.patch(`/api/v1/meetings/${draft.id}`).set(auth.secretariat).send({ version: 2, endsAt: '2021-12-07T14:00:00+01:00' }).expect(200);
    expect(longer.body).toMatchObject({ endsAt: '2021-12-07T13:00:00.000Z', version: 3 });
  });

  it('answers 409 with the current version to a stale write; of two concurrent ones exactly one wins', async () => {
    const draft = await create();
    const results = await Promise.all(
      ['Titolo A', 'Titolo B'].map((title) => t.http.patch(`/api/v1/meetings/${draft.id}`).set(auth.secretariat).send({ version: 1, title })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({ type: STALE_VERSION_PROBLEM_TYPE, currentVersion: 2 });
  });

  it('cancels only with a reason, after which the meeting is read-only', async () => {
    const draft = await create({ ...WEBINAR, mode: 'HYBRID', place: 'Palazzo delle Aquile, Palermo', seatLimit: 40 });
    await t.http.post(`/api/v1/meetings/${draft.id}/cancel`).set(auth.secretariat).send({ version: 1 }).expect(400);
    const cancelled = await t.http.post(`/api/v1/meetings/${draft.id}/cancel`).set(auth.secretariat).send({ version: 1, reason: 'Allerta meteo' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelledReason: 'Allerta meteo' });
    await t.http.patch(`/api/v1/meetings/${draft.id}`).set(auth.secretariat).send({ version: 2, title: 'Riprovo' }).expect(409);
    await t.http.put(`/api/v1/meetings/${draft.id}/agenda`).set(auth.secretariat).send({ version: 2, items: [] }).expect(409);
  });
});

describe('reading meetings', () => {
  it('lists meetings by period, status and working group for the network roles', async () => {
    const group = await aWorkingGroup(t, [PALERMO]);
    const tavolo = await create({ ...WEBINAR, title: 'Tavolo tecnico MSNA', startsAt: '2026-12-10T10:00:00+01:00', endsAt: '2026-12-10T12:00:00+01:00', workingGroupId: group.id });
    const res = await t.http.get(`/api/v1/meetings?workingGroupId=${group.id}&from=2026-12-01T00:00:00Z`).set(auth.centrale).expect(200);
    expect((res.body as Page<Meeting>).items).toEqual([expect.objectContaining({ id: tavolo.id, workingGroupName: group.name })]);
    const none = await t.http.get(`/api/v1/meetings?workingGroupId=${group.id}&to=2026-12-01T00:00:00Z`).set(auth.centrale).expect(200);
    expect((none.body as Page<Meeting>).total).toBe(0);
    await t.http.get('/api/v1/meetings?from=ieri').set(auth.centrale).expect(400);
  });

  it('shows a referent no meeting their Comune is not invited to, and leaves writes to the secretariat', async () => {
    const draft = await create();
    const list = await t.http.get('/api/v1/meetings?pageSize=100').set(auth.palermo).expect(200);
    expect((list.body as Page<Meeting>).items.map((m) => m.id)).not.toContain(draft.id);
    await t.http.get(`/api/v1/meetings/${draft.id}`).set(auth.palermo).expect(404);
    await t.http.patch(`/api/v1/meetings/${draft.id}`).set(auth.centrale).send({ version: 1, title: 'Mai' }).expect(403);
    const referent = await aUser(t, 'COMUNE_REFERENT', { comune: PALERMO });
    await signIn(t, referent);
    const rows = await asApp(t, actorOf(referent), async (c) => (await c.query('SELECT id FROM meetings WHERE id = $1', [draft.id])).rowCount);
    expect(rows).toBe(0);
  });
});

const upcoming = { ...WEBINAR, title: 'Plenaria', startsAt: '2030-03-10T10:00:00+01:00', endsAt: '2030-03-10T13:00:00+01:00' };
const invite = async (meetingId: string, body: object) =>
  (await t.http.post(`/api/v1/meetings/${meetingId}/invitations`).set(auth.secretariat).send(body).expect(200)).body as InviteResponse;
const mine = async (who: Who, meetingId: string) => {
  const res = await t.http.get(`/api/v1/meetings/${meetingId}`).set(auth[who]).expect(200);
  return (res.body as MeetingDetail).myInvitation as Invitation;
};
const answer = (who: Who, meetingId: string, invitation: Invitation, body: object) =>
  t.http.put(`/api/v1/meetings/${meetingId}/invitations/${invitation.id}/rsvp`).set(auth[who]).send({ version: invitation.version, ...body });
const delegates = [
  { name: 'Andrea Baffo', role: 'Coordinatore SAI DM-DS' },
  { name: 'Paolo Amenta', role: 'Sindaco' },
];

describe('invitations and answers', () => {
  it('invites chosen Comuni, then only the new ones; referents see the meeting once convened', async () => {
    const meeting = await create(upcoming);
    const ids = [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI)];
    expect(await invite(meeting.id, { target: 'COMUNI', comuneIds: ids })).toMatchObject({ added: 2, alreadyInvited: 0 });
    const again = await invite(meeting.id, { target: 'COMUNI', comuneIds: [...ids, await comuneId(t, NOTO)] });
    expect(again).toMatchObject({ added: 1, alreadyInvited: 2, counts: { invited: 3, pending: 3 } });
    await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth.palermo).expect(404); // still a draft
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    const seen = (await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth.palermo).expect(200)).body as MeetingDetail;
    expect(seen).toMatchObject({ invitationCounts: null, myInvitation: { comuneName: 'Palermo', status: 'PENDING' } });
    const list = (await t.http.get('/api/v1/meetings?pageSize=100').set(auth.palermo).expect(200)).body as Page<Meeting>;
    expect(list.items.map((m) => m.id)).toContain(meeting.id);
  });

  it('invites the active members and a working group', async () => {
    const meeting = await create(upcoming);
    await aMembership(t, '088006', 'ACTIVE'); // Modica
    const members = await invite(meeting.id, { target: 'ACTIVE_MEMBERS' });
    expect(members.added).toBeGreaterThanOrEqual(1);
    const group = await aWorkingGroup(t, [PALERMO, '088006']);
    const byGroup = await invite(meeting.id, { target: 'WORKING_GROUP', workingGroupId: group.id });
    expect(byGroup).toMatchObject({ added: 1, alreadyInvited: 1 });
    await t.http.post(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.secretariat).send({ target: 'WORKING_GROUP' }).expect(400);
    await t.http.post(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.secretariat).send({ target: 'COMUNI', comuneIds: [] }).expect(400);
    await t.http.post(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.palermo).send({ target: 'ACTIVE_MEMBERS' }).expect(403);
  });

  it('with 2 seats and 3 attending answers, the third waits; a decline promotes it', async () => {
    const meeting = await create({ ...upcoming, seatLimit: 2 });
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI), await comuneId(t, NOTO)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    for (const who of ['palermo', 'canicattini'] as const) {
      const res = await answer(who, meeting.id, await mine(who, meeting.id), { answer: 'ATTENDING', delegates }).expect(200);
      expect((res.body as Invitation).status).toBe('ATTENDING');
    }
    const third = await answer('noto', meeting.id, await mine('noto', meeting.id), { answer: 'ATTENDING', delegates: delegates.slice(0, 1) }).expect(200);
    expect(third.body).toMatchObject({ status: 'WAITING', waitingPosition: 1 });
    await answer('palermo', meeting.id, await mine('palermo', meeting.id), { answer: 'DECLINED' }).expect(200);
    expect(await mine('noto', meeting.id)).toMatchObject({ status: 'ATTENDING', waitingPosition: null, promotedAt: expect.any(String) });
    const overview = (await t.http.get(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).expect(200)).body as MeetingDetail;
    expect(overview.invitationCounts).toEqual({ invited: 3, pending: 0, attending: 2, waiting: 0, declined: 1 });
  });

  it('exports the invitations and answers as CSV for Italian Excel', async () => {
    const meeting = await create({ ...upcoming, seatLimit: 1 });
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI), await comuneId(t, NOTO)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    await answer('palermo', meeting.id, await mine('palermo', meeting.id), { answer: 'ATTENDING', delegates }).expect(200);
    await answer('canicattini', meeting.id, await mine('canicattini', meeting.id), { answer: 'ATTENDING', delegates: delegates.slice(0, 1) }).expect(200);
    const res = await t.http.get(`/api/v1/meetings/${meeting.id}/invitations.csv`).set(auth.centrale).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="invitati-2030-03-10.csv"');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFComune;Provincia;Risposta;Posizione in lista d’attesa;Delegati;Risposta di;Data risposta;Presente;Delegati presenti');
    expect(lines.slice(1, 4).map((l) => l.split(';').slice(0, 5))).toEqual([
      ['Canicattini Bagni', 'SR', 'In lista d’attesa', '1', 'Andrea Baffo (Coordinatore SAI DM-DS)'],
      ['Noto', 'SR', 'In attesa di risposta', '', ''],
      ['Palermo', 'PA', 'Partecipa', '', 'Andrea Baffo (Coordinatore SAI DM-DS), Paolo Amenta (Sindaco)'],
    ]);
    await t.http.get(`/api/v1/meetings/${meeting.id}/invitations.csv`).set(auth.palermo).expect(403);
  });

  it('never lets two racing answers pass the seat limit', async () => {
    const meeting = await create({ ...upcoming, seatLimit: 1 });
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    const [a, b] = [await mine('palermo', meeting.id), await mine('canicattini', meeting.id)];
    const results = await Promise.all([answer('palermo', meeting.id, a, { answer: 'ATTENDING', delegates }), answer('canicattini', meeting.id, b, { answer: 'ATTENDING', delegates })]);
    expect(results.map((r) => (r.body as Invitation).status).sort()).toEqual(['ATTENDING', 'WAITING']);
  });

  it('keeps each Comune to its own answer: another Comune’s is invisible (404), a stale one 409', async () => {
    const meeting = await create(upcoming);
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    const palermo = await mine('palermo', meeting.id);
    await answer('canicattini', meeting.id, palermo, { answer: 'DECLINED' }).expect(404);
    const listed = (await t.http.get(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.canicattini).expect(200)).body as Page<Invitation>;
    expect(listed.items.map((i) => i.comuneName)).toEqual(['Canicattini Bagni']);
    const all = (await t.http.get(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.centrale).expect(200)).body as Page<Invitation>;
    expect(all.total).toBe(2);
    await answer('palermo', meeting.id, palermo, { answer: 'ATTENDING' }).expect(400); // nobody named
    await answer('palermo', meeting.id, palermo, { answer: 'ATTENDING', delegates: Array.from({ length: 6 }, (_, i) => ({ name: `Delegato ${i}`, role: null })) }).expect(400);
    await answer('palermo', meeting.id, palermo, { answer: 'MAYBE' }).expect(400);
    await answer('palermo', meeting.id, palermo, { answer: 'DECLINED' }).expect(200);
    const stale = await answer('palermo', meeting.id, palermo, { answer: 'DECLINED' }).expect(409);
    expect((stale.body as ProblemDetails).type).toBe(STALE_VERSION_PROBLEM_TYPE);
    await answer('centrale', meeting.id, palermo, { answer: 'DECLINED' }).expect(403);
  });

  it('closes answers once the meeting has started', async () => {
    const meeting = await create({ ...upcoming, startsAt: '2020-01-10T10:00:00+01:00', endsAt: '2020-01-10T12:00:00+01:00' });
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    const res = await answer('palermo', meeting.id, await mine('palermo', meeting.id), { answer: 'DECLINED' }).expect(409);
    expect((res.body as ProblemDetails).detail).toMatch(/has started/);
  });
});

describe('the calendar event', () => {
  const ics = async (who: Who, id: string) => {
    const res = await t.http.get(`/api/v1/meetings/${id}/calendar.ics`).set(auth[who]).buffer(true).parse((r, done) => {
      let body = '';
      r.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      r.on('end', () => done(null, body));
    });
    return res;
  };
  const event = (text: string) => {
    const component = new ICAL.Component(ICAL.parse(text));
    return { calendar: component, event: new ICAL.Event(component.getFirstSubcomponent('vevent') ?? undefined) };
  };

  it('parses with an independent iCalendar parser: Rome 09:45 is 08:45Z, the link, the programme, a reminder', async () => {
    const meeting = await create({ ...WEBINAR, startsAt: '2030-12-07T09:45:00+01:00', endsAt: '2030-12-07T13:15:00+01:00' });
    await t.http
      .put(`/api/v1/meetings/${meeting.id}/agenda`)
      .set(auth.secretariat)
      .send({ version: 1, items: PROGRAMME.map((i) => ({ ...i, startsAt: i.startsAt.replace('2021', '2030') })) })
      .expect(200);
    await ics('secretariat', meeting.id).then((r) => expect(r.status).toBe(409)); // a draft has no event yet
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 2 }).expect(200);
    const res = await ics('secretariat', meeting.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.body as string;
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { calendar, event: first } = event(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(first.startDate.toJSDate().toISOString()).toBe('2030-12-07T08:45:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2030-12-07T12:15:00.000Z');
    expect(first.summary).toBe(WEBINAR.title);
    expect(first.component.getFirstPropertyValue('url')).toBe(WEBINAR.onlineUrl);
    expect(first.description).toContain('09:45 Registrazione partecipanti');
    expect(first.description).toContain('Mario Emanuele Alvano, Segretario Generale, ANCI Sicilia');
    const alarm = first.component.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('trigger')?.toString()).toBe('-P1D');

    await t.http.patch(`/api/v1/meetings/${meeting.id}`).set(auth.secretariat).send({ version: 3, title: 'Webinar, con titolo nuovo; e virgole' }).expect(200);
    const { event: changed } = event((await ics('secretariat', meeting.id)).body as string);
    expect(changed.uid).toBe(first.uid);
    expect(changed.sequence).toBeGreaterThan(first.sequence);
    expect(changed.summary).toBe('Webinar, con titolo nuovo; e virgole');

    await t.http.post(`/api/v1/meetings/${meeting.id}/cancel`).set(auth.secretariat).send({ version: 4, reason: 'Rinviato' }).expect(200);
    const { calendar: cancelledCalendar, event: cancelled } = event((await ics('secretariat', meeting.id)).body as string);
    expect(cancelledCalendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.uid).toBe(first.uid);
  });

  it('is served only to who may see the meeting', async () => {
    const meeting = await create(upcoming);
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    expect((await ics('palermo', meeting.id)).status).toBe(200);
    expect((await ics('canicattini', meeting.id)).status).toBe(404);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`)).status).toBe(401);
  });
});

describe('after the meeting: attendance and minutes', () => {
  const past = { ...WEBINAR, title: 'Riunione già tenuta', startsAt: '2020-01-10T10:00:00+01:00', endsAt: '2020-01-10T12:00:00+01:00' };

  it('holds the meeting, records the register, writes minutes that are safe, and publishes them to the invited', async () => {
    const meeting = await create(past);
    await invite(meeting.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO), await comuneId(t, CANICATTINI)] });
    await t.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    await t.http.post(`/api/v1/meetings/${meeting.id}/publish`).set(auth.secretariat).send({ version: 2 }).expect(409);
    await t.http.post(`/api/v1/meetings/${meeting.id}/hold`).set(auth.secretariat).send({ version: 2 }).expect(200);
    const invitations = ((await t.http.get(`/api/v1/meetings/${meeting.id}/invitations`).set(auth.secretariat).expect(200)).body as Page<Invitation>).items;
    const palermo = invitations.find((i) => i.comuneName === 'Palermo');
    const canicattini = invitations.find((i) => i.comuneName === 'Canicattini Bagni');
    const register = await t.http
      .put(`/api/v1/meetings/${meeting.id}/attendance`)
      .set(auth.secretariat)
      .send({ version: 3, entries: [{ invitationId: palermo?.id, present: true, delegates: ['Giovanna Lo Bue', 'Salvatore Messina'] }, { invitationId: canicattini?.id, present: false }] })
      .expect(200);
    expect((register.body as Page<Invitation>).items.map((i) => [i.comuneName, i.present, i.presentDelegates.length])).toEqual([
      ['Canicattini Bagni', false, 0],
      ['Palermo', true, 2],
    ]);
    const markdown = '# Verbale\n\nPresenti i Comuni invitati.\n\n<script>alert(1)</script>\n\n[clicca](javascript:alert(1))';
    await t.http.put(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.secretariat).send({ version: 4, markdown }).expect(200);
    await t.http.get(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.palermo).expect(404); // a draft
    const draft = (await t.http.get(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.centrale).expect(200)).body as MeetingMinutes;
    expect(draft.html).toContain('<h1>Verbale</h1>');
    expect(draft.html).not.toContain('<script>');
    expect(draft.html).toContain('&lt;script&gt;');
    expect(draft.html).not.toMatch(/href="javascript:/);
    await t.http.post(`/api/v1/meetings/${meeting.id}/publish`).set(auth.secretariat).send({ version: 5 }).expect(200);
    const published = (await t.http.get(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.canicattini).expect(200)).body as MeetingMinutes;
    expect(published).toMatchObject({ presentComuni: 1, presentDelegates: 2, publishedAt: expect.any(String) });
    await t.http.get(`/api/v1/meetings/${meeting.id}/minutes`).set(auth.noto).expect(404); // not invited
  });

  it('refuses the register before the meeting is held, and entries of another meeting', async () => {
    const meeting = await create(past);
    const other = await create(past);
    await invite(other.id, { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] });
    const foreign = ((await t.http.get(`/api/v1/meetings/${other.id}/invitations`).set(auth.secretariat).expect(200)).body as Page<Invitation>).items[0];
    await t.http.put(`/api/v1/meetings/${meeting.id}/attendance`).set(auth.secretariat).send({ version: 1, entries: [] }).expect(409);
    const res = await t.http
      .put(`/api/v1/meetings/${meeting.id}/attendance`)
      .set(auth.secretariat)
      .send({ version: 1, entries: [{ invitationId: foreign?.id, present: true }] })
      .expect(400);
    expect((res.body as ProblemDetails).errors?.map((e) => e.name)).toEqual(['entries.0.invitationId']);
    const future = await create(upcoming);
    await t.http.post(`/api/v1/meetings/${future.id}/convene`).set(auth.secretariat).send({ version: 1 }).expect(200);
    await t.http.post(`/api/v1/meetings/${future.id}/hold`).set(auth.secretariat).send({ version: 2 }).expect(409);
    await t.http.put(`/api/v1/meetings/${future.id}/minutes`).set(auth.secretariat).send({ version: 2, markdown: 'Troppo presto' }).expect(409);
  });
});

describe('Idempotency-Key', () => {
  const countMeetings = async () => (await t.sql<{ n: string }>('SELECT count(*) AS n FROM meetings'))[0]?.n;

  it('answers a retry of a creation with the first answer and writes nothing new', async () => {
    const key = `crea-${Date.now()}`;
    const first = await t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', key).send(upcoming).expect(201);
    const before = await countMeetings();
    const retry = await t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', key).send(upcoming).expect(201);
    expect((retry.body as MeetingDetail).id).toBe((first.body as MeetingDetail).id);
    expect(await countMeetings()).toBe(before);
    const other = await t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', key).send({ ...upcoming, title: 'Altro' }).expect(422);
    expect((other.body as ProblemDetails).detail).toMatch(/different request/);
    expect(await countMeetings()).toBe(before);
  });

  it('keeps keys per user, refuses malformed ones, and covers invitations too', async () => {
    const key = `condivisa-${Date.now()}`;
    const admin = await bearer(t, 'ADMIN');
    const a = await t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', key).send(upcoming).expect(201);
    const b = await t.http.post('/api/v1/meetings').set(admin).set('idempotency-key', key).send(upcoming).expect(201);
    expect((b.body as MeetingDetail).id).not.toBe((a.body as MeetingDetail).id);
    const bad = await t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', 'con spazi').send(upcoming).expect(400);
    expect((bad.body as ProblemDetails).errors).toEqual([{ name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);

    const meetingId = (a.body as MeetingDetail).id;
    const body = { target: 'COMUNI', comuneIds: [await comuneId(t, PALERMO)] };
    const inviteKey = `invita-${Date.now()}`;
    const firstInvite = await t.http.post(`/api/v1/meetings/${meetingId}/invitations`).set(auth.secretariat).set('idempotency-key', inviteKey).send(body).expect(200);
    expect(firstInvite.body).toMatchObject({ added: 1 });
    const audits = async () => (await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE entity_id = $1 AND action = 'meeting.invite'`, [meetingId]))[0]?.n;
    const before = await audits();
    const retry = await t.http.post(`/api/v1/meetings/${meetingId}/invitations`).set(auth.secretariat).set('idempotency-key', inviteKey).send(body).expect(200);
    expect(retry.body).toEqual(firstInvite.body); // the first answer ("1 added"), not "1 already invited"
    expect(await audits()).toBe(before);
  });

  it('lets only one of two simultaneous requests with the same key write', async () => {
    const key = `gemelle-${Date.now()}`;
    const before = Number(await countMeetings());
    const results = await Promise.all([1, 2].map(() => t.http.post('/api/v1/meetings').set(auth.secretariat).set('idempotency-key', key).send(upcoming)));
    expect(results.every((r) => [201, 409].includes(r.status))).toBe(true);
    expect(Number(await countMeetings())).toBe(before + 1);
  });
});

