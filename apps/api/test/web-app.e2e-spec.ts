import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
let webDir: string;
beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'coopera-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Coopera</title><cp-root></cp-root>');
  writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'console.log(1)');
  t = await startTestApp({ COOPERA_WEB_DIR: webDir, LOG_LEVEL: 'error' });
});
afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('the web app on the same port', () => {
  it('serves index.html at /', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.text).toContain('<cp-root>');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers the app routes with index.html, so a reload on /comuni works', async () => {
    const res = await t.http.get('/comuni?province=SR').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<cp-root>');
  });

  it('caches hashed bundles for good', async () => {
    const res = await t.http.get('/main-ABCDEFGH.js').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('keeps 404 problem+json for missing files and API routes', async () => {
    const asset = await t.http.get('/missing-file.js').expect(404);
    expect(asset.headers['content-type']).toContain('application/problem+json');
    const api = await t.http.get('/api/unknown').expect(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
