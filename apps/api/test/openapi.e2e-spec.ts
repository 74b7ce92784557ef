import { startTestApp, TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('serves the interactive documentation at /api/docs', async () => {
    const res = await t.http.get('/api/docs').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('swagger');
  });

  it('serves the OpenAPI 3 document generated from the code', async () => {
    const res = await t.http.get('/api/docs/openapi.json').expect(200);
    const doc = res.body as { openapi: string; paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/health/ready', '/api/v1/comuni', '/api/v1/comuni/{id}']),
    );
    const params = doc.paths['/api/v1/comuni']?.get?.parameters?.map((p) => p.name).sort();
    expect(params).toEqual(['kind', 'membership', 'page', 'pageSize', 'province', 'q', 'sort', 'withProjects']);
  });

  it('documents the problem+json errors', async () => {
    const res = await t.http.get('/api/docs/openapi.json').expect(200);
    const op = res.body.paths['/api/v1/comuni/{id}'].get;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    expect(op.responses['404'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/ProblemDetailsDto',
    });
    expect(res.body.components.schemas.ProblemDetailsDto.required).toEqual(['type', 'title', 'status', 'detail']);
  });
});
