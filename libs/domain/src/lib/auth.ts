import type { Permission, Role } from './permissions';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** `POST /api/v1/auth/login` */
export interface LoginRequest {
  email: string;
  password: string;
  /** The 6-digit code of the authenticator app, or a recovery code, when the account uses TOTP. */
  totp?: string;
}

/** Who is signed in, as `GET /api/v1/auth/me` and the sign-in answer describe them. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The Comune a referent belongs to; null for the other roles. */
  comuneId: string | null;
  comuneName: string | null;
  /** What the role may do: drives what the web app shows (the API is the real guard). */
  permissions: Permission[];
}

/**
 * Answer of sign-in and refresh. The refresh token travels only in an HttpOnly cookie scoped to
 * `/api/v1/auth`, never in a body.
 */
export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: CurrentUser;
}

/** The problem `type` of a sign-in that needs the second factor: ask for the code and retry. */
export const TOTP_REQUIRED_PROBLEM_TYPE = 'urn:coopera:problem:totp-required';

export const DEMO_ACCOUNTS: readonly { email: string; role: Role; comune: string | null }[] = [
  { email: 'admin@coopera.example', role: 'ADMIN', comune: null },
  { email: 'segreteria@coopera.example', role: 'SECRETARIAT', comune: null },
  { email: 'servizio.centrale@coopera.example', role: 'SERVIZIO_CENTRALE', comune: null },
  { email: 'referente.palermo@coopera.example', role: 'COMUNE_REFERENT', comune: 'Palermo' },
  { email: 'referente.canicattini@coopera.example', role: 'COMUNE_REFERENT', comune: 'Canicattini Bagni' },
];
