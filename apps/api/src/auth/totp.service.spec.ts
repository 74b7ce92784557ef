import { Secret, TOTP } from 'otpauth';
import { TotpService } from './totp.service';

const service = new TotpService();
const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: ms });

describe('TotpService', () => {
  const secret = service.newSecret();
  const now = 1_800_000_000_000;

  it('accepts the current code and its neighbours, and refuses others', () => {
    expect(service.check(secret, codeAt(secret, now), null, now)).toEqual({ counter: 60_000_000 });
    expect(service.check(secret, codeAt(secret, now - 30_000), null, now)).toEqual({ counter: 59_999_999 });
    expect(service.check(secret, codeAt(secret, now - 120_000), null, now)).toBeNull();
    expect(service.check(secret, '12345', null, now)).toBeNull();
  });

  it('never accepts a code twice', () => {
    const first = service.check(secret, codeAt(secret, now), null, now);
    expect(first).not.toBeNull();
    expect(service.check(secret, codeAt(secret, now), first?.counter ?? null, now)).toBeNull();
  });

  it('makes ten distinct recovery codes, stored as hashes', () => {
    const { codes, hashes } = service.newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(service.isRecoveryCode(code)).toBe(true);
    expect(hashes[0]).toBe(service.hashRecoveryCode(codes[0]?.toUpperCase() ?? ''));
  });

  it('writes an otpauth URL an authenticator app reads', () => {
    expect(service.otpauthUrl(secret, 'a@b.it')).toMatch(/^otpauth:\/\/totp\/Coopera:a%40b\.it\?issuer=Coopera&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/);
  });
});
