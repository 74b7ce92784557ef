import { LoginResponse, TOTP_REQUIRED_PROBLEM_TYPE, TotpEnabled, TotpSetup } from '@coopera/domain';
import { Secret, TOTP } from 'otpauth';
import { aUser, signIn, TEST_PASSWORD, TestUser } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The code an authenticator app shows `offsetSteps` periods from now. */
const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

const login = (user: TestUser, totp?: string) =>
  t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD, ...(totp ? { totp } : {}) });

async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { token } = await signIn(t, user);
  const auth = { authorization: `Bearer ${token}` };
  const setup = (await t.http.post('/api/v1/auth/totp/setup').set(auth).expect(200)).body as TotpSetup;
  const enabled = (await t.http.post('/api/v1/auth/totp/enable').set(auth).send({ code: codeFor(setup.secret) }).expect(200))
    .body as TotpEnabled;
  return { secret: setup.secret, recoveryCodes: enabled.recoveryCodes };
}

describe('second factor (TOTP)', () => {
  it('gives a QR code and a manual key, and enables only with a valid code', async () => {
    const user = await aUser(t, 'COMUNE_REFERENT');
    const { token } = await signIn(t, user);
    const auth = { authorization: `Bearer ${token}` };
    const setup = (await t.http.post('/api/v1/auth/totp/setup').set(auth).expect(200)).body as TotpSetup;
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(setup.otpauthUrl).toContain(encodeURIComponent(user.email));
    await t.http.post('/api/v1/auth/totp/enable').set(auth).send({ code: '000000' }).expect(401);
    await t.http.post('/api/v1/auth/totp/enable').set(auth).send({ code: 'abc' }).expect(400);
    const enabled = await t.http.post('/api/v1/auth/totp/enable').set(auth).send({ code: codeFor(setup.secret) }).expect(200);
    expect((enabled.body as TotpEnabled).recoveryCodes).toHaveLength(10);
    const me = await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ totpEnabled: true });
    await t.http.post('/api/v1/auth/totp/setup').set(auth).expect(409);
  });

  it('then asks for the code at sign-in, and refuses a wrong or replayed one', async () => {
    const user = await aUser(t, 'SECRETARIAT');
    const { secret } = await enrol(user);
    const missing = await login(user).expect(401);
    expect(missing.body).toMatchObject({ type: TOTP_REQUIRED_PROBLEM_TYPE });
    await login(user, '123456').expect(401);
    const code = codeFor(secret, 1); // the enrolment used the current step
    const ok = await login(user, code).expect(200);
    expect((ok.body as LoginResponse).user.totpEnabled).toBe(true);
    await login(user, code).expect(401); // the same code, replayed
  });

  it('accepts each recovery code once', async () => {
    const user = await aUser(t, 'ADMIN');
    const { recoveryCodes } = await enrol(user);
    const [first, second] = recoveryCodes;
    await login(user, first).expect(200);
    await login(user, first).expect(401);
    await login(user, second?.toUpperCase()).expect(200);
  });

  it('never stores the recovery codes themselves', async () => {
    const user = await aUser(t, 'ADMIN');
    const { recoveryCodes } = await enrol(user);
    const [row] = await t.sql<{ hashes: string }>('SELECT totp_recovery_hashes::text AS hashes FROM users WHERE id = $1', [user.id]);
    for (const code of recoveryCodes) expect(row?.hashes).not.toContain(code);
  });
});
