import { aUser } from './factories';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_LIMIT_PER_IP: '20', REFRESH_LIMIT_PER_IP: '5' });
});
afterAll(() => t.close());

describe('brute force', () => {
  it('limits sign-in attempts per account: 429 with Retry-After after ten', async () => {
    const user = await aUser(t, 'ADMIN');
    for (let i = 0; i < 10; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: `wrong-password-${i}` }).expect(401);
    }
    const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-x' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('limits sign-in attempts per client address across accounts', async () => {
    // 11 attempts were made above; the address allows 20 per window.
    for (let i = 0; i < 9; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: `someone-${i}@test.example`, password: 'wrong-password' }).expect(401);
    }
    await t.http.post('/api/v1/auth/login').send({ email: 'another@test.example', password: 'wrong-password' }).expect(429);
  });

  it('limits session refreshes per client address to REFRESH_LIMIT_PER_IP a minute', async () => {
    // Every page load of the web app asks for one; without a cookie the answer is 401, until the limit.
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/refresh').expect(401);
    const res = await t.http.post('/api/v1/auth/refresh').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends the RateLimit headers of the global limit', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(Number(res.headers['ratelimit-limit'])).toBe(600);
    expect(Number(res.headers['ratelimit-remaining'])).toBeLessThan(600);
  });
});
