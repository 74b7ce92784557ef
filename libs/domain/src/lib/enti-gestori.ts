import type { SortParam } from './pagination';

/** Legal forms of the third-sector bodies that run SAI services. */
export const LEGAL_FORMS = [
  'COOPERATIVA_SOCIALE',
  'CONSORZIO_COOPERATIVE',
  'ASSOCIAZIONE',
  'FONDAZIONE',
  'ENTE_RELIGIOSO',
  'IMPRESA_SOCIALE',
  'ALTRO',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** What the API takes; the web form checks the same before sending. */
export const ENTE_GESTORE_LIMITS = {
  nameMinLength: 2,
  nameMaxLength: 300,
  emailMaxLength: 254,
  phoneMaxLength: 40,
  websiteMaxLength: 300,
} as const;

/** An ente gestore of the register, shared by every Comune. */
export interface EnteGestore {
  id: string;
  name: string;
  /** Partita IVA (11 digits) or codice fiscale (16 characters), upper case; unique. */
  taxCode: string;
  legalForm: LegalForm;
  seatComuneId: string | null;
  seatComuneName: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
  website: string | null;
  /** Proposed by a referent while linking a project, and not yet reviewed by the secretariat. */
  proposed: boolean;
  /** Number of projects it runs (as attuatore or partner). */
  projectCount: number;
  version: number;
}

export interface EnteGestoreWrite {
  name: string;
  taxCode: string;
  legalForm: LegalForm;
  seatComuneId?: string | null;
  email?: string | null;
  pec?: string | null;
  phone?: string | null;
  website?: string | null;
}

/** `PATCH /api/v1/enti-gestori/:id`: the fields to change and the version they were based on. */
export type UpdateEnteGestoreRequest = Partial<EnteGestoreWrite> & { version: number; proposed?: false };

export const ENTE_GESTORE_SORT_FIELDS = ['name', 'taxCode', 'projectCount'] as const;
export type EnteGestoreSortField = (typeof ENTE_GESTORE_SORT_FIELDS)[number];
export const ENTE_GESTORE_SORTS: readonly SortParam<EnteGestoreSortField>[] = ENTE_GESTORE_SORT_FIELDS.flatMap(
  (f) => [f, `-${f}`] as const,
);

export interface ListEntiGestoriQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<EnteGestoreSortField>;
  q?: string;
  taxCode?: string;
  proposed?: boolean;
}
