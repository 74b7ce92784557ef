import { HttpErrorResponse } from '@angular/common/http';
import { MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE, MEETING_NOT_EDITABLE_PROBLEM_TYPE, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { problemFrom } from '../http/problem-details';

/** How a refused meeting write is shown. */
export type MeetingWriteFailure =
  | { kind: 'invalid'; problem: ProblemDetails }
  | { kind: 'stale' }
  | { kind: 'notEditable'; detail: string }
  | { kind: 'closedForAnswers'; detail: string }
  | { kind: 'other'; problem: ProblemDetails }
  | { kind: 'unreachable' };

/** Sorts a failed write: 400 with its fields, the three kinds of 409, anything else. */
export function meetingWriteFailure(error: unknown): MeetingWriteFailure {
  const problem = problemFrom(error);
  if (!problem) return { kind: 'unreachable' };
  const status = error instanceof HttpErrorResponse ? error.status : problem.status;
  if (status === 409) {
    if (problem.type === MEETING_NOT_EDITABLE_PROBLEM_TYPE) return { kind: 'notEditable', detail: problem.detail };
    if (problem.type === MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE) return { kind: 'closedForAnswers', detail: problem.detail };
    if (problem.type === STALE_VERSION_PROBLEM_TYPE || problem.currentVersion !== undefined) return { kind: 'stale' };
    return { kind: 'other', problem };
  }
  if (status === 400 || status === 422) return { kind: 'invalid', problem };
  return { kind: 'other', problem };
}
