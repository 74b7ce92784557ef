import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../src/web/precompress';
import { startTestApp, TestApp } from './test-app';

// Big enough to be worth compressing, and compressible like real bundles.
const BUNDLE = `${'export const label = "Rete dei Comuni";\n'.repeat(200)}`;

let t: TestApp;
let webDir: string;
beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'coopera-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Coopera</title><cp-root></cp-root>');
  writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'console.log(1)');
  writeFileSync(join(webDir, 'chunk-IJKLMNOP.js'), BUNDLE);
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

  it('sends the bundles compressed, Brotli or gzip as the browser accepts, once their copies are written', async () => {
    await precompress(webDir); // the start began it in the background; this waits for the same work
    // Through Fastify's inject: the bytes as sent, which an HTTP client would decompress for us.
    const get = (url: string, acceptEncoding: string) =>
      t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { 'accept-encoding': acceptEncoding } });
    const raw = (res: { rawPayload: Buffer }) => res.rawPayload;

    const br = await get('/chunk-IJKLMNOP.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(raw(br)).toString()).toBe(BUNDLE);
    expect(raw(br).length).toBeLessThan(BUNDLE.length / 10);

    const gz = await get('/chunk-IJKLMNOP.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw(gz)).toString()).toBe(BUNDLE);

    const plain = await get('/chunk-IJKLMNOP.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(raw(plain).toString()).toBe(BUNDLE);

    // Files too small to gain are left alone.
    const small = await get('/main-ABCDEFGH.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
