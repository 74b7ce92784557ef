import { applyDecorators, CallHandler, ConflictException, ExecutionContext, Injectable, NestInterceptor, UnprocessableEntityException, UseInterceptors } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { from, mergeMap, Observable, of } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db-context';
import { uniqueViolation } from './db-errors';
import { sha256 } from './hash';
import { ValidationProblem } from './problem';

interface IdempotentRequest {
  method: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a creating POST: the first answer is stored in the same transaction as
 * the write it reports, so a retry with the same key and body gets that answer and writes
 * nothing; the same key with another request is refused with 422. Keys belong to their user.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new ValidationProblem([{ name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const userId = request.user?.id;
    if (!userId) return next.handle();
    const path = request.url.split('?')[0] ?? '';
    const hash = sha256(JSON.stringify([request.method, path, request.body ?? null]));
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(
      this.db.manager.query<{ request_hash: string; response_body: unknown }[]>(
        `SELECT request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      ),
    ).pipe(
      mergeMap(([stored]) => {
        if (stored) {
          if (stored.request_hash !== hash) {
            throw new UnprocessableEntityException('This Idempotency-Key was already used with a different request.');
          }
          return of(stored.response_body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            try {
              await this.db.manager.query(
                `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)`,
                [userId, key, hash, status, JSON.stringify(body ?? null)],
              );
            } catch (error) {
              // A twin request with the same key committed first: this one rolls back whole.
              if (uniqueViolation(error) !== null) throw new ConflictException('A request with this Idempotency-Key was just processed: retry it to get its answer.');
              throw error;
            }
            return body;
          }),
        );
      }),
    );
  }
}

/** The route honours `Idempotency-Key`. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key and body returns the first answer and writes nothing new; the same key with another body answers 422.',
    }),
  );
