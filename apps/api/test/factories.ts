import { Role } from '@coopera/domain';
import { randomUUID } from 'node:crypto';
import { PasswordService } from '../src/auth/password.service';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'una-password-lunga-e-sicura';
const passwords = new PasswordService();
let hashed: Promise<string> | null = null;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  comuneId: string | null;
}

/** The id of a Comune by ISTAT code (reference data is in every test database). */
export async function comuneId(t: TestApp, istatCode: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('SELECT id FROM comuni WHERE istat_code = $1', [istatCode]);
  if (!row) throw new Error(`No Comune ${istatCode}`);
  return row.id;
}

export const PALERMO = '082053';
export const CANICATTINI = '089005';

/** An account, written as the owner (the superuser or owner of the test database). */
export async function aUser(
  t: TestApp,
  role: Role,
  options: { comune?: string; active?: boolean; password?: string } = {},
): Promise<TestUser> {
  const comune = role === 'COMUNE_REFERENT' ? await comuneId(t, options.comune ?? PALERMO) : null;
  const hash = options.password ? await passwords.hash(options.password) : await (hashed ??= passwords.hash(TEST_PASSWORD));
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.example`;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO users (email, name, role, comune_id, active, password_hash, version)
     VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id`,
    [email, `Test ${role}`, role, comune, options.active ?? true, hash],
  );
  if (!row) throw new Error('user not created');
  return { id: row.id, email, role, comuneId: comune };
}

/** Signs in through the API; returns the access token and the refresh cookie. */
export async function signIn(t: TestApp, user: TestUser, password = TEST_PASSWORD): Promise<{ token: string; cookie: string }> {
  const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password }).expect(200);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('coopera_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return { token: (res.body as { accessToken: string }).accessToken, cookie: cookie.split(';')[0] ?? '' };
}
