import { InvalidParam, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { BadRequestException, HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const VALIDATION_PROBLEM_TYPE = 'urn:coopera:problem:validation-error';

/** A 400 that names every offending field. */
export class ValidationProblem extends BadRequestException {
  constructor(readonly errors: InvalidParam[]) {
    super(`Invalid request: ${errors.map((e) => `${e.name} ${e.reason}`).join('; ')}`);
  }
}

/** An HTTP error with a problem `type` of its own, which clients act on. */
export class TypedProblem extends HttpException {
  constructor(
    status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    /** Extension members the client acts on, e.g. `currentVersion`. */
    readonly extensions: Pick<ProblemDetails, 'currentVersion'> = {},
  ) {
    super(detail, status);
  }
}

/** A write based on a version that is no longer the current one. */
export class StaleVersion extends TypedProblem {
  constructor(what: string, currentVersion: number) {
    super(
      409,
      STALE_VERSION_PROBLEM_TYPE,
      'Stale version',
      `${what} was changed by someone else meanwhile: reload it (current version ${currentVersion}) and apply your change again.`,
      { currentVersion },
    );
  }
}

/** Errors raised by Fastify itself (bad JSON, wrong content type, body too large) carry these. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Maps anything thrown while serving a request to RFC 9457 problem details, never with a stack. */
export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  if (exception instanceof ValidationProblem) {
    return {
      type: VALIDATION_PROBLEM_TYPE,
      title: 'Invalid request',
      status: 400,
      detail: exception.message,
      instance,
      errors: exception.errors,
    };
  }
  if (exception instanceof TypedProblem) {
    return {
      type: exception.type,
      title: exception.title,
      status: exception.getStatus(),
      detail: exception.message,
      instance,
      ...exception.extensions,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { type: 'about:blank', title: titleOf(status), status, detail: detailOf(exception, status), instance };
  }
  const framework = exception as FrameworkError;
  if (
    typeof framework?.statusCode === 'number' &&
    framework.statusCode >= 400 &&
    framework.statusCode < 500 &&
    typeof framework.code === 'string' &&
    framework.code.startsWith('FST_')
  ) {
    const status = framework.statusCode;
    return { type: 'about:blank', title: titleOf(status), status, detail: frameworkDetail(framework), instance };
  }
  return {
    type: 'about:blank',
    title: titleOf(500),
    status: 500,
    detail: 'An unexpected error occurred; it has been logged.',
    instance,
  };
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function detailOf(exception: HttpException, status: number): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string' && message !== '') return message;
  return titleOf(status);
}

function frameworkDetail(error: FrameworkError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    default:
      // Fastify's own messages (e.g. malformed JSON) name the problem without internals.
      return error.message ?? 'Bad request.';
  }
}
