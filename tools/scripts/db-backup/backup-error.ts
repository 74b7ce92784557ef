/** A failure the operator can act on: its message is the one line `db:backup`/`db:restore` print. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}
