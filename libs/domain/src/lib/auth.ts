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
  /** Signs in with a second factor (TOTP). */
  totpEnabled: boolean;
  /** The role must use a second factor and none is set up yet: everything else waits for it. */
  totpEnrollmentRequired: boolean;
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
/** The problem `type` of any request by a user who must first set up the second factor. */
export const TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE = 'urn:coopera:problem:totp-enrollment-required';

/** `POST /api/v1/auth/totp/setup`: scan the QR code, or type the key, into an authenticator app. */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** `data:image/svg+xml;base64,…` */
  qrCode: string;
}

/** `POST /api/v1/auth/totp/enable` with the first code; answers the recovery codes, shown once. */
export interface TotpEnableRequest {
  code: string;
}

export interface TotpEnabled {
  recoveryCodes: string[];
}

export const DEMO_ACCOUNTS: readonly { email: string; role: Role; comune: string | null }[] = [
  { email: 'admin@coopera.example', role: 'ADMIN', comune: null },
  { email: 'segreteria@coopera.example', role: 'SECRETARIAT', comune: null },
  { email: 'servizio.centrale@coopera.example', role: 'SERVIZIO_CENTRALE', comune: null },
  { email: 'referente.palermo@coopera.example', role: 'COMUNE_REFERENT', comune: 'Palermo' },
  { email: 'referente.canicattini@coopera.example', role: 'COMUNE_REFERENT', comune: 'Canicattini Bagni' },
];
