import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, Observable } from 'rxjs';
import { NO_TRANSACTION } from '../auth/access.decorator';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from './db-context';
import { measureQueries, serverTiming } from './query-metrics';

interface Reply {
  header(name: string, value: string): unknown;
  sent?: boolean;
}

/**
 * Serves each request inside one transaction acting for its user (row-level security context),
 * and reports the statements it cost in `Server-Timing`.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()])) {
      return next.handle(); // streamed answers: their headers are gone before the work is done
    }
    const http = context.switchToHttp();
    const user = http.getRequest<{ user?: AuthenticatedUser }>().user;
    const reply = http.getResponse<Reply>();
    const actor = user ? { userId: user.id, role: user.role, comuneId: user.comuneId } : {};
    return new Observable((subscriber) => {
      const { metrics, result } = measureQueries(() => this.db.serve(actor, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
      // Set once the transaction has ended (COMMIT counted), before Nest sends the answer.
      const timing = () => reply.sent || reply.header('Server-Timing', serverTiming(metrics));
      result.then(
        (value) => {
          timing();
          subscriber.next(value);
          subscriber.complete();
        },
        (error: unknown) => {
          timing();
          subscriber.error(error);
        },
      );
    });
  }
}
