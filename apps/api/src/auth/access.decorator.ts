import { Permission } from '@coopera/domain';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problem';

export const ACCESS_RULE = 'coopera:access';
export const NO_TRANSACTION = 'coopera:no-transaction';
export const DURING_TOTP_ENROLLMENT = 'coopera:during-totp-enrollment';

/** Who may call a route. Every route declares one; a route without one is refused (default deny). */
export type AccessRule =
  | { kind: 'public'; reason: string }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permissions: readonly Permission[] };

/** Anyone, signed in or not. The reason is part of the reviewed route list. */
export const Public = (reason: string) => SetMetadata(ACCESS_RULE, { kind: 'public', reason } satisfies AccessRule);

/** Any signed-in user, whatever the role. */
export const Authenticated = () =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule), ApiBearerAuth(), ApiProblems(401));

/**
 * Signed-in users whose role grants one of `permissions` (see ROLE_PERMISSIONS in @coopera/domain).
 * With an `-own` permission among them, the handler still checks that the record is the caller's.
 */
export const RequirePermission = (...permissions: [Permission, ...Permission[]]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'permission', permissions } satisfies AccessRule),
    ApiBearerAuth(),
    ApiProblems(401, 403),
  );

/** The route manages its own transactions (sign-in) or must work without the database (health). */
export const WithoutTransaction = () => SetMetadata(NO_TRANSACTION, true);

export function describeRule(rule: AccessRule | undefined): string {
  if (!rule) return 'NONE (denied)';
  if (rule.kind === 'public') return `public (${rule.reason})`;
  if (rule.kind === 'authenticated') return 'authenticated';
  return `permission ${rule.permissions.join(' or ')}`;
}

/** Reachable by a user who must still set up the second factor (the set-up itself, who am I). */
export const AllowedDuringTotpEnrollment = () => SetMetadata(DURING_TOTP_ENROLLMENT, true);
