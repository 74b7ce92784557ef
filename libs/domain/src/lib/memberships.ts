import type { Province } from './geography';
import type { Role } from './permissions';
import type { SortParam } from './pagination';

export const MEMBERSHIP_STATUSES = ['REQUESTED', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'WITHDRAWN'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_DECISIONS = ['approve', 'reject', 'suspend', 'withdraw'] as const;
export type MembershipDecision = (typeof MEMBERSHIP_DECISIONS)[number];

/**
 * The state machine of a Comune's adherence: from which statuses each step may start, where it
 * leads, and whether it needs a reason. A request may start again after a rejection or withdrawal.
 */
export const MEMBERSHIP_TRANSITIONS: Readonly<
  Record<MembershipDecision | 'request', { from: readonly (MembershipStatus | null)[]; to: MembershipStatus; reasonRequired: boolean }>
> = {
  request: { from: [null, 'REJECTED', 'WITHDRAWN'], to: 'REQUESTED', reasonRequired: false },
  approve: { from: ['REQUESTED', 'SUSPENDED'], to: 'ACTIVE', reasonRequired: false },
  reject: { from: ['REQUESTED'], to: 'REJECTED', reasonRequired: true },
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED', reasonRequired: true },
  withdraw: { from: ['ACTIVE', 'SUSPENDED'], to: 'WITHDRAWN', reasonRequired: true },
};

export function decisionsFrom(status: MembershipStatus): MembershipDecision[] {
  return MEMBERSHIP_DECISIONS.filter((d) => MEMBERSHIP_TRANSITIONS[d].from.includes(status));
}

/** One step of a membership's history. */
export interface MembershipEvent {
  id: string;
  fromStatus: MembershipStatus | null;
  toStatus: MembershipStatus;
  reason: string | null;
  actorName: string | null;
  actorRole: Role | null;
  occurredAt: string;
}

export interface Membership {
  id: string;
  comuneId: string;
  comuneName: string;
  province: Province;
  status: MembershipStatus;
  /** The referent the Comune designates for the coordination. */
  referentName: string;
  referentRole: string | null;
  referentEmail: string | null;
  requestedAt: string;
  updatedAt: string;
  version: number;
}

export interface MembershipDetail extends Membership {
  /** Oldest first. */
  history: MembershipEvent[];
}

/** `POST /api/v1/memberships`: a referent asks for their own Comune; the secretariat for any. */
export interface RequestMembershipRequest {
  comuneId: string;
  referentName: string;
  referentRole?: string | null;
  referentEmail?: string | null;
  note?: string | null;
}

/** `POST /api/v1/memberships/:id/{approve|reject|suspend|withdraw}` */
export interface MembershipDecisionRequest {
  reason?: string | null;
}

export const MEMBERSHIP_SORT_FIELDS = ['comune', 'status', 'requestedAt', 'updatedAt'] as const;
export type MembershipSortField = (typeof MEMBERSHIP_SORT_FIELDS)[number];
export const MEMBERSHIP_SORTS: readonly SortParam<MembershipSortField>[] = MEMBERSHIP_SORT_FIELDS.flatMap(
  (f) => [f, `-${f}`] as const,
);

export interface ListMembershipsQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<MembershipSortField>;
  q?: string;
  status?: MembershipStatus;
  comuneId?: string;
  province?: Province;
}

/** What the API takes; the web forms check the same before sending. */
export const MEMBERSHIP_LIMITS = {
  referentNameMin: 2,
  referentName: 200,
  referentRole: 200,
  referentEmail: 254,
  note: 1000,
  reason: 1000,
} as const;

export const ILLEGAL_TRANSITION_PROBLEM_TYPE = 'urn:coopera:problem:illegal-transition';
