import { Role } from '@coopera/domain';
import type { User } from '../users/user.entity';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The signed-in user of a request, as read from the database at this very request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  comuneId: string | null;
  comuneName: string | null;
  totpEnabled: boolean;
  /** The role must use a second factor and none is set up yet. */
  totpEnrollmentRequired: boolean;
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

/** What the session needs of an account: the entity, or the row `auth_account` answers. */
export type AccountView = Pick<User, 'id' | 'email' | 'name' | 'role' | 'comuneId' | 'totpEnabledAt'> & { comune?: { name: string } | null };

export function toAuthenticatedUser(user: AccountView, totpRequiredRoles: readonly Role[]): AuthenticatedUser {
  const totpEnabled = user.totpEnabledAt !== null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    comuneId: user.comuneId,
    comuneName: user.comune?.name ?? null,
    totpEnabled,
    totpEnrollmentRequired: !totpEnabled && totpRequiredRoles.includes(user.role),
  };
}
