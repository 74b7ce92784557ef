import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@coopera/domain';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Injectable } from '@nestjs/common';

/**
 * The package's `Algorithm` is a const enum with no runtime object: files compiled one by one
 * (the tests) cannot inline it, so the value is spelled here.
 */
export const ARGON2ID = 2 as Algorithm.Argon2id;

/** OWASP's argon2id minimum: 19 MiB of memory, two passes, one lane. */
export const ARGON2_PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const PARAMS_TAG = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;

// ~49,000 passwords seen in breaches (zxcvbn-ts' list), compared lower-case.
const COMMON_PASSWORDS = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

@Injectable()
export class PasswordService {
  /** Compared against when the account does not exist, so that timing does not reveal it. */
  private readonly decoy = hash('coopera-decoy-password', ARGON2_PARAMS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_PARAMS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoy);
    try {
      const ok = await verify(target, password);
      return ok && passwordHash !== null;
    } catch {
      return false; // a malformed stored hash never matches
    }
  }

  /** Stored with other parameters than today's: rehash at the next successful sign-in. */
  needsRehash(passwordHash: string): boolean {
    return !passwordHash.startsWith(PARAMS_TAG);
  }

  /** Why a new password is refused, or null when it is acceptable. */
  weakness(password: string, email?: string): string | null {
    if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
    if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
    if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'is among the most common passwords';
    if (email && password.toLowerCase().includes(email.split('@')[0]?.toLowerCase() ?? '\u0000')) {
      return 'must not contain the e-mail address';
    }
    return null;
  }
}
