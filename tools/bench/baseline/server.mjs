// The raw baseline: node:http + a `pg` Pool answering the benchmark's five requests with the
// statements and the JSON of the API, and nothing else: no framework, no validation library, no
// logging, no security headers, no rate limiting. What the API costs beyond this is what its
// layers (NestJS, Fastify, class-validator, TypeORM, pino…) add to the same database work.
//
// Environment: PORT, DATABASE_APP_URL (the confined role, as the API's), JWT_SECRET, DB_POOL_SIZE,
// PG_APPLICATION_NAME.
import { createServer } from 'node:http';
import { authenticate, Unauthorized } from './auth.mjs';
import { createPool, end, serve } from './db.mjs';
import { dashboard } from './dashboard.mjs';
import { BadRequest, listComuni } from './directory.mjs';
import { getMeeting, NotSupported } from './meetings.mjs';
import { Conflict, Forbidden, getProject, Invalid, NotFound, updateProject } from './projects.mjs';

const port = Number(process.env.PORT ?? 3101);
const secret = process.env.JWT_SECRET ?? '';
const pool = createPool(process.env.DATABASE_APP_URL, Number(process.env.DB_POOL_SIZE ?? 10), process.env.PG_APPLICATION_NAME);

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const READERS = new Set(['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE', 'COMUNE_REFERENT']); // comuni:read
const PROJECT_WRITERS = new Set(['ADMIN', 'SECRETARIAT', 'COMUNE_REFERENT']); // projects:write-any or -own

/** [method, path pattern, roles allowed, handler(client, match, url, user, body)] */
const ROUTES = [
  ['GET', new RegExp('^/api/v1/comuni$'), READERS, (c, _m, url) => listComuni(c, url.searchParams)],
  ['GET', new RegExp(`^/api/v1/projects/(${UUID})$`), READERS, (c, m, _u, user) => getProject(c, m[1], user)],
  ['PATCH', new RegExp(`^/api/v1/projects/(${UUID})$`), PROJECT_WRITERS, (c, m, _u, user, body) => updateProject(c, m[1], body, user)],
  ['GET', new RegExp(`^/api/v1/meetings/(${UUID})$`), READERS, (c, m, _u, user) => getMeeting(c, m[1], user)],
  ['GET', new RegExp('^/api/v1/stats/dashboard$'), READERS, (c, _m, url, user) => dashboard(c, url.searchParams, user)],
];

function send(res, status, body, type = 'application/json; charset=utf-8') {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function problem(res, status, detail, extra = {}) {
  send(res, status, { title: detail, status, detail, ...extra }, 'application/problem+json; charset=utf-8');
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://baseline');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  const route = ROUTES.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
  if (!route) return problem(res, 404, `No route ${req.method} ${url.pathname}`);
  const [, pattern, roles, handler] = route;
  const body = req.method === 'GET' ? undefined : await readBody(req);
  try {
    const { user, client } = await authenticate(pool, secret, req.headers.authorization);
    if (!roles.has(user.role)) {
      await end(client);
      return problem(res, 403, 'Your role may not do this.');
    }
    let parsed;
    try {
      parsed = body === undefined ? undefined : JSON.parse(body);
    } catch (error) {
      await end(client);
      throw error;
    }
    const match = url.pathname.match(pattern);
    const result = await serve(client, (c) => handler(c, match, url, user, parsed), req.method === 'GET');
    return send(res, 200, result);
  } catch (error) {
    if (error instanceof Unauthorized) return problem(res, 401, 'Missing, invalid or expired access token.');
    if (error instanceof NotFound) return problem(res, 404, error.message);
    if (error instanceof Forbidden) return problem(res, 403, error.message);
    if (error instanceof Conflict) return problem(res, 409, error.message, error.extra);
    if (error instanceof BadRequest || error instanceof Invalid || error instanceof SyntaxError) return problem(res, 400, error.message);
    if (error instanceof NotSupported) return problem(res, 501, error.message);
    process.stderr.write(`baseline: ${error instanceof Error ? error.stack : String(error)}\n`);
    return problem(res, 500, 'Internal error');
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    process.stderr.write(`baseline: ${error.stack}\n`);
    if (!res.headersSent) problem(res, 500, 'Internal error');
  });
});
// As Fastify's defaults: keep-alive connections stay open between the load generator's requests.
server.keepAliveTimeout = 72_000;

async function stop() {
  server.close();
  server.closeAllConnections();
  await pool.end();
  process.exit(0); // lets `node --cpu-prof` write its profile
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

server.listen(port, '127.0.0.1', () => process.stdout.write(`baseline listening on ${port}\n`));
