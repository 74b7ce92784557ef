import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, Observable } from 'rxjs';
import { NO_TRANSACTION } from '../auth/access.decorator';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from './db-context';
import { takeOpened } from './guard-transactions';
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
    const request = http.getRequest<{ user?: AuthenticatedUser }>();
    const reply = http.getResponse<Reply>();
    // Begun by the access guard with the token's account (guard-transactions.ts); else, on a
    // public route, begun here.
    const opened = takeOpened(request);
    const user = request.user;
    const actor = user ? { userId: user.id, role: user.role, comuneId: user.comuneId } : {};
    return new Observable((subscriber) => {
      const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
      const { metrics, result } = measureQueries(() => (opened ? this.db.serveOpened(opened, handle) : this.db.serve(actor, handle)));
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
