import { Lifecycle } from '../src/health/lifecycle';
import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('is alive', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok', demo: true });
  });

  it('is ready when the database answers', async () => {
    const res = await t.http.get('/api/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('turns not ready, as problem+json, once draining starts', async () => {
    t.app.get(Lifecycle).startDraining();
    const res = await t.http.get('/api/health/ready').expect(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, detail: 'The server is shutting down.' });
    await t.http.get('/api/health').expect(200);
  });
});
