import { PROBLEM_CONTENT_TYPE } from '@coopera/domain';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './api-problem';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } };

interface CommonAnswer {
  description: string;
  retryAfter?: boolean;
}

/** Answers that come from the framework or from the app as a whole, not from one route's handler. */
const EVERY_ROUTE: Record<number, CommonAnswer> = {
  400: { description: 'Malformed request, e.g. a path that is not valid percent-encoding, or malformed JSON.' },
  429: { description: 'Too many requests from this address: wait for Retry-After.', retryAfter: true },
  503: { description: 'The database cannot be reached, or the server is overloaded or shutting down: retry after Retry-After.', retryAfter: true },
};
const WITH_BODY: Record<number, CommonAnswer> = {
  413: { description: 'The request body is too large.' },
  415: { description: 'Unsupported content type.' },
};
const METHODS_WITH_BODY = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Documents on every operation the problem+json answers any route may give whatever its handler
 * does: a malformed request, the rate limit and unavailability everywhere, and the body parser's
 * refusals wherever a body may be sent. A route's own description of one of these statuses is kept.
 */
export function documentCommonAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Operation | undefined][]) {
      if (!operation?.responses) continue;
      const common: Record<number, CommonAnswer> = { ...EVERY_ROUTE, ...(METHODS_WITH_BODY.has(method) ? WITH_BODY : {}) };
      for (const [status, answer] of Object.entries(common)) {
        if (operation.responses[status]) continue;
        operation.responses[status] = {
          description: answer.description,
          ...(answer.retryAfter ? { headers: RETRY_AFTER } : {}),
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
        };
      }
    }
  }
  return document;
}
