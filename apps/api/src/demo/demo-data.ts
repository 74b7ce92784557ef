import { DEMO_ACCOUNTS } from '@coopera/domain';
import { Client } from 'pg';
import { PasswordService } from '../auth/password.service';
import { loadDemoMeetings } from './demo-meetings';
import { loadDemoPractices } from './demo-practices';
import { loadDemoRegistry } from './demo-registry';

const COMUNE_ISTAT: Record<string, string> = { Palermo: '082053', 'Canicattini Bagni': '089005' };

const NAMES: Record<string, string> = {
  'admin@coopera.example': 'Amministratore della piattaforma',
  'segreteria@coopera.example': 'Segreteria del coordinamento ANCI Sicilia',
  'servizio.centrale@coopera.example': 'Servizio Centrale SAI',
  'referente.palermo@coopera.example': 'Referente del Comune di Palermo',
  'referente.canicattini@coopera.example': 'Referente del Comune di Canicattini Bagni',
};

/**
 * One account per role (DESIGN.md, "Configuration"), only in demo mode. Idempotent: a restart
 * keeps the accounts and resets their password if COOPERA_DEMO_PASSWORD changed.
 */
export async function loadDemoData(ownerUrl: string, password: string): Promise<string[]> {
  const passwords = new PasswordService();
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Row-level security binds a non-superuser owner too: act as an administrator.
    await client.query(`SELECT set_config('app.role', 'ADMIN', true)`);
    const existing = await client.query<{ email: string; password_hash: string | null }>(
      'SELECT email, password_hash FROM users WHERE email = ANY($1)',
      [DEMO_ACCOUNTS.map((a) => a.email)],
    );
    const current = new Map(existing.rows.map((r) => [r.email, r.password_hash]));
    let hash: string | null = null;
    for (const account of DEMO_ACCOUNTS) {
      const stored = current.get(account.email);
      if (stored && (await passwords.verify(stored, password))) continue;
      hash ??= await passwords.hash(password);
      await client.query(
        `INSERT INTO users (email, name, role, comune_id, password_hash, version)
         VALUES ($1, $2, $3, (SELECT id FROM comuni WHERE istat_code = $4), $5, 1)
         ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, updated_at = now()`,
        [account.email, NAMES[account.email], account.role, account.comune ? COMUNE_ISTAT[account.comune] : null, hash],
      );
    }
    await loadDemoRegistry(client);
    await loadDemoMeetings(client);
    await loadDemoPractices(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role}${a.comune ? `, ${a.comune}` : ''})`);
}
