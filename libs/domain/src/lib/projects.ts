import type { Province } from './geography';
import type { LegalForm } from './enti-gestori';
import type { SortParam } from './pagination';

/** ORDINARI: adults and families; MSNA: unaccompanied minors; DM_DS: mental distress or disability. */
export const PROJECT_CATEGORIES = ['ORDINARI', 'MSNA', 'DM_DS'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const PROJECT_STATUSES = ['ACTIVE', 'PROSECUZIONE', 'CLOSED'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** The statuses a write may set; closing has its own route. */
export const OPEN_PROJECT_STATUSES = ['ACTIVE', 'PROSECUZIONE'] as const;
export type OpenProjectStatus = (typeof OPEN_PROJECT_STATUSES)[number];

/** The services of the SAI guidelines (Linee guida, DM 18 novembre 2019). */
export const SAI_SERVICES = [
  'MEDIAZIONE_LINGUISTICO_CULTURALE',
  'ACCOGLIENZA_MATERIALE',
  'ORIENTAMENTO_SERVIZI_TERRITORIO',
  'LINGUA_ITALIANA_INSERIMENTO_SCOLASTICO',
  'FORMAZIONE_RIQUALIFICAZIONE_PROFESSIONALE',
  'INSERIMENTO_LAVORATIVO',
  'INSERIMENTO_ABITATIVO',
  'INSERIMENTO_SOCIALE',
  'ORIENTAMENTO_LEGALE',
  'TUTELA_PSICO_SOCIO_SANITARIA',
] as const;
export type SaiService = (typeof SAI_SERVICES)[number];

export const ENTE_ROLES = ['ATTUATORE', 'PARTNER'] as const;
export type EnteRole = (typeof ENTE_ROLES)[number];

/** What the API takes; the web form checks the same before sending. */
export const PROJECT_LIMITS = {
  codeMaxLength: 40,
  titleMinLength: 3,
  titleMaxLength: 300,
  textMaxLength: 200,
  mailboxMaxLength: 254,
  actReferenceMinLength: 3,
  actReferenceMaxLength: 200,
  enteNameMinLength: 2,
  enteNameMaxLength: 300,
  closeReasonMinLength: 3,
  closeReasonMaxLength: 500,
  postiMax: 10_000,
  maxAssociatedComuni: 100,
  maxExpansions: 50,
  maxExtensions: 20,
  maxEntiGestori: 30,
} as const;

/** An ampliamento: more posti financed from a date, by an act (decree). */
export interface ProjectExpansion {
  posti: number;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  actReference: string;
}

/** A prosecuzione or proroga of the funding period, to a new end date, by an act. */
export interface ProjectExtension {
  /** YYYY-MM-DD, after the previous end. */
  until: string;
  actReference: string;
}

/** A project code: letters, digits and - _ . / (e.g. PROG-123-PR-2). */
export const PROJECT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export interface ProjectEnteGestore {
  enteGestoreId: string;
  name: string;
  taxCode: string;
  role: EnteRole;
}

/** What the network directory shows of any project: no contacts, no acts. */
export interface ProjectSummary {
  id: string;
  code: string;
  title: string;
  category: ProjectCategory;
  status: ProjectStatus;
  titolareComuneId: string;
  titolareComuneName: string;
  province: Province;
  /** Posti financed at the start. */
  posti: number;
  /** Posti financed now: the initial ones plus every ampliamento in force. */
  postiTotal: number;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD: the end of the funding period, extensions included. */
  endDate: string;
}

/** A project as its Comune, the secretariat and the Servizio Centrale see it. */
export interface ProjectDetail extends ProjectSummary {
  /** The end of the first funding period, before extensions. */
  originalEndDate: string;
  associatedComuni: { id: string; name: string }[];
  expansions: ProjectExpansion[];
  extensions: ProjectExtension[];
  responsibleOfficer: string | null;
  mailbox: string | null;
  services: SaiService[];
  entiGestori: ProjectEnteGestore[];
  closedAt: string | null;
  closedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * An ente gestore linked by tax code: one already in the register is linked as it is; an unknown
 * one is proposed to the register with the name (and legal form, seat) given here.
 */
export interface ProjectEnteGestoreInput {
  taxCode: string;
  role: EnteRole;
  name?: string;
  legalForm?: LegalForm;
  seatComuneId?: string | null;
}

export interface ProjectFields {
  code: string;
  title: string;
  category: ProjectCategory;
  status: OpenProjectStatus;
  associatedComuneIds: string[];
  posti: number;
  expansions: ProjectExpansion[];
  startDate: string;
  endDate: string;
  extensions: ProjectExtension[];
  responsibleOfficer: string | null;
  mailbox: string | null;
  services: SaiService[];
  entiGestori: ProjectEnteGestoreInput[];
}

/** `POST /api/v1/projects`; a referent may only name their own Comune as titolare. */
export type CreateProjectRequest = Partial<Omit<ProjectFields, 'code' | 'title' | 'category' | 'posti' | 'startDate' | 'endDate'>> &
  Pick<ProjectFields, 'code' | 'title' | 'category' | 'posti' | 'startDate' | 'endDate'> & { titolareComuneId: string };

/** `PATCH /api/v1/projects/:id`: the fields to change (lists are replaced whole) and the version seen. */
export type UpdateProjectRequest = Partial<ProjectFields> & { version: number };

/** `POST /api/v1/projects/:id/close` */
export interface CloseProjectRequest {
  version: number;
  reason: string;
}

export const PROJECT_SORT_FIELDS = ['code', 'title', 'comune', 'posti', 'startDate', 'endDate'] as const;
export type ProjectSortField = (typeof PROJECT_SORT_FIELDS)[number];
export const PROJECT_SORTS: readonly SortParam<ProjectSortField>[] = PROJECT_SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);

export interface ListProjectsQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<ProjectSortField>;
  q?: string;
  comuneId?: string;
  category?: ProjectCategory;
  province?: Province;
  status?: ProjectStatus;
  enteGestoreId?: string;
}

/** The 409 of a stale write carries the version to reload. */
export const STALE_VERSION_PROBLEM_TYPE = 'urn:coopera:problem:stale-version';
export const CLOSED_PROJECT_PROBLEM_TYPE = 'urn:coopera:problem:project-closed';
