export const ROLES = ['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every permission the API checks. The same map drives the API guards and what the
 * web app shows, so the two can never disagree about who may do what.
 */
export const PERMISSIONS = [
  'comuni:read',
  'comuni:update-own',
  'comuni:update-any',
  'users:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_NETWORK: readonly Permission[] = ['comuni:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: [...READ_NETWORK, 'comuni:update-any', 'users:manage', 'audit:read'],
  SECRETARIAT: [...READ_NETWORK, 'comuni:update-any', 'audit:read'],
  SERVIZIO_CENTRALE: [...READ_NETWORK],
  COMUNE_REFERENT: [...READ_NETWORK, 'comuni:update-own'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
