import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '@coopera/domain';
import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequests } from '../auth/rate-limiter';
import { isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './problem';

/** How long a client should wait before retrying a 503: about what a database restart takes. */
export const RETRY_AFTER_SECONDS = 5;

const errorLogger = new Logger('Errors');

/** The one place where errors become responses: `application/problem+json`, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly spaFallback: ((request: FastifyRequest, reply: FastifyReply) => boolean) | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.spaFallback?.(request, reply)) return;

    void reply.send(answerProblem(exception, request, reply));
  }
}

/**
 * The problem `exception` is, with the status and headers it needs set on `reply` (and a log line
 * for a 5xx): for the filter, and for a request whose COMMIT failed after its handler succeeded.
 */
export function answerProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply): ProblemDetails {
  const instance = request.url.split('?')[0];
  const unavailable = isDatabaseUnavailable(exception);
  const problem = unavailable ? databaseUnavailable(instance) : toProblem(exception, instance);
  if (problem.status === 503) {
    // Draining or a database outage: a deliberate answer, not a bug. One line, no stack.
    const reason = unavailable ? `database unavailable (${exception instanceof Error ? exception.message : String(exception)})` : problem.detail;
    errorLogger.warn(`${request.method} ${request.url}: 503, ${reason}`);
  } else if (problem.status >= 500) {
    errorLogger.error(`${request.method} ${request.url} failed`, exception instanceof Error ? exception.stack : String(exception));
  }
  if (exception instanceof TooManyRequests) void reply.header('retry-after', exception.retryAfterSeconds);
  else if (problem.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', RETRY_AFTER_SECONDS);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE);
  return problem;
}

function databaseUnavailable(instance: string): ProblemDetails {
  return { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The database cannot be reached at the moment: retry shortly.', instance };
}
