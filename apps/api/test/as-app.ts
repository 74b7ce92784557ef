import { Client } from 'pg';
import { DbActor } from '../src/database/db-context';
import { TestUser } from './factories';
import { TestApp } from './test-app';

export const actorOf = (u: TestUser): DbActor => ({ userId: u.id, role: u.role, comuneId: u.comuneId });

/**
 * Runs `work` as the application role (never a superuser: superusers bypass row-level security)
 * inside one transaction with `actor`'s context, then rolls it back.
 */
export async function asApp<T>(t: TestApp, actor: DbActor, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: t.appUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true), set_config('app.comune_id', $3, true),
              set_config('app.purpose', $4, true)`,
      [actor.userId ?? '', actor.role ?? '', actor.comuneId ?? '', actor.purpose ?? ''],
    );
    return await work(client);
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
