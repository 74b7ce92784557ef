import { isValidPartitaIva, Role } from '@coopera/domain';
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

/** A partita IVA nobody else has (random, with its check digit). */
export function aTaxCode(): string {
  for (;;) {
    const base = String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
    for (let d = 0; d <= 9; d++) if (isValidPartitaIva(base + d)) return base + d;
  }
}

export interface TestProject {
  id: string;
  comuneId: string;
  code: string;
  version: number;
}

/** A project, written as the owner; ORDINARI by default, in the given Comune (ISTAT code). */
export async function aProject(
  t: TestApp,
  istatCode: string,
  options: { category?: string; status?: string; posti?: number; associated?: string[] } = {},
): Promise<TestProject> {
  const comune = await comuneId(t, istatCode);
  const code = `TEST-${randomUUID().slice(0, 8)}`;
  const closed = options.status === 'CLOSED';
  const posti = options.posti ?? 20;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO projects (comune_id, code, title, category, status, posti, posti_total, start_date, end_date, effective_end_date,
                           responsible_officer, mailbox, services, closed_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $6, '2026-01-01', '2028-12-31', '2028-12-31', 'Dott. Test', 'sai@test.example',
             '{ACCOGLIENZA_MATERIALE}', $7, 1) RETURNING id`,
    [comune, code, `Progetto ${code}`, options.category ?? 'ORDINARI', options.status ?? 'ACTIVE', posti, closed ? new Date() : null],
  );
  if (!row) throw new Error('project not created');
  for (const associated of options.associated ?? []) {
    await t.sql(`INSERT INTO project_associated_comuni (project_id, comune_id, associated_comune_id) VALUES ($1, $2, $3)`, [
      row.id,
      comune,
      await comuneId(t, associated),
    ]);
  }
  return { id: row.id, comuneId: comune, code, version: 1 };
}

/** An ente gestore of the register, written as the owner. */
export async function anEnte(t: TestApp, name = `Cooperativa ${randomUUID().slice(0, 6)}`): Promise<{ id: string; taxCode: string; name: string }> {
  const taxCode = aTaxCode();
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO enti_gestori (name, tax_code, legal_form, version) VALUES ($1, $2, 'COOPERATIVA_SOCIALE', 1) RETURNING id`,
    [name, taxCode],
  );
  if (!row) throw new Error('ente not created');
  return { id: row.id, taxCode, name };
}

/** A membership of a Comune in the given status, written as the owner, with its history's first step. */
export async function aMembership(t: TestApp, istatCode: string, status = 'ACTIVE'): Promise<{ id: string; comuneId: string }> {
  const comune = await comuneId(t, istatCode);
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO memberships (comune_id, status, referent_name, requested_at, version) VALUES ($1, $2, 'Referente Test', now(), 1) RETURNING id`,
    [comune, status],
  );
  if (!row) throw new Error('membership not created');
  await t.sql(`INSERT INTO membership_events (membership_id, comune_id, from_status, to_status) VALUES ($1, $2, NULL, 'REQUESTED')`, [row.id, comune]);
  return { id: row.id, comuneId: comune };
}

/** A working group with the given member Comuni (ISTAT codes), written as the owner. */
export async function aWorkingGroup(t: TestApp, members: string[]): Promise<{ id: string; name: string }> {
  const name = `Tavolo ${randomUUID().slice(0, 8)}`;
  const [row] = await t.sql<{ id: string }>(`INSERT INTO working_groups (name, version) VALUES ($1, 1) RETURNING id`, [name]);
  if (!row) throw new Error('group not created');
  for (const istat of members) {
    await t.sql(`INSERT INTO working_group_members (working_group_id, comune_id) VALUES ($1, $2)`, [row.id, await comuneId(t, istat)]);
  }
  return { id: row.id, name };
}

/** The authorization header of a fresh user of `role` (a referent of `comune`, ISTAT code). */
export async function bearer(t: TestApp, role: Role, comune?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await signIn(t, await aUser(t, role, { comune }))).token}` };
}
