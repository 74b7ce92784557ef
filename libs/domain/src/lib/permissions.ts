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
  /** Private fields of every Comune: profile notes, project contacts and acts, memberships. */
  'network:read-private',
  'enti:manage',
  'projects:write-own',
  'projects:write-any',
  'memberships:request-own',
  'memberships:decide',
  'working-groups:manage',
  /** Every meeting, drafts included. */
  'meetings:read-all',
  'meetings:manage',
  /** Answer the invitations of one's own Comune. */
  'meetings:answer-own',
  /** Share practices in the library for one's own Comune, and edit them. */
  'practices:publish-own',
  /** Share for any Comune or for the coordination, and edit every practice. */
  'practices:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_NETWORK: readonly Permission[] = ['comuni:read'];
/** What the secretariat does, and admins with it. */
const COORDINATE: readonly Permission[] = [
  'network:read-private',
  'comuni:update-any',
  'audit:read',
  'enti:manage',
  'projects:write-any',
  'memberships:decide',
  'working-groups:manage',
  'meetings:read-all',
  'meetings:manage',
  'practices:manage',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: [...READ_NETWORK, ...COORDINATE, 'users:manage'],
  SECRETARIAT: [...READ_NETWORK, ...COORDINATE],
  SERVIZIO_CENTRALE: [...READ_NETWORK, 'network:read-private', 'meetings:read-all'],
  COMUNE_REFERENT: [...READ_NETWORK, 'comuni:update-own', 'projects:write-own', 'memberships:request-own', 'meetings:answer-own', 'practices:publish-own'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
