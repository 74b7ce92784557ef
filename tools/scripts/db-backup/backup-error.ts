/** A failure the operator can act on: its message is the one line `db:backup`/`db:restore` print. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * An error's message. Not `instanceof Error`: errors of Node's own modules come from another
 * realm under jest, and would print as "Error: …".
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
