// What the benchmark reads and writes, found in the dataset through the owner connection: the
// accounts, the project and meeting to read, the projects to write, and afterwards the tidy-up of
// those writes. As in the demo seed, the owner acts as an administrator, because a non-superuser
// owner is bound by the forced row-level security too.
import pg from 'pg';

export async function withOwner(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'coopera-bench' });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to ${redact(databaseUrl)}: ${error.message}. Load the national dataset first (npm run seed:national) or pass --database-url.`,
    );
  }
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.role', 'ADMIN', true)`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The URL without its password, for printing and for the results file. */
export function redact(databaseUrl) {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

export async function loadFixtures(options) {
  return withOwner(options.databaseUrl, async (db) => {
    const migrated = (await db.query(`SELECT to_regclass('public.projects') IS NOT NULL AS ok`)).rows[0].ok;
    if (!migrated) throw new Error(`${redact(options.databaseUrl)} has no Coopera schema: run npm run seed:national (or pass --database-url).`);
    // The shortest address is the well-known one (servizio.centrale@…, not servizio.centrale.2@…).
    const firstAccount = async (role) =>
      (
        await db.query(
          `SELECT email FROM users WHERE role = $1 AND active AND password_hash IS NOT NULL ORDER BY length(email), email LIMIT 1`,
          [role],
        )
      ).rows[0]?.email ?? null;
    const account = options.account ?? (await firstAccount('SERVIZIO_CENTRALE'));
    const writeAccount = options.writeAccount ?? (await firstAccount('SECRETARIAT'));
    // The heaviest ordinary read: the open project with the most associated Comuni, enti,
    // ampliamenti and proroghe (each is a statement's rows and a part of the JSON).
    const projectId =
      options.projectId ??
      (
        await db.query(`
          SELECT p.id FROM projects p WHERE p.status <> 'CLOSED'
          ORDER BY (SELECT count(*) FROM project_associated_comuni a WHERE a.project_id = p.id)
                 + (SELECT count(*) FROM project_enti_gestori e WHERE e.project_id = p.id)
                 + (SELECT count(*) FROM project_expansions x WHERE x.project_id = p.id)
                 + (SELECT count(*) FROM project_extensions x WHERE x.project_id = p.id) DESC, p.code
          LIMIT 1`)
      ).rows[0]?.id;
    // The plenary: the meeting with the most invitations to count, then the longest agenda.
    const meetingId =
      options.meetingId ??
      (
        await db.query(`
          SELECT m.id FROM meetings m
          ORDER BY (SELECT count(*) FROM meeting_invitations i WHERE i.meeting_id = m.id) DESC,
                   (SELECT count(*) FROM meeting_agenda_items a WHERE a.meeting_id = m.id) DESC, m.id
          LIMIT 1`)
      ).rows[0]?.id;
    // Four projects per connection: a connection never waits for a project another one holds.
    const writable = (
      await db.query(
        `SELECT id, code, version, responsible_officer AS "responsibleOfficer" FROM projects WHERE status <> 'CLOSED' ORDER BY code LIMIT $1`,
        [options.connections * 4],
      )
    ).rows;
    const counts = (
      await db.query(`
        SELECT (SELECT count(*) FROM comuni)::int AS comuni, (SELECT count(*) FROM projects)::int AS projects,
               (SELECT count(*) FROM enti_gestori)::int AS "entiGestori", (SELECT count(*) FROM meetings)::int AS meetings,
               (SELECT count(*) FROM meeting_invitations)::int AS invitations, (SELECT count(*) FROM audit_events)::int AS "auditEvents",
               (SELECT count(*) FROM users)::int AS users`)
    ).rows[0];
    const missing = [
      [account, 'an active SERVIZIO_CENTRALE account (--account)'],
      [writeAccount, 'an active SECRETARIAT account (--write-account)'],
      [projectId, 'an open project'],
      [meetingId, 'a meeting'],
    ].filter(([value]) => !value);
    if (missing.length) throw new Error(`The dataset lacks ${missing.map(([, what]) => what).join(', ')}.`);
    return { account, writeAccount, projectId, meetingId, writable, counts, database: (await db.query('SELECT current_database() AS d')).rows[0].d };
  });
}

/** The committed version of each project: the starting point of a write run. */
export async function currentVersions(databaseUrl, ids) {
  return withOwner(databaseUrl, async (db) => {
    const rows = (await db.query(`SELECT id, version FROM projects WHERE id = ANY($1::uuid[])`, [ids])).rows;
    const byId = new Map(rows.map((r) => [r.id, r.version]));
    return ids.map((id) => ({ id, version: byId.get(id) }));
  });
}

/**
 * Puts back the responsible officers the write runs changed and removes the audit events they
 * added, so that the dataset stays what the seed made (versions and update times stay bumped).
 */
export async function undoWrites(databaseUrl, writable, writerEmail, since) {
  return withOwner(databaseUrl, async (db) => {
    await db.query(
      `UPDATE projects p SET responsible_officer = o.officer
       FROM unnest($1::uuid[], $2::text[]) AS o(id, officer) WHERE p.id = o.id`,
      [writable.map((p) => p.id), writable.map((p) => p.responsibleOfficer)],
    );
    const removed = await db.query(
      `DELETE FROM audit_events WHERE action = 'project.update' AND occurred_at >= $1
         AND actor_id = (SELECT id FROM users WHERE email = $2) AND entity_id = ANY($3::text[])`,
      [since, writerEmail, writable.map((p) => p.id)],
    );
    return removed.rowCount;
  });
}
