import { HttpErrorResponse } from '@angular/common/http';
import { ProblemDetails } from '@coopera/domain';

function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ProblemDetails, unknown>>;
  return typeof candidate.title === 'string' && typeof candidate.detail === 'string';
}

/**
 * The RFC 9457 problem an API call failed with, or `null` when the answer carried none
 * (network failure, proxy error page…): the caller then shows its own generic message.
 */
export function problemFrom(error: unknown): ProblemDetails | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!isProblemDetails(body)) return null;
  return {
    ...body,
    status: typeof body.status === 'number' ? body.status : error.status,
    errors: Array.isArray(body.errors) ? body.errors : undefined,
  };
}
