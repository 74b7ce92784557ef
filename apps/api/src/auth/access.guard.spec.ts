import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db-context';
import { AccessGuard } from './access.guard';

function contextFor(handler: () => void): ExecutionContext {
  class UndeclaredController {}
  return {
    getHandler: () => handler,
    getClass: () => UndeclaredController,
    switchToHttp: () => ({ getRequest: () => ({ method: 'GET', url: '/api/v1/secret', headers: {} }) }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  it('refuses a route that declares no access rule, even without any token check', async () => {
    const guard = new AccessGuard(new Reflector(), {} as AuditService, {} as Db);
    await expect(guard.canActivate(contextFor(() => undefined))).rejects.toThrow(ForbiddenException);
  });

  it('lets a database outage during the token check through (a 503), instead of a 401 that signs the user out', () => {
    const guard = new AccessGuard(new Reflector(), {} as AuditService, {} as Db);
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(() => guard.handleRequest(outage, false)).toThrow(outage);
    expect(() => guard.handleRequest(new Error('jwt expired'), false)).toThrow(UnauthorizedException);
  });
});
