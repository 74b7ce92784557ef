import { LoginResponse, TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE, TotpSetup } from '@coopera/domain';
import { Secret, TOTP } from 'otpauth';
import { aUser, signIn } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TOTP_REQUIRED_ROLES: 'ADMIN,SECRETARIAT' });
});
afterAll(() => t.close());

describe('roles that must use a second factor', () => {
  it('can only set it up until they have', async () => {
    const admin = await aUser(t, 'ADMIN');
    const res = await t.http.post('/api/v1/auth/login').send({ email: admin.email, password: 'una-password-lunga-e-sicura' }).expect(200);
    const session = res.body as LoginResponse;
    expect(session.user).toMatchObject({ totpEnabled: false, totpEnrollmentRequired: true });
    const auth = { authorization: `Bearer ${session.accessToken}` };

    const blocked = await t.http.get('/api/v1/users').set(auth).expect(403);
    expect(blocked.body).toMatchObject({ type: TOTP_ENROLLMENT_REQUIRED_PROBLEM_TYPE });
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);

    const setup = (await t.http.post('/api/v1/auth/totp/setup').set(auth).expect(200)).body as TotpSetup;
    const code = new TOTP({ secret: Secret.fromBase32(setup.secret) }).generate();
    await t.http.post('/api/v1/auth/totp/enable').set(auth).send({ code }).expect(200);
    await t.http.get('/api/v1/users').set(auth).expect(200);
  });

  it('does not concern the other roles', async () => {
    const referent = await aUser(t, 'COMUNE_REFERENT');
    const { token } = await signIn(t, referent);
    const me = await t.http.get('/api/v1/auth/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ totpEnrollmentRequired: false });
  });
});
