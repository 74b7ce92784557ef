// The flood of load.faults-spec.ts, in a process of its own so that the test's probes measure the
// API, not a client starved of CPU: CONNECTIONS clients arriving within a second, each asking again
// as soon as it is answered, or once the Retry-After of a 503 has passed (what the header asks of
// clients, and what well-behaved ones and load balancers do). Prints one JSON line of figures.
//
//   node load-flood.mjs URL TOKEN CONNECTIONS DURATION_MS TIMEOUT_MS
import { Agent, request } from 'node:http';

const [url, token, connections, durationMs, timeoutMs] = process.argv.slice(2);
const CONNECTIONS = Number(connections);
const TIMEOUT_MS = Number(timeoutMs);
const deadline = Date.now() + Number(durationMs);
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const figures = { statuses: {}, timedOut: 0, failed: 0, failures: {}, shedMs: [], okMs: [], badShedAnswers: [] };

function send() {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, ms: Date.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

async function client(i) {
  await new Promise((resolve) => setTimeout(resolve, (i * 1000) / CONNECTIONS));
  while (Date.now() < deadline) {
    try {
      const answer = await send();
      figures.statuses[answer.status] = (figures.statuses[answer.status] ?? 0) + 1;
      if (answer.status !== 503) {
        figures.okMs.push(answer.ms);
        continue;
      }
      figures.shedMs.push(answer.ms);
      const problem = String(answer.headers['content-type']).startsWith('application/problem+json');
      if ((!answer.headers['retry-after'] || !problem) && figures.badShedAnswers.length < 3) figures.badShedAnswers.push(answer.headers);
      await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 0) * 1000));
    } catch (error) {
      if (error.message === 'timed out') figures.timedOut++;
      else {
        figures.failed++;
        figures.failures[error.code ?? error.message] = (figures.failures[error.code ?? error.message] ?? 0) + 1;
      }
    }
  }
}

const p99 = (list) => list.sort((a, b) => a - b)[Math.floor(0.99 * list.length)] ?? 0;

await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => client(i)));
agent.destroy();
const { shedMs, okMs, ...rest } = figures;
process.stdout.write(JSON.stringify({ ...rest, shedP99: p99(shedMs), okP99: p99(okMs) }));
