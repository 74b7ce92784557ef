import { ConflictException, NotFoundException } from '@nestjs/common';
import { toProblem, VALIDATION_PROBLEM_TYPE, ValidationProblem } from './problem';

describe('toProblem', () => {
  it('names the offending fields of a validation error', () => {
    const problem = toProblem(new ValidationProblem([{ name: 'pageSize', reason: 'must not be greater than 100' }]), '/x');
    expect(problem).toEqual({
      type: VALIDATION_PROBLEM_TYPE,
      title: 'Invalid request',
      status: 400,
      detail: 'Invalid request: pageSize must not be greater than 100',
      instance: '/x',
      errors: [{ name: 'pageSize', reason: 'must not be greater than 100' }],
    });
  });

  it('keeps the status and message of HTTP exceptions', () => {
    expect(toProblem(new NotFoundException('No Comune with id 1.'))).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No Comune with id 1.',
    });
    expect(toProblem(new ConflictException())).toMatchObject({ status: 409, title: 'Conflict', detail: 'Conflict' });
  });

  it('maps Fastify body errors to their 4xx status', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, detail: 'The request body is too large.' });
    const mediaType = Object.assign(new Error('x'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(toProblem(mediaType)).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
  });

  it('hides everything about unexpected errors', () => {
    const error = new Error('relation "secret_table" does not exist');
    const problem = toProblem(error);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret_table');
    expect(JSON.stringify(problem)).not.toContain('at ');
  });

  it('does not trust a statusCode on errors that are not Fastify’s', () => {
    const sneaky = Object.assign(new Error('db down'), { statusCode: 404 });
    expect(toProblem(sneaky).status).toBe(500);
  });
});
