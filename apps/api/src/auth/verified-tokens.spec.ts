import { createSecretKey } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { installVerifiedTokens, JwtVerifier, VerifiedTokens } from './verified-tokens';

const OPTIONS = { algorithms: ['HS256' as const], issuer: 'coopera', audience: 'coopera-api' };
const keyA = createSecretKey(Buffer.from('the first key of thirty-two bytes!!', 'utf8'));
const keyB = createSecretKey(Buffer.from('another key, also thirty-two bytes', 'utf8'));

function tokenFor(key: typeof keyA, expiresInSeconds = 900, sub = 'u-1'): string {
  return sign({ sub, role: 'SECRETARIAT' }, key, { algorithm: 'HS256', issuer: 'coopera', audience: 'coopera-api', expiresIn: expiresInSeconds });
}

/** jsonwebtoken's verify, as passport-jwt calls it, counting its calls. */
function countingVerifier(): { verifier: JwtVerifier; calls: () => number } {
  let calls = 0;
  const verifier: JwtVerifier = (token, key, options, done) => {
    calls++;
    verify(token, key as typeof keyA, options, (error, payload) => done(error, payload as object | undefined));
  };
  return { verifier, calls: () => calls };
}

function check(tokens: VerifiedTokens, token: string, key: object): Promise<{ error: Error | null; payload?: object }> {
  return new Promise((resolve) => tokens.verifier(token, key, OPTIONS, (error, payload) => resolve({ error, payload })));
}

describe('VerifiedTokens', () => {
  let now = Math.floor(Date.now() / 1000);
  const clock = () => now;
  beforeEach(() => (now = Math.floor(Date.now() / 1000)));

  it('verifies a token once, then answers the same payload from memory', async () => {
    const inner = countingVerifier();
    const tokens = new VerifiedTokens(inner.verifier, 10, clock);
    const token = tokenFor(keyA);
    const first = await check(tokens, token, keyA);
    const second = await check(tokens, token, keyA);
    expect(first.error).toBeNull();
    expect(second).toEqual(first);
    expect(second.payload).toMatchObject({ sub: 'u-1', role: 'SECRETARIAT', iss: 'coopera', aud: 'coopera-api' });
    expect(Object.isFrozen(second.payload)).toBe(true);
    expect(inner.calls()).toBe(1);
  });

  it('verifies again once the token has expired, and refuses it as jsonwebtoken does', async () => {
    const inner = countingVerifier();
    const tokens = new VerifiedTokens(inner.verifier, 10, clock);
    const token = tokenFor(keyA, 60);
    expect((await check(tokens, token, keyA)).error).toBeNull();
    now += 59;
    expect((await check(tokens, token, keyA)).error).toBeNull();
    expect(inner.calls()).toBe(1);
    now += 1; // exp is the first second in which the token is no longer valid
    jest.useFakeTimers({ now: now * 1000 });
    try {
      const expired = await check(tokens, token, keyA);
      expect(expired.error?.name).toBe('TokenExpiredError');
    } finally {
      jest.useRealTimers();
    }
    expect(inner.calls()).toBe(2);
  });

  it('never accepts a token for a key it was not verified with', async () => {
    const inner = countingVerifier();
    const tokens = new VerifiedTokens(inner.verifier, 10, clock);
    const token = tokenFor(keyA);
    expect((await check(tokens, token, keyA)).error).toBeNull();
    expect((await check(tokens, token, keyB)).error?.message).toBe('invalid signature');
    expect(inner.calls()).toBe(2);
  });

  it('keeps no refusal: a tampered token is verified, and refused, every time', async () => {
    const inner = countingVerifier();
    const tokens = new VerifiedTokens(inner.verifier, 10, clock);
    const [header, , signature] = tokenFor(keyA).split('.');
    const forged = [header, Buffer.from(JSON.stringify({ sub: 'u-2', role: 'ADMIN', exp: now + 900 })).toString('base64url'), signature].join('.');
    expect((await check(tokens, forged, keyA)).error?.message).toBe('invalid signature');
    expect((await check(tokens, forged, keyA)).error?.message).toBe('invalid signature');
    expect(inner.calls()).toBe(2);
  });

  it('holds at most its limit, forgetting the oldest first', async () => {
    const inner = countingVerifier();
    const tokens = new VerifiedTokens(inner.verifier, 2, clock);
    const [t1, t2, t3] = ['u-1', 'u-2', 'u-3'].map((sub) => tokenFor(keyA, 900, sub));
    for (const token of [t1, t2, t3]) await check(tokens, token, keyA);
    expect(inner.calls()).toBe(3);
    await check(tokens, t3, keyA);
    await check(tokens, t2, keyA);
    expect(inner.calls()).toBe(3);
    await check(tokens, t1, keyA); // forgotten when t3 came
    expect(inner.calls()).toBe(4);
  });

  it('is installed once as passport-jwt’s verifier, around jsonwebtoken', async () => {
    const strategy = Strategy as unknown as { JwtVerifier: JwtVerifier };
    const installed = installVerifiedTokens();
    expect(strategy.JwtVerifier).toBe(installed.verifier);
    expect(installVerifiedTokens()).toBe(installed); // not wrapped twice
    expect(strategy.JwtVerifier).toBe(installed.verifier);
    expect((await check(installed, tokenFor(keyA), keyA)).payload).toMatchObject({ sub: 'u-1' });
    expect((await check(installed, tokenFor(keyB), keyA)).error?.message).toBe('invalid signature');
  });
});
