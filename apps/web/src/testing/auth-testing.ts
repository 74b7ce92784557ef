import { CurrentUser, LoginResponse, ROLE_PERMISSIONS, Role } from '@coopera/domain';

/** A signed-in user of `role`, as the API describes them. */
export function aUser(role: Role = 'ADMIN', overrides: Partial<CurrentUser> = {}): CurrentUser {
  const referent = role === 'COMUNE_REFERENT';
  return {
    id: '4f1c7a8e-0000-4000-8000-000000000001',
    email: referent ? 'referente.palermo@coopera.example' : 'admin@coopera.example',
    name: referent ? 'Rosa Lombardo' : 'Giulia Amato',
    role,
    comuneId: referent ? '0b6f7f0e-1d5c-4a8e-9b1e-000000082053' : null,
    comuneName: referent ? 'Palermo' : null,
    permissions: [...ROLE_PERMISSIONS[role]],
    totpEnabled: false,
    totpEnrollmentRequired: false,
    ...overrides,
  };
}

/** The API's answer to a sign-in or refresh. */
export function aLoginResponse(user: CurrentUser = aUser(), accessToken = 'access-token-1'): LoginResponse {
  return { accessToken, expiresIn: 900, user };
}
