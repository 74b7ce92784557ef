// CPU time actually consumed during a run, read from /proc: by the server process (all its
// threads) and by the PostgreSQL backends of its pool. Unlike a profiler's samples, this does not
// count the time the process waited or was preempted, so it stays meaningful on a busy machine,
// and it shows where a request's cost lies: in the server's JavaScript, or in the database
// (which should cost the same for the API and the baseline, since they send the same SQL).
import { readFileSync } from 'node:fs';
import { withOwner } from './fixtures.mjs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** utime + stime of a process, in microseconds; null once it is gone. */
function cpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields we want follow its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function backendPids(databaseUrl, applicationName) {
  return withOwner(databaseUrl, async (db) =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [applicationName])).rows.map(
      (r) => r.pid,
    ),
  );
}

/**
 * Waits until no backend of the server's pool is busy in three checks in a row: the requests
 * still in flight when the load generator stopped have finished. A write run must start from
 * the versions they committed, and no run should start with the previous one's leftovers.
 */
export async function waitIdle(server, databaseUrl, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3 && Date.now() < deadline) {
    const busy = await withOwner(databaseUrl, async (db) =>
      Number(
        (
          await db.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND state <> 'idle'`,
            [server.applicationName],
          )
        ).rows[0].n,
      ),
    );
    quiet = busy === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A snapshot before a run; `since()` then gives the CPU used meanwhile, in microseconds. */
export async function cpuSnapshot(server, databaseUrl) {
  const pids = await backendPids(databaseUrl, server.applicationName);
  const backends = new Map(pids.map((pid) => [pid, cpuMicros(pid) ?? 0]));
  const serverStart = cpuMicros(server.child.pid);
  return {
    async since() {
      const serverCpu = cpuMicros(server.child.pid) - serverStart;
      // Backends opened during the run count from zero; one closed meanwhile is lost (rare:
      // the pools keep idle connections for 30 s and the warm-up has opened them).
      const now = await backendPids(databaseUrl, server.applicationName);
      let postgresCpu = 0;
      let readable = 0;
      for (const pid of now) {
        const micros = cpuMicros(pid);
        if (micros === null) continue; // a server on another machine: its processes are not ours to read
        readable++;
        postgresCpu += micros - (backends.get(pid) ?? 0);
      }
      return { serverCpu, postgresCpu: readable ? postgresCpu : null };
    },
  };
}
