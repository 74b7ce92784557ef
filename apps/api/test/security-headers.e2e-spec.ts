import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { aUser, bearer, TEST_PASSWORD } from './factories';
import { startTestApp, TestApp } from './test-app';

/**
 * The headers that keep the browser on our side: a strict Content-Security-Policy on the web app
 * and the API alike, no framework banner, no CORS at all (the web app is served by the API on
 * the same origin, so no other origin may read an answer, with or without credentials), and
 * HSTS plus Secure cookies in production only.
 */

const EVIL = 'https://evil.example';
/** The Angular dev server: it proxies /api (apps/web/proxy.conf.json), so it needs no CORS either. */
const DEV_SERVER = 'http://localhost:4200';
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
];

let dev: TestApp;
let production: TestApp;
let webDir: string;
let auth: { authorization: string };

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'coopera-web-headers-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Coopera</title><cp-root></cp-root><script src="main-ABCDEFGH.js" type="module"></script>');
  writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'console.log(1)');
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

/** The Content-Security-Policy header as directive → sources. */
function cspOf(res: Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

const ANSWERS: [string, (t: TestApp) => Promise<Response>][] = [
  ['the web app (index.html at /)', (t) => t.http.get('/').expect(200)],
  ['an app route (index.html)', (t) => t.http.get('/incontri?stato=convocato').expect(200)],
  ['a bundle', (t) => t.http.get('/main-ABCDEFGH.js').expect(200)],
  ['an API answer', (t) => t.http.get('/api/v1/comuni?pageSize=1').set(auth).expect(200)],
  ['an API refusal (problem+json)', (t) => t.http.get('/api/v1/comuni').expect(401)],
  ['an unknown API route', (t) => t.http.get('/api/v1/nowhere').expect(404)],
  ['the API documentation', (t) => t.http.get('/api/docs').expect(200)],
  ['the health probe', (t) => t.http.get('/api/health').expect(200)],
];

// One app at a time: Passport's strategies are global to the process, so two apps side by side
// would check each other's tokens against the wrong database.
describe('in development', () => {
  beforeAll(async () => {
    // Load shedding on event-loop lag would answer 503 on a busy machine: not what this file is about.
    dev = await startTestApp({ COOPERA_WEB_DIR: webDir, MAX_EVENT_LOOP_DELAY_MS: '0' });
    auth = await bearer(dev, 'SECRETARIAT');
  });
  afterAll(() => dev.close());

  describe('security headers on every kind of answer', () => {
    it.each(ANSWERS)('%s', async (_, get) => {
      const res = await get(dev);
      const csp = cspOf(res);
      // Scripts from our own origin only: no inline script, no eval, no other host.
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      // No directive opens the door to any host or scheme.
      const sources = [...csp.values()].flat();
      expect(sources.filter((s) => s.includes('*') || /^(https?|wss?):$/.test(s) || s === "'unsafe-eval'")).toEqual([]);
      // Inline styles only (Angular and Bootstrap Italia set them); never inline anything else.
      expect([...csp].filter(([name, list]) => name !== 'style-src' && list.includes("'unsafe-inline'")).map(([name]) => name)).toEqual([]);

      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      // Nothing says what serves the answers.
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['server']).toBeUndefined();
      // HSTS over plain HTTP in development would pin localhost to HTTPS for a year.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    const built = join(__dirname, '../../../dist/apps/web/browser/index.html');
    (existsSync(built) ? it : it.skip)('the built web app needs nothing the policy forbids: no inline script, no inline event handler', () => {
      const html = readFileSync(built, 'utf8');
      // An inline <script> (one without src) or an on…= attribute (e.g. Angular's critical-CSS
      // `onload` when inlineCritical is on) would be blocked by script-src 'self'.
      const inlineScripts = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc=/i.test(m[1] ?? ''));
      expect(inlineScripts.map((m) => m[0])).toEqual([]);
      expect(html.match(/<[^>]+\son[a-z]+\s*=/gi) ?? []).toEqual([]);
    });
  });

  describe('no CORS: another origin never reads an answer', () => {
    it.each([EVIL, DEV_SERVER, 'null'])('gives %s no Access-Control-* header on a credentialed request', async (origin) => {
      const user = await aUser(dev, 'COMUNE_REFERENT');
      const login = await dev.http.post('/api/v1/auth/login').set('origin', origin).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      const token = (login.body as { accessToken: string }).accessToken;
      const answers = [
        login,
        await dev.http.get('/api/v1/auth/me').set('origin', origin).set('authorization', `Bearer ${token}`).set('cookie', cookie).expect(200),
        // The refresh cookie is the credential here: the answer carries a new access token.
        await dev.http.post('/api/v1/auth/refresh').set('origin', origin).set('cookie', cookie).expect(200),
        await dev.http.get('/api/v1/exports/directory.csv').set('origin', origin).set('authorization', `Bearer ${token}`).expect(200),
      ];
      for (const res of answers) {
        expect(CORS_HEADERS.filter((h) => h !== 'access-control-expose-headers' && res.headers[h] !== undefined)).toEqual([]);
      }
    });

    it('answers a preflight without allowing anything, so the browser never sends the request', async () => {
      const res = await dev.http
        .options('/api/v1/comuni/00000000-0000-4000-8000-000000000000')
        .set('origin', EVIL)
        .set('access-control-request-method', 'PATCH')
        .set('access-control-request-headers', 'authorization, content-type');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(CORS_HEADERS.filter((h) => res.headers[h] !== undefined)).toEqual([]);
    });
  });

});

describe('in production', () => {
  beforeAll(async () => {
    // Production refuses demo mode.
    production = await startTestApp({ NODE_ENV: 'production', COOPERA_DEMO: '0', COOPERA_WEB_DIR: webDir, MAX_EVENT_LOOP_DELAY_MS: '0' });
  });
  afterAll(() => production.close());

  it('sends HSTS on the web app and the API', async () => {
    for (const res of [await production.http.get('/').expect(200), await production.http.get('/api/health').expect(200)]) {
      const hsts = String(res.headers['strict-transport-security'] ?? '');
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0)).toBeGreaterThanOrEqual(180 * 24 * 3600);
      expect(hsts).toContain('includeSubDomains');
      expect(cspOf(res).get('script-src')).toEqual(["'self'"]);
    }
  });

  it('sets the refresh cookie Secure, HttpOnly and SameSite=Strict', async () => {
    const user = await aUser(production, 'COMUNE_REFERENT');
    const res = await production.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('coopera_refresh=')) ?? '';
    expect(cookie.split(/;\s*/)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/api/v1/auth']));
  });
});
