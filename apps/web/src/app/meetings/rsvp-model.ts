import { Delegate, Invitation, InvalidParam, MAX_DELEGATES, MEETING_LIMITS, MeetingDetail, ProblemDetails, RsvpAnswer, RsvpRequest } from '@coopera/domain';
import { FieldError } from '../forms/field-errors';

export interface DelegateRow {
  name: string;
  role: string;
}

/** What the answer form edits. */
export interface RsvpValues {
  answer: RsvpAnswer | null;
  delegates: DelegateRow[];
}

/** Errors of the answer form: the choice, the list as a whole, each delegate's name. */
export interface RsvpErrors {
  answer?: FieldError;
  delegates?: FieldError;
  names: Record<number, FieldError>;
}

/** Why answers are not taken (null when they are). */
export type AnswersClosed = 'notConvened' | 'started' | null;

export function answersClosed(meeting: Pick<MeetingDetail, 'status' | 'startsAt'>, now: number): AnswersClosed {
  if (meeting.status !== 'CONVENED') return 'notConvened';
  return Date.parse(meeting.startsAt) <= now ? 'started' : null;
}

/** The form as the current answer fills it (one empty delegate row to start with). */
export function rsvpValuesOf(invitation: Invitation): RsvpValues {
  const answer: RsvpAnswer | null = invitation.status === 'DECLINED' ? 'DECLINED' : invitation.status === 'PENDING' ? null : 'ATTENDING';
  const delegates = invitation.delegates.map((d) => ({ name: d.name, role: d.role ?? '' }));
  return { answer, delegates: delegates.length ? delegates : [{ name: '', role: '' }] };
}

/** The API's checks: an answer; attending names 1 to 5 delegates, each with a name. */
export function validateRsvp(values: RsvpValues): RsvpErrors {
  const errors: RsvpErrors = { names: {} };
  if (!values.answer) errors.answer = { key: 'meetings.rsvp.errors.answer' };
  if (values.answer === 'ATTENDING') {
    if (values.delegates.length === 0) errors.delegates = { key: 'meetings.rsvp.errors.noDelegates' };
    if (values.delegates.length > MAX_DELEGATES) errors.delegates = { key: 'meetings.rsvp.errors.tooMany' };
    values.delegates.forEach((d, i) => {
      const name = d.name.trim();
      if (name.length < 2) errors.names[i] = { key: 'meetings.rsvp.errors.name' };
      else if (name.length > MEETING_LIMITS.speakerTextMaxLength || d.role.trim().length > MEETING_LIMITS.speakerTextMaxLength) {
        errors.names[i] = { key: 'meetings.rsvp.errors.tooLong' };
      }
    });
  }
  return errors;
}

export function hasRsvpErrors(errors: RsvpErrors): boolean {
  return Boolean(errors.answer || errors.delegates || Object.keys(errors.names).length);
}

export function rsvpRequestOf(invitation: Invitation, values: RsvpValues): RsvpRequest {
  const answer = values.answer ?? 'DECLINED';
  const delegates: Delegate[] = answer === 'ATTENDING' ? values.delegates.map((d) => ({ name: d.name.trim(), role: d.role.trim() || null })) : [];
  return { version: invitation.version, answer, delegates };
}

const DELEGATE_ERROR = /^delegates\.(\d+)\.[A-Za-z]+$/;

/** The API's 400 on the form: `delegates.N.name` on that delegate, `delegates` on the list. */
export function rsvpErrorsFrom(problem: ProblemDetails): { errors: RsvpErrors; others: InvalidParam[] } {
  const errors: RsvpErrors = { names: {} };
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const match = DELEGATE_ERROR.exec(invalid.name);
    if (match) errors.names[Number(match[1])] ??= { text: invalid.reason };
    else if (invalid.name === 'delegates') errors.delegates ??= { text: invalid.reason };
    else if (invalid.name === 'answer') errors.answer ??= { text: invalid.reason };
    else others.push(invalid);
  }
  return { errors, others };
}
