import {
  ProblemDetails,
  MEMBERSHIP_TRANSITIONS,
  Membership,
  MembershipDecision,
  MembershipEvent,
  MembershipStatus,
  decisionsFrom,
} from '@coopera/domain';

/** The API's length limits, shared through libs/domain. */
export { MEMBERSHIP_LIMITS } from '@coopera/domain';

/** The coordination works in Sicily: every date-time is shown as it was there. */
export const ROME_TIME_ZONE = 'Europe/Rome';

/** Date and time in Rome, in the reader's language (e.g. `12 mar 2025, 14:05`). */
export function romeDateTimeFormat(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ROME_TIME_ZONE });
}

/**
 * What a step of the history did. The API records statuses, not the action: an approval of a
 * suspended membership reads better as a reactivation, and a request after a rejection as a
 * new request.
 */
export type MembershipStep = 'request' | 'renewedRequest' | 'approve' | 'reactivate' | 'reject' | 'suspend' | 'withdraw' | 'other';

export function stepOf(event: Pick<MembershipEvent, 'fromStatus' | 'toStatus'>): MembershipStep {
  switch (event.toStatus) {
    case 'REQUESTED':
      return event.fromStatus === null ? 'request' : 'renewedRequest';
    case 'ACTIVE':
      return event.fromStatus === 'SUSPENDED' ? 'reactivate' : event.fromStatus === 'REQUESTED' ? 'approve' : 'other';
    case 'REJECTED':
      return 'reject';
    case 'SUSPENDED':
      return 'suspend';
    case 'WITHDRAWN':
      return 'withdraw';
    default:
      return 'other';
  }
}

/** Whether a Comune in this state (none: `null`) may ask to join (again). */
export function canRequestFrom(status: MembershipStatus | null): boolean {
  return MEMBERSHIP_TRANSITIONS.request.from.includes(status);
}

/** The decisions the secretariat may take now, in the order the buttons show them. */
export function decisionsFor(membership: Pick<Membership, 'status'>): MembershipDecision[] {
  return decisionsFrom(membership.status);
}

export function reasonRequired(decision: MembershipDecision): boolean {
  return MEMBERSHIP_TRANSITIONS[decision].reasonRequired;
}

/** The membership a Comune's page shows: the one changed last (an older one may be a rejected request). */
export function latestMembership<T extends Pick<Membership, 'updatedAt'>>(memberships: readonly T[]): T | null {
  return memberships.reduce<T | null>(
    (latest, m) => (latest === null || Date.parse(m.updatedAt) > Date.parse(latest.updatedAt) ? m : latest),
    null,
  );
}

/** A record that is not there: 404, or 400 for an address whose id is not even a UUID. */
export function isNotFound(problem: Pick<ProblemDetails, 'status'> | null): boolean {
  return problem?.status === 404 || problem?.status === 400;
}
