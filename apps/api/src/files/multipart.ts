import type { MultipartFile } from '@fastify/multipart';
import { HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationProblem } from '../common/problem';

/**
 * The first file of a multipart/form-data request. A body the parser cannot even start on (a
 * Content-Type without its boundary) is the client's mistake: a 400 that says so, not a 500.
 * The parser's own refusals (too many parts, a file too large) keep their status.
 */
export async function firstFile(request: FastifyRequest): Promise<MultipartFile | undefined> {
  try {
    return await request.file();
  } catch (error) {
    if (error instanceof HttpException || isClientError(error)) throw error;
    throw new ValidationProblem([{ name: 'file', reason: `cannot be read from this multipart/form-data body (${error instanceof Error ? error.message : String(error)})` }]);
  }
}

function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
