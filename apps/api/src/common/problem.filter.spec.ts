import { PROBLEM_CONTENT_TYPE } from '@coopera/domain';
import { ArgumentsHost, Logger, ServiceUnavailableException } from '@nestjs/common';
import { TooManyRequests } from '../auth/rate-limiter';
import { ProblemDetailsFilter, RETRY_AFTER_SECONDS } from './problem.filter';

/** What the filter does to a Fastify reply: the status, the headers and the body it sends. */
class RecordedReply {
  statusCode = 0;
  headers: Record<string, unknown> = {};
  body: unknown;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }
  send(body: unknown): this {
    this.body = body;
    return this;
  }
}

function answer(exception: unknown): RecordedReply {
  const reply = new RecordedReply();
  const request = { method: 'POST', url: '/api/v1/enti-gestori?x=1' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return reply;
}

describe('ProblemDetailsFilter', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers 503 with Retry-After, not 500, when the database cannot be reached', () => {
    const reply = answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(reply.headers['retry-after']).toBe(RETRY_AFTER_SECONDS);
    expect(reply.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database cannot be reached at the moment: retry shortly.',
      instance: '/api/v1/enti-gestori',
    });
    // An outage is no bug: a one-line warning, not an error with a stack per request.
    expect(warn).toHaveBeenCalledWith('POST /api/v1/enti-gestori?x=1: 503, database unavailable (connect ECONNREFUSED 127.0.0.1:5432)');
    expect(error).not.toHaveBeenCalled();
  });

  it('adds Retry-After to every 503, e.g. while draining', () => {
    const reply = answer(new ServiceUnavailableException('The server is shutting down.'));
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['retry-after']).toBe(RETRY_AFTER_SECONDS);
  });

  it('keeps the rate limiter its own Retry-After, and a bug its 500 without one', () => {
    expect(answer(new TooManyRequests(42)).headers['retry-after']).toBe(42);
    const bug = answer(new TypeError('x is undefined'));
    expect(bug.statusCode).toBe(500);
    expect(bug.headers['retry-after']).toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
  });
});
