import { createHash } from 'node:crypto';

/** Hex SHA-256: how high-entropy secrets (refresh, activation, recovery tokens) are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
