import type { InvitationTarget, MembershipStatus, ProjectCategory, ProjectStatus, Role } from '@coopera/domain';
import type { Person } from './people';
import type { ReferenceComune } from './reference-comuni';

/**
 * The dataset while it is being made: who and what exists, and when. Each generator reads what
 * the previous ones made (a meeting invites the Comuni that were members on its day; an audit
 * event names an account that existed then), which keeps the national data consistent.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Sizes at --scale=1 (issue 7): the SAI network is about 900 projects and 740 titolari. */
export const FULL_SCALE = {
  projects: 1_000,
  entiGestori: 3_000,
  /** Comuni that never held a project but joined the coordination (or asked to). */
  membersWithoutProjects: 700,
  meetings: 2_000,
  invitations: 100_000,
  auditEvents: 300_000,
} as const;

/** The moments every generator measures from. */
export interface Clock {
  /** Midnight UTC of the dataset's "today": nothing happened after it (meetings may be planned). */
  today: number;
  /** The audit trail covers the year before today. */
  yearAgo: number;
  /** The portal opened: no account, request or meeting before. */
  launch: number;
}

export function clockOf(today: string): Clock {
  const t = Date.parse(`${today}T00:00:00Z`);
  return { today: t, yearAgo: t - 365 * DAY, launch: Date.parse('2021-11-02T08:00:00Z') };
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDate = (ms: number): string => iso(ms).slice(0, 10);
export const yearOf = (ms: number): number => new Date(ms).getUTCFullYear();

/** A moment in office hours (Italian time, roughly) of the day of `ms`. */
export function officeHours(day: number, minuteOfDay: number): number {
  return Math.floor(day / DAY) * DAY + minuteOfDay * MINUTE;
}

export interface ComuneRecord extends ReferenceComune {
  id: string;
}

/** An account: the staff of the coordination and of the Servizio Centrale, and one referent per Comune. */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  comune: ComuneRecord | null;
  person: Person;
  /** Set once everything the account did is known: just before its first act. */
  createdAt: number;
  /** When its owner followed the activation link and chose a password: nothing before. */
  activatedAt: number;
  active: boolean;
  /** The address it signs in from (one office each). */
  ip: string;
  /** The first thing it did, to date its creation before it. */
  firstActivity: number;
  /** Changes to the account since (the audit trail's user.* events). */
  version: number;
  updatedAt: number;
}

export interface EnteRecord {
  id: string;
  name: string;
  taxCode: string;
  seat: ComuneRecord;
  proposedBy: ComuneRecord | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface ProjectRecord {
  id: string;
  code: string;
  comune: ComuneRecord;
  category: ProjectCategory;
  status: ProjectStatus;
  posti: number;
  postiTotal: number;
  services: string[];
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  version: number;
}

export interface MembershipStep {
  from: MembershipStatus | null;
  to: MembershipStatus;
  at: number;
  reason: string | null;
  actor: Account;
}

export interface MembershipRecord {
  id: string;
  comune: ComuneRecord;
  steps: MembershipStep[];
}

export interface WorkingGroupRecord {
  id: string;
  name: string;
  members: ComuneRecord[];
  createdAt: number;
}

/** What the audit trail needs to know about a meeting and its invitations. */
export interface MeetingRecord {
  id: string;
  createdAt: number;
  /** Whom the secretariat invited (the API's InvitationTarget). */
  target: InvitationTarget;
  /** Each step of its life that the trail records: [action, when]. */
  steps: [MeetingStepAction, number][];
  invitations: InvitationRecord[];
}

export type MeetingStepAction =
  | 'meeting.create'
  | 'meeting.agenda'
  | 'meeting.invite'
  | 'meeting.convene'
  | 'meeting.update'
  | 'meeting.cancel'
  | 'meeting.hold'
  | 'meeting.attendance'
  | 'meeting.minutes'
  | 'meeting.publish'
  | 'meeting.document.add';

export interface InvitationRecord {
  id: string;
  comune: ComuneRecord;
  status: string;
  answeredAt: number | null;
  promotedAt: number | null;
  /** Whose decline freed the seat it was promoted to. */
  promotedBy: ComuneRecord | null;
  delegates: string;
  /** The attendance register: null until recorded. */
  present: boolean | null;
}

/** Whether the Comune's membership was active at `at`. */
export function activeAt(membership: MembershipRecord, at: number): boolean {
  let status: MembershipStatus | null = null;
  for (const step of membership.steps) {
    if (step.at > at) break;
    status = step.to;
  }
  return status === 'ACTIVE';
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
