import { hasPermission, TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { isDatabaseUnavailable } from '../common/database-unavailable';
import { TypedProblem } from '../common/problem';
import { beginActingFor, Db } from '../database/db-context';
import { beginWithTokenCheck, keepOpened, takeOpened } from '../database/request-transactions';
import { ACCESS_RULE, AccessRule, DURING_TOTP_ENROLLMENT, NO_TRANSACTION } from './access.decorator';
import { AuthenticatedUser } from './authenticated-user';

/** The one guard of every route: default deny, then the route's declared rule. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    if (!rule) {
      this.logger.error(`${request.method} ${request.url} declares no access rule: denied`);
      throw new ForbiddenException('This route is not open to anyone.');
    }
    const inTransaction = !this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()]);
    if (rule.kind === 'public') {
      // Served in a transaction acting for no one: the policies show what the public may see.
      if (inTransaction) keepOpened(request, (await this.db.open((client) => beginActingFor(client, {}))).transaction);
      return true;
    }

    if (inTransaction) beginWithTokenCheck(request);
    try {
      return await this.authorize(context, rule, request);
    } catch (error) {
      // A refused request serves nothing: the transaction the token check began ends here.
      const opened = takeOpened(request);
      if (opened) await this.db.discard(opened);
      throw error;
    }
  }

  private async authorize(context: ExecutionContext, rule: AccessRule, request: FastifyRequest & { user?: AuthenticatedUser }): Promise<boolean> {
    await super.canActivate(context); // throws 401 unless the token and the account are valid
    const user = request.user;
    if (!user) throw new UnauthorizedException();
    const duringEnrollment = this.reflector.getAllAndOverride<boolean>(DURING_TOTP_ENROLLMENT, [context.getHandler(), context.getClass()]);
    if (user.totpEnrollmentRequired && !duringEnrollment) {
      throw new TypedProblem(403, TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE, 'Second factor required', 'Set up the second factor (TOTP) before going on.');
    }
    if (rule.kind === 'permission' && !rule.permissions.some((p) => hasPermission(user.role, p))) {
      // The request's own transaction first: the audit takes a connection of its own.
      const opened = takeOpened(request);
      if (opened) await this.db.discard(opened);
      const needed = rule.permissions.join(' or ');
      await this.audit.recordAlways({
        action: 'auth.denied',
        actorId: user.id,
        actorRole: user.role,
        comuneId: user.comuneId,
        ip: request.ip,
        detail: `${request.method} ${request.url.split('?')[0]} needs ${needed}`,
      });
      throw new ForbiddenException(`Your role may not do this (${needed}).`);
    }
    return true;
  }

  /** One answer for every token problem: no hint about what exactly was wrong. */
  override handleRequest<T>(error: unknown, user: T): T {
    // The account could not be read: a 503 to retry, not a 401 that would sign the user out.
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new UnauthorizedException('Missing, invalid or expired access token.');
    return user;
  }
}
