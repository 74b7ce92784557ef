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
