import type { Province } from './geography';
import type { MembershipStatus } from './memberships';
import type { ProjectCategory } from './projects';

/**
 * A count of people (delegates, attendees). Between 1 and 4 it is published as "<5" outside the
 * Comune it belongs to, so that nobody can be singled out from small figures.
 */
export type PeopleCount = number | '<5';
export const SMALL_CELL = '<5';
export const SMALL_CELL_LIMIT = 5;

/** The small-cell rule: `own` is whether the reader belongs to the Comune the count is about. */
export function publishPeople(count: number, own: boolean): PeopleCount {
  return !own && count > 0 && count < SMALL_CELL_LIMIT ? SMALL_CELL : count;
}

/** `GET /api/v1/stats/dashboard` filters; the period is of calendar dates, inclusive. */
export interface StatsQuery {
  province?: Province;
  category?: ProjectCategory;
  from?: string;
  to?: string;
}

export interface MembersByProvince {
  province: Province;
  /** Comuni (not Liberi Consorzi or Città metropolitane) of the province. */
  comuni: number;
  members: number;
}

export interface MembersAtMonth {
  /** `YYYY-MM`: members at the end of that month (or today, for the current one). */
  month: string;
  members: number;
}

export interface ProjectsByCategoryProvince {
  category: ProjectCategory;
  province: Province;
  projects: number;
  posti: number;
}

export interface EnteServing {
  enteId: string;
  name: string;
  comuniServed: number;
  projects: number;
}

export interface AttendanceByComune {
  comuneId: string;
  comuneName: string;
  province: Province;
  /** Held meetings the Comune was invited to. */
  invited: number;
  present: number;
  /** present / invited, 0–1. */
  rate: number;
  delegatesPresent: PeopleCount;
}

export interface NonMemberTitolare {
  comuneId: string;
  comuneName: string;
  province: Province;
  openProjects: number;
  posti: number;
  membership: MembershipStatus | null;
}

export interface DashboardTotals {
  members: number;
  projects: number;
  posti: number;
  enti: number;
  meetingsHeld: number;
  /** Present over invited, over the held meetings; null when none was held. */
  attendanceRate: number | null;
}

/** The Servizio Centrale's dashboard: every figure computed in SQL over the filtered network. */
export interface DashboardStats {
  totals: DashboardTotals;
  membersByProvince: MembersByProvince[];
  membersOverTime: MembersAtMonth[];
  projectsByCategoryProvince: ProjectsByCategoryProvince[];
  entiByComuniServed: EnteServing[];
  /** A referent sees their own Comune's row only. */
  attendanceByComune: AttendanceByComune[];
  nonMemberTitolari: NonMemberTitolare[];
}
