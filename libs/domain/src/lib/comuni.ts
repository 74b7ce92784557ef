import type { ComuneKind, Province } from './geography';
import type { MembershipStatus } from './memberships';
import type { Page, SortParam } from './pagination';
import type { EnteRole, ProjectCategory, ProjectSummary } from './projects';

/** The public directory record of a Comune (or other ente locale) of the network. */
export interface ComuneSummary {
  id: string;
  kind: ComuneKind;
  name: string;
  province: Province;
  /** ISTAT code: six digits for a Comune, three for a Libero Consorzio or Città metropolitana. */
  istatCode: string | null;
  codiceCatastale: string | null;
  population: number | null;
}

export const COMUNE_SORT_FIELDS = ['name', 'province', 'population', 'istatCode', 'postiTotal', 'projectCount'] as const;
export type ComuneSortField = (typeof COMUNE_SORT_FIELDS)[number];
export const COMUNE_SORTS: readonly SortParam<ComuneSortField>[] = COMUNE_SORT_FIELDS.flatMap(
  (f) => [f, `-${f}`] as const,
);

export interface ListComuniQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<ComuneSortField>;
  q?: string;
  province?: Province;
  kind?: ComuneKind;
  /** Membership status, or NONE for Comuni that never asked to join. */
  membership?: MembershipStatus | 'NONE';
  /** Only Comuni that are titolari of open projects. */
  withProjects?: boolean;
}

/** The SAI contacts a Comune's referents keep; `notes` is read only by the Comune and the network roles. */
export interface ComuneProfile {
  saiOffice: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  /** The person the Comune designates for the coordination. */
  coordinationReferent: string | null;
  /** Undefined when the reader may not see it. */
  notes?: string | null;
  /** 0 while the profile has never been saved. */
  version: number;
  updatedAt: string | null;
}

/** `PATCH /api/v1/comuni/:id`: the profile fields to change, and the version they were based on. */
export interface UpdateComuneProfileRequest {
  version: number;
  saiOffice?: string | null;
  email?: string | null;
  pec?: string | null;
  phone?: string | null;
  coordinationReferent?: string | null;
  notes?: string | null;
}

export const PROFILE_LIMITS = { textMaxLength: 200, notesMaxLength: 2000, phoneMaxLength: 40, emailMaxLength: 254 } as const;

/** A phone number as offices write it: digits, spaces, + . / - (at least six). */
export const PHONE_PATTERN = /^\+?[0-9 ./-]{6,}$/;

/** Posti financed now, per category, of a Comune's open projects (titolare). */
export type PostiByCategory = Record<ProjectCategory, number>;

/** A line of the network directory. */
export interface DirectoryEntry extends ComuneSummary {
  membershipStatus: MembershipStatus | null;
  /** Open (not closed) projects whose titolare is this Comune. */
  projectCount: number;
  posti: PostiByCategory;
  postiTotal: number;
}

export interface ProvinceTotals {
  province: Province;
  comuni: number;
  members: number;
  projects: number;
  posti: number;
}

/** `GET /api/v1/comuni`: a page of the directory, with totals per province over the whole filtered set. */
export interface DirectoryPage extends Page<DirectoryEntry> {
  provinceTotals: ProvinceTotals[];
}

/** `GET /api/v1/comuni/:id`: the Comune page. */
export interface ComuneDetail extends DirectoryEntry {
  profile: ComuneProfile;
  membershipId: string | null;
  projects: ProjectSummary[];
  /** The enti gestori of its open projects. */
  entiGestori: { id: string; name: string; taxCode: string; role: EnteRole }[];
  workingGroups: { id: string; name: string }[];
  /** Whether the reader may edit the profile. */
  editable: boolean;
}
