import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../common/hash';
import { Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';

const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_CODE = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i;

export interface TotpCheck {
  /** The 30-second step the code belongs to, stored to refuse its replay. */
  counter: number;
}

/** RFC 6238 codes (SHA-1, 6 digits, 30 s: what every authenticator app reads) and recovery codes. */
@Injectable()
export class TotpService {
  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  otpauthUrl(secret: string, email: string): string {
    return this.totp(secret, email).toString();
  }

  async qrCodeDataUrl(url: string): Promise<string> {
    const svg = await qrToString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  }

  /** Accepts the current code and its neighbours (clock drift), never one at or before `lastCounter`. */
  check(secret: string, code: string, lastCounter: number | null, now = Date.now()): TotpCheck | null {
    if (!/^\d{6}$/.test(code)) return null;
    const delta = this.totp(secret, '').validate({ token: code, window: 1, timestamp: now });
    if (delta === null) return null;
    const counter = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    if (lastCounter !== null && counter <= lastCounter) return null;
    return { counter };
  }

  isRecoveryCode(code: string): boolean {
    return RECOVERY_CODE.test(code);
  }

  newRecoveryCodes(): { codes: string[]; hashes: string[] } {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12).toLowerCase();
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
    });
    return { codes, hashes: codes.map((c) => this.hashRecoveryCode(c)) };
  }

  hashRecoveryCode(code: string): string {
    return sha256(code.toLowerCase());
  }

  private totp(secret: string, label: string): TOTP {
    return new TOTP({ issuer: 'Coopera', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
  }
}
