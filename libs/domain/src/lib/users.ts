import type { Role } from './permissions';

/** An account as the administrators' list shows it. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  comuneId: string | null;
  comuneName: string | null;
  active: boolean;
  /** Whether the account has set its password through the activation link. */
  activated: boolean;
  totpEnabled: boolean;
  /** Optimistic-locking version: send it back with a change. */
  version: number;
}

/** `POST /api/v1/users` (administrators). */
export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  /** Required for referents, absent for the other roles. */
  comuneId?: string | null;
}

export interface CreateUserResponse {
  user: UserSummary;
  /** One-time link to set the password; show it to the administrator, who passes it on. */
  activationUrl: string;
  activationExpiresAt: string;
}

/** `PATCH /api/v1/users/:id` (administrators): the fields to change, and the version they saw. */
export interface UpdateUserRequest {
  version: number;
  name?: string;
  role?: Role;
  comuneId?: string | null;
  active?: boolean;
}

/** `POST /api/v1/auth/activate` (public: the token is the credential). */
export interface ActivateAccountRequest {
  token: string;
  password: string;
}

/** `POST /api/v1/auth/password` */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `PATCH /api/v1/auth/me` */
export interface UpdateProfileRequest {
  name: string;
}

/** One line of the audit trail, as `GET /api/v1/audit-events` lists it. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: Role | null;
  comuneId: string | null;
  comuneName: string | null;
  entityType: string | null;
  entityId: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  ip: string | null;
  detail: string | null;
}
