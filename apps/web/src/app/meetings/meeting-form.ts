import { CreateMeetingRequest, InvalidParam, MEETING_LIMITS, MeetingDetail, MeetingMode, ProblemDetails, UpdateMeetingRequest } from '@coopera/domain';
import { FieldErrors } from '../forms/field-errors';
import { isRomeDate, isRomeTime, rfc3339ToRome, romeToEpoch, romeToRfc3339 } from './rome-time';

/** The fields of the meeting form, in the order they appear. */
export const MEETING_FIELDS = ['title', 'description', 'date', 'startTime', 'endTime', 'mode', 'place', 'onlineUrl', 'seatLimit', 'workingGroupId'] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

/** What the form edits: texts as typed, the date and times in Rome time. */
export interface MeetingValues {
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  mode: MeetingMode;
  place: string;
  onlineUrl: string;
  seatLimit: string;
  workingGroupId: string;
}

export const EMPTY_MEETING: MeetingValues = {
  title: '',
  description: '',
  date: '',
  startTime: '',
  endTime: '',
  mode: 'ONLINE',
  place: '',
  onlineUrl: '',
  seatLimit: '',
  workingGroupId: '',
};

/** Whether the mode asks for a place (in person, hybrid) and a link (online, hybrid). */
export function needsPlace(mode: MeetingMode): boolean {
  return mode !== 'ONLINE';
}

export function needsLink(mode: MeetingMode): boolean {
  return mode !== 'IN_PERSON';
}

export function valuesOf(meeting: MeetingDetail): MeetingValues {
  const start = rfc3339ToRome(meeting.startsAt);
  const end = rfc3339ToRome(meeting.endsAt);
  return {
    title: meeting.title,
    description: meeting.description ?? '',
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    mode: meeting.mode,
    place: meeting.place ?? '',
    onlineUrl: meeting.onlineUrl ?? '',
    seatLimit: meeting.seatLimit === null ? '' : String(meeting.seatLimit),
    workingGroupId: meeting.workingGroupId ?? '',
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Our own checks, the same the API makes. */
export function validateMeeting(values: MeetingValues): FieldErrors<MeetingField> {
  const errors: FieldErrors<MeetingField> = {};
  const title = values.title.trim();
  if (title.length < MEETING_LIMITS.titleMinLength) errors.title = { key: 'meetings.form.errors.titleRequired' };
  else if (title.length > MEETING_LIMITS.titleMaxLength) errors.title = { key: 'meetings.form.errors.tooLong' };
  if (values.description.trim().length > MEETING_LIMITS.descriptionMaxLength) errors.description = { key: 'meetings.form.errors.tooLong' };
  if (!isRomeDate(values.date)) errors.date = { key: 'meetings.form.errors.dateRequired' };
  if (!isRomeTime(values.startTime)) errors.startTime = { key: 'meetings.form.errors.timeRequired' };
  if (!isRomeTime(values.endTime)) errors.endTime = { key: 'meetings.form.errors.timeRequired' };
  else if (!errors.date && !errors.startTime && values.endTime <= values.startTime) errors.endTime = { key: 'meetings.form.errors.endBeforeStart' };
  if (needsPlace(values.mode)) {
    if (!values.place.trim()) errors.place = { key: 'meetings.form.errors.placeRequired' };
    else if (values.place.trim().length > MEETING_LIMITS.placeMaxLength) errors.place = { key: 'meetings.form.errors.tooLong' };
  }
  if (needsLink(values.mode)) {
    const url = values.onlineUrl.trim();
    if (!url) errors.onlineUrl = { key: 'meetings.form.errors.linkRequired' };
    else if (!isHttpUrl(url)) errors.onlineUrl = { key: 'meetings.form.errors.linkInvalid' };
    else if (url.length > MEETING_LIMITS.urlMaxLength) errors.onlineUrl = { key: 'meetings.form.errors.tooLong' };
  }
  const seats = values.seatLimit.trim();
  if (seats && (!/^\d+$/.test(seats) || Number(seats) < 1 || Number(seats) > MEETING_LIMITS.seatLimitMax)) {
    errors.seatLimit = { key: 'meetings.form.errors.seatLimit' };
  }
  return errors;
}

/** The request's fields from valid values: RFC 3339 with Rome's offset; a place or link only where the mode has one. */
export function fieldsOf(values: MeetingValues): CreateMeetingRequest {
  const seats = values.seatLimit.trim();
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    startsAt: romeToRfc3339({ date: values.date, time: values.startTime }) ?? '',
    endsAt: romeToRfc3339({ date: values.date, time: values.endTime }) ?? '',
    mode: values.mode,
    place: needsPlace(values.mode) ? values.place.trim() || null : null,
    onlineUrl: needsLink(values.mode) ? values.onlineUrl.trim() || null : null,
    seatLimit: seats ? Number(seats) : null,
    workingGroupId: values.workingGroupId || null,
  };
}

export function createRequest(values: MeetingValues): CreateMeetingRequest {
  return fieldsOf(values);
}

/** Only what changed (instants compared as instants), with the version it was based on; null when nothing did. */
export function updateRequest(meeting: MeetingDetail, values: MeetingValues): UpdateMeetingRequest | null {
  const next = fieldsOf(values);
  const request: UpdateMeetingRequest = { version: meeting.version };
  if (next.title !== meeting.title) request.title = next.title;
  if ((next.description ?? null) !== meeting.description) request.description = next.description ?? null;
  if (Date.parse(next.startsAt) !== Date.parse(meeting.startsAt)) request.startsAt = next.startsAt;
  if (Date.parse(next.endsAt) !== Date.parse(meeting.endsAt)) request.endsAt = next.endsAt;
  if (next.mode !== meeting.mode) request.mode = next.mode;
  if ((next.place ?? null) !== meeting.place) request.place = next.place ?? null;
  if ((next.onlineUrl ?? null) !== meeting.onlineUrl) request.onlineUrl = next.onlineUrl ?? null;
  if ((next.seatLimit ?? null) !== meeting.seatLimit) request.seatLimit = next.seatLimit ?? null;
  if ((next.workingGroupId ?? null) !== meeting.workingGroupId) request.workingGroupId = next.workingGroupId ?? null;
  return Object.keys(request).length > 1 ? request : null;
}

/** Whether the user changed anything (whitespace around the texts does not count). */
export function meetingChanged(initial: MeetingValues, current: MeetingValues): boolean {
  return MEETING_FIELDS.some((field) => initial[field].trim() !== current[field].trim());
}

/** The form field an API error names: the instants are entered as the date and the times. */
export function meetingFieldOf(name: string): MeetingField | null {
  switch (name) {
    case 'startsAt':
      return 'startTime';
    case 'endsAt':
      return 'endTime';
    case 'title':
    case 'description':
    case 'mode':
    case 'place':
    case 'onlineUrl':
    case 'seatLimit':
    case 'workingGroupId':
      return name;
    default:
      return null;
  }
}

/** Splits a 400's `errors` into the fields' messages (the first per field) and the others. */
export function meetingErrorsFrom(problem: ProblemDetails): { onFields: FieldErrors<MeetingField>; others: InvalidParam[] } {
  const onFields: FieldErrors<MeetingField> = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const field = meetingFieldOf(invalid.name);
    if (field === null) others.push(invalid);
    else onFields[field] ??= { text: invalid.reason };
  }
  return { onFields, others };
}

/** When the meeting starts, for checks that need the instant (null while the date or time is incomplete). */
export function startEpoch(values: MeetingValues): number | null {
  return romeToEpoch({ date: values.date, time: values.startTime });
}
