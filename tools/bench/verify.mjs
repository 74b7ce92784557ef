// The check phase, before anything is measured: both servers run once with capture-sql.cjs
// preloaded, each endpoint is asked of both, and the run stops unless
//   - the two answers are the same JSON (byte for byte, or at least deep-equal), and
//   - the two servers sent PostgreSQL the same statements in the same order (text and
//     parameters; for the write, whose parameters differ by design, text and parameter count).
// That is what makes the ratio honest: the baseline does all the database work the API does.
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { writeBody } from './endpoints.mjs';

function statements(file) {
  const text = readFileSync(file, 'utf8').trim();
  return text ? text.split('\n').map((line) => JSON.parse(line)) : [];
}

function clear(...files) {
  for (const file of files) writeFileSync(file, '');
}

async function call(server, method, path, session, body) {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: session.authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Where two JSON values first differ, as a path, or null. */
function firstDifference(a, b, path = '$') {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: API ${JSON.stringify(a)?.slice(0, 120)} / baseline ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference(a[key], b[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path}: differ`;
}

function compareBodies(what, api, baseline) {
  if (api.status !== 200 || baseline.status !== 200) {
    throw new Error(`${what}: expected 200 from both, got API ${api.status} ${api.text.slice(0, 200)} / baseline ${baseline.status} ${baseline.text.slice(0, 200)}`);
  }
  if (api.text === baseline.text) return 'byte-equal';
  const difference = firstDifference(JSON.parse(api.text), JSON.parse(baseline.text));
  if (difference) throw new Error(`${what}: the baseline's JSON differs from the API's at ${difference}`);
  return 'deep-equal (key order differs)';
}

function compareStatements(what, api, baseline, { exactValues }) {
  const n = Math.max(api.length, baseline.length);
  for (let i = 0; i < n; i++) {
    const a = api[i];
    const b = baseline[i];
    const sameValues = a && b && (exactValues ? isDeepStrictEqual(a.values, b.values) : a.values.length === b.values.length);
    if (!a || !b || a.text !== b.text || !sameValues || a.named !== b.named) {
      // Show both texts from a little before the first character where they part.
      let at = 0;
      while (a && b && at < a.text.length && a.text[at] === b.text[at]) at++;
      const from = Math.max(0, at - 60);
      const show = (s) =>
        s ? `${s.named ? '(named) ' : ''}${from ? '…' : ''}${s.text.slice(from, from + 300).replace(/\s+/g, ' ')} ${JSON.stringify(s.values).slice(0, 200)}` : '(none)';
      throw new Error(`${what}: statement ${i + 1} of ${api.length} (API) / ${baseline.length} (baseline) differs:\n  API:      ${show(a)}\n  baseline: ${show(b)}`);
    }
  }
  return api.length;
}

/**
 * @param servers { api, baseline } started with capture files { apiLog, baselineLog }
 * @param sessions { read, write }
 */
export async function verify({ servers, logs, sessions, endpoints, fixtures, options }) {
  const results = {};
  for (const endpoint of endpoints) {
    if (endpoint.write) {
      results[endpoint.name] = await verifyWrite({ servers, logs, session: sessions.write, project: fixtures.writable[0] });
      continue;
    }
    const path = endpoint.path(fixtures, options);
    const session = sessions[endpoint.account];
    clear(logs.api, logs.baseline);
    const api = await call(servers.api, 'GET', path, session);
    const baseline = await call(servers.baseline, 'GET', path, session);
    const body = compareBodies(endpoint.name, api, baseline);
    const count = compareStatements(endpoint.name, statements(logs.api), statements(logs.baseline), { exactValues: true });
    results[endpoint.name] = { body, bytes: Buffer.byteLength(api.text), statements: count };
  }
  return results;
}

/**
 * The write changes what it reads, so the two servers cannot answer the same request: the API
 * writes, the baseline must then read exactly what the API answered; the baseline writes, the
 * API must then read exactly what the baseline answered. Then both refuse a stale version alike.
 */
async function verifyWrite({ servers, logs, session, project }) {
  const path = `/api/v1/projects/${project.id}`;
  const start = await call(servers.api, 'GET', path, session);
  const version = JSON.parse(start.text).version;

  clear(logs.api, logs.baseline);
  const apiWrite = await call(servers.api, 'PATCH', path, session, writeBody(version, 'check-api'));
  const apiStatements = statements(logs.api);
  const baselineRead = await call(servers.baseline, 'GET', path, session);
  const body = compareBodies('project-update (API write, baseline read)', apiWrite, baselineRead);

  clear(logs.api, logs.baseline);
  const baselineWrite = await call(servers.baseline, 'PATCH', path, session, writeBody(version + 1, 'check-baseline'));
  const baselineStatements = statements(logs.baseline);
  const apiRead = await call(servers.api, 'GET', path, session);
  compareBodies('project-update (baseline write, API read)', apiRead, baselineWrite);
  const count = compareStatements('project-update', apiStatements, baselineStatements, { exactValues: false });

  const apiStale = await call(servers.api, 'PATCH', path, session, writeBody(version, 'stale'));
  const baselineStale = await call(servers.baseline, 'PATCH', path, session, writeBody(version, 'stale'));
  const current = [apiStale, baselineStale].map((r) => (r.status === 409 ? JSON.parse(r.text).currentVersion : `status ${r.status}`));
  if (current[0] !== version + 2 || current[1] !== version + 2) {
    throw new Error(`project-update: a stale version should be a 409 with currentVersion ${version + 2}; API ${current[0]}, baseline ${current[1]}`);
  }
  return { body, bytes: Buffer.byteLength(apiWrite.text), statements: count };
}
