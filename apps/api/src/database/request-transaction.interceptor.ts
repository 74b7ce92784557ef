import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, Observable } from 'rxjs';
import { NO_TRANSACTION } from '../auth/access.decorator';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from './db-context';

/** Serves each request inside one transaction acting for its user (row-level security context). */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    const actor = user ? { userId: user.id, role: user.role, comuneId: user.comuneId } : {};
    return from(this.db.run(actor, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
