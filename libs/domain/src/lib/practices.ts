import type { StoredDocument } from './documents';

/** The good-practice library: tools, methods and practices the network shares. */
export const PRACTICE_KINDS = ['STRUMENTO', 'METODOLOGIA', 'BUONA_PRATICA', 'MODELLO_DOCUMENTO'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

export const PRACTICE_LIMITS = {
  titleMin: 3,
  title: 200,
  summaryMin: 20,
  summary: 5000,
  tags: 10,
  tag: 40,
  link: 500,
  query: 200,
} as const;

/** A tag: lower case letters, digits, spaces and dashes (normalised by the API: trimmed, lower case). */
export const PRACTICE_TAG_PATTERN = /^[\p{Ll}\p{Nd}][\p{Ll}\p{Nd} -]*$/u;

export interface Practice {
  id: string;
  title: string;
  summary: string;
  kind: PracticeKind;
  tags: string[];
  /** The Comune that shares it; null when the coordination itself does. */
  comuneId: string | null;
  comuneName: string | null;
  link: string | null;
  document: StoredDocument | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A list item: with a search, `headline` is the matching passage with `<mark>` around the hits (the rest escaped). */
export interface PracticeSummary extends Omit<Practice, 'summary'> {
  excerpt: string;
  headline: string | null;
}

export const PRACTICE_SORTS = ['relevance', 'title', '-title', 'createdAt', '-createdAt'] as const;
export type PracticeSort = (typeof PRACTICE_SORTS)[number];

/** `GET /api/v1/practices`: full-text search in Italian (stemming, accents and case ignored). */
export interface ListPracticesQuery {
  q?: string;
  kind?: PracticeKind;
  tag?: string;
  comuneId?: string;
  /** Default: relevance with `q`, else newest first. */
  sort?: PracticeSort;
  page?: number;
  pageSize?: number;
}

export interface PracticeTagCount {
  tag: string;
  count: number;
}

/** `POST /api/v1/practices` (JSON; the file goes after, to `/api/v1/practices/:id/document`). */
export interface CreatePracticeRequest {
  title: string;
  summary: string;
  kind: PracticeKind;
  tags?: string[];
  /** A referent shares for their own Comune (ignored otherwise); the secretariat chooses, or none. */
  comuneId?: string | null;
  link?: string | null;
}

/** `PATCH /api/v1/practices/:id` (the sharing Comune's referents and the secretariat). */
export interface UpdatePracticeRequest {
  version: number;
  title?: string;
  summary?: string;
  kind?: PracticeKind;
  tags?: string[];
  link?: string | null;
}
