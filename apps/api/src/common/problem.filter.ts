import { PROBLEM_CONTENT_TYPE } from '@coopera/domain';
import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequests } from '../auth/rate-limiter';
import { toProblem } from './problem';

/** The one place where errors become responses: `application/problem+json`, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly spaFallback: ((request: FastifyRequest, reply: FastifyReply) => boolean) | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.spaFallback?.(request, reply)) return;

    const problem = toProblem(exception, request.url.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${request.url} failed`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (exception instanceof TooManyRequests) void reply.header('retry-after', exception.retryAfterSeconds);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
