import { MeetingDetail, ProblemDetails } from '@coopera/domain';
import { EMPTY_MEETING, MeetingValues, createRequest, meetingErrorsFrom, updateRequest, validateMeeting, valuesOf } from './meeting-form';
import { meetingWriteFailure } from './meeting-problems';
import { HttpErrorResponse } from '@angular/common/http';
import { rsvpErrorsFrom, validateRsvp, answersClosed } from './rsvp-model';
import { inviteRequestOf } from './invitations-panel';

const WEBINAR: MeetingValues = {
  ...EMPTY_MEETING,
  title: ' Incontro per la costituzione di un coordinamento ',
  date: '2030-12-07',
  startTime: '09:45',
  endTime: '13:15',
  mode: 'ONLINE',
  onlineUrl: 'https://videoconferenza.example/coopera',
  place: 'left over from another mode',
};

function aMeeting(overrides: Partial<MeetingDetail> = {}): MeetingDetail {
  return {
    id: 'm1',
    title: 'Incontro per la costituzione di un coordinamento',
    description: null,
    startsAt: '2030-12-07T08:45:00.000Z',
    endsAt: '2030-12-07T12:15:00.000Z',
    mode: 'ONLINE',
    place: null,
    onlineUrl: 'https://videoconferenza.example/coopera',
    seatLimit: null,
    workingGroupId: null,
    workingGroupName: null,
    status: 'DRAFT',
    cancelledReason: null,
    agendaItemCount: 0,
    version: 3,
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    agenda: [],
    invitationCounts: null,
    myInvitation: null,
    ...overrides,
  };
}

function http(status: number, body: Partial<ProblemDetails>): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { title: 'Problem', detail: 'detail', status, ...body } });
}

describe('meeting form model', () => {
  it('sends the times as RFC 3339 in Rome time, and a place or link only where the mode has one', () => {
    expect(validateMeeting(WEBINAR)).toEqual({});
    expect(createRequest(WEBINAR)).toEqual({
      title: 'Incontro per la costituzione di un coordinamento',
      description: null,
      startsAt: '2030-12-07T09:45:00+01:00',
      endsAt: '2030-12-07T13:15:00+01:00',
      mode: 'ONLINE',
      place: null,
      onlineUrl: 'https://videoconferenza.example/coopera',
      seatLimit: null,
      workingGroupId: null,
    });
    const summer = createRequest({ ...WEBINAR, date: '2027-06-10', mode: 'HYBRID', place: 'ANCI Sicilia, Palermo', seatLimit: '3' });
    expect(summer.startsAt).toBe('2027-06-10T09:45:00+02:00');
    expect(summer.place).toBe('ANCI Sicilia, Palermo');
    expect(summer.seatLimit).toBe(3);
  });

  it('validates as the API does', () => {
    expect(validateMeeting(EMPTY_MEETING)).toEqual({
      title: { key: 'meetings.form.errors.titleRequired' },
      date: { key: 'meetings.form.errors.dateRequired' },
      startTime: { key: 'meetings.form.errors.timeRequired' },
      endTime: { key: 'meetings.form.errors.timeRequired' },
      onlineUrl: { key: 'meetings.form.errors.linkRequired' },
    });
    const wrong = validateMeeting({ ...WEBINAR, endTime: '09:00', mode: 'IN_PERSON', place: ' ', seatLimit: '0' });
    expect(wrong.endTime).toEqual({ key: 'meetings.form.errors.endBeforeStart' });
    expect(wrong.place).toEqual({ key: 'meetings.form.errors.placeRequired' });
    expect(wrong.onlineUrl).toBeUndefined();
    expect(wrong.seatLimit).toEqual({ key: 'meetings.form.errors.seatLimit' });
    expect(validateMeeting({ ...WEBINAR, onlineUrl: 'ftp://example.org/x' }).onlineUrl).toEqual({ key: 'meetings.form.errors.linkInvalid' });
  });

  it('updates only what changed, comparing instants as instants', () => {
    const meeting = aMeeting();
    expect(valuesOf(meeting)).toMatchObject({ date: '2030-12-07', startTime: '09:45', endTime: '13:15' });
    expect(updateRequest(meeting, valuesOf(meeting))).toBeNull();
    expect(updateRequest(meeting, { ...valuesOf(meeting), endTime: '13:30', seatLimit: '40' })).toEqual({
      version: 3,
      endsAt: '2030-12-07T13:30:00+01:00',
      seatLimit: 40,
    });
  });

  it("puts the API's 400 on the fields (startsAt on the start time), the rest apart", () => {
    const { onFields, others } = meetingErrorsFrom({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid',
      errors: [
        { name: 'startsAt', reason: 'must keep the agenda inside the meeting: move the agenda first' },
        { name: 'onlineUrl', reason: 'must be a URL address' },
        { name: 'version', reason: 'must not be less than 1' },
      ],
    });
    expect(onFields).toEqual({
      startTime: { text: 'must keep the agenda inside the meeting: move the agenda first' },
      onlineUrl: { text: 'must be a URL address' },
    });
    expect(others.map((o) => o.name)).toEqual(['version']);
  });

  it('tells the three 409s apart: stale version, not editable, closed for answers', () => {
    expect(meetingWriteFailure(http(409, { type: 'urn:coopera:problem:stale-version', currentVersion: 4 })).kind).toBe('stale');
    expect(meetingWriteFailure(http(409, { type: 'urn:coopera:problem:meeting-not-editable' })).kind).toBe('notEditable');
    expect(meetingWriteFailure(http(409, { type: 'urn:coopera:problem:meeting-closed-for-answers' })).kind).toBe('closedForAnswers');
    expect(meetingWriteFailure(http(400, { errors: [{ name: 'title', reason: 'too short' }] })).kind).toBe('invalid');
    expect(meetingWriteFailure(new HttpErrorResponse({ status: 0 })).kind).toBe('unreachable');
  });
});

describe('answer and invitation models', () => {
  it('asks for an answer, and 1 to 5 named delegates when attending', () => {
    expect(validateRsvp({ answer: null, delegates: [] }).answer).toEqual({ key: 'meetings.rsvp.errors.answer' });
    expect(validateRsvp({ answer: 'ATTENDING', delegates: [] }).delegates).toEqual({ key: 'meetings.rsvp.errors.noDelegates' });
    expect(validateRsvp({ answer: 'ATTENDING', delegates: [{ name: 'A', role: '' }] }).names[0]).toEqual({ key: 'meetings.rsvp.errors.name' });
    expect(validateRsvp({ answer: 'DECLINED', delegates: [{ name: '', role: '' }] })).toEqual({ names: {} });
    const { errors, others } = rsvpErrorsFrom({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid',
      errors: [
        { name: 'delegates.1.name', reason: 'too short' },
        { name: 'delegates', reason: 'must name at least one person who attends' },
        { name: 'version', reason: 'x' },
      ],
    });
    expect(errors.names[1]).toEqual({ text: 'too short' });
    expect(errors.delegates).toEqual({ text: 'must name at least one person who attends' });
    expect(others).toHaveLength(1);
  });

  it('closes answers unless convened and not started', () => {
    const start = Date.parse('2030-12-07T08:45:00Z');
    expect(answersClosed({ status: 'CONVENED', startsAt: '2030-12-07T08:45:00Z' }, start - 1)).toBeNull();
    expect(answersClosed({ status: 'CONVENED', startsAt: '2030-12-07T08:45:00Z' }, start)).toBe('started');
    expect(answersClosed({ status: 'DRAFT', startsAt: '2030-12-07T08:45:00Z' }, start - 1)).toBe('notConvened');
  });

  it('builds the invitation request of each target', () => {
    expect(inviteRequestOf('ACTIVE_MEMBERS', '', [])).toEqual({ target: 'ACTIVE_MEMBERS' });
    expect(inviteRequestOf('WORKING_GROUP', '', [])).toBe('workingGroup');
    expect(inviteRequestOf('WORKING_GROUP', 'g1', [])).toEqual({ target: 'WORKING_GROUP', workingGroupId: 'g1' });
    expect(inviteRequestOf('COMUNI', '', [])).toBe('comuni');
    expect(inviteRequestOf('COMUNI', '', [{ id: 'c1', name: 'Canicattini Bagni' }])).toEqual({ target: 'COMUNI', comuneIds: ['c1'] });
  });
});
