import { Role } from '@coopera/domain';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The signed-in user of a request, as read from the database at this very request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  comuneId: string | null;
  comuneName: string | null;
}

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  cid: string | null;
}

export const JWT_ISSUER = 'coopera';
export const JWT_AUDIENCE = 'coopera-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** `@CurrentUser() user: AuthenticatedUser` in a handler of an authenticated route. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  if (!user) throw new Error('CurrentUser used on a route that is not authenticated');
  return user;
});
