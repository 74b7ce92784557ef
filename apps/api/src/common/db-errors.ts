import { ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

/** The name of the unique constraint or index a failed write ran into, if that was why it failed. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as PgError;
  return driverError.code === '23505' ? (driverError.constraint ?? '') : null;
}

/**
 * Runs `write`; a unique violation of one of `conflicts`' constraints becomes a 409 with its
 * message (`fallback` for any other unique constraint, when given), anything else goes on.
 */
export async function conflictOnUnique<T>(write: () => Promise<T>, conflicts: Record<string, string>, fallback?: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = uniqueViolation(error);
    const message = constraint === null ? undefined : (conflicts[constraint] ?? fallback);
    if (message) throw new ConflictException(message);
    throw error;
  }
}
