/** One offending field of a refused request. */
export interface InvalidParam {
  /** Dotted path of the field, e.g. `pageSize` or `speakers.0.name`. */
  name: string;
  reason: string;
}

/** RFC 9457 problem details, as every API error is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Present on validation errors: the fields that were refused and why. */
  errors?: InvalidParam[];
  /** Present on a 409 for a stale version: the version to reload and base the change on. */
  currentVersion?: number;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
