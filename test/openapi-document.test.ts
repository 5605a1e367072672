// /openapi.json documents what the API answers, so clients can be generated and judges can check answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './support/service.js';

let svc: TestService;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
beforeAll(async () => {
  svc = await startTestService();
  doc = (await svc.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await svc?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Object.entries(ops as Record<string, any>).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document', () => {
  it('gives every operation a success status with a schema, and its error statuses with the error body', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect(statuses, `${method} ${path}`).not.toContain('default');
      const success = statuses.find((s) => s.startsWith('2'));
      expect(success, `${method} ${path}`).toBeDefined();
      if (success !== '204')
        expect(Object.values(op.responses[success!].content)[0]).toHaveProperty('schema');
      if (!path.startsWith('/v1/')) continue;
      expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
      const error = op.responses['400'].content['application/json'].schema;
      expect(error.properties.error.required).toEqual(['code', 'message']);
    }
    const open = doc.paths['/v1/incidents'].post.responses;
    expect(Object.keys(open)).toEqual(expect.arrayContaining(['200', '201', '401', '403', '409', '415']));
    expect(open['201'].content['application/json'].schema.properties.id).toBeDefined();
  });

  it('marks the public routes as needing no key, and the rest as needing one', () => {
    expect(doc.security).toEqual([{ apiKey: [] }]);
    for (const [path, method] of [
      ['/n/{token}', 'get'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/codec/decode', 'post'],
    ] as const) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([]);
    }
    expect(doc.paths['/v1/incidents'].get.security).toBeUndefined();
    expect(doc.paths['/n/{token}'].get.responses['200'].content['text/html']).toBeDefined();
  });

  it('declares the upload bodies and the rules the server enforces', () => {
    const upload = doc.paths['/v1/incidents/{id}/affected-users'].post.requestBody.content;
    expect(Object.keys(upload).sort()).toEqual(['application/x-ndjson', 'text/csv']);
    const updates =
      doc.paths['/v1/incidents/{id}/updates'].post.requestBody.content['application/json'].schema;
    expect(updates.anyOf.map((a: { required: string[] }) => a.required[0])).toEqual(
      expect.arrayContaining(['description', 'measuresTaken', 'userActions', 'dataCategories']),
    );
    const judgement =
      doc.paths['/v1/incidents/{id}/judgements'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(judgement.anyOf)).toContain('"value":{"enum":[true]}');
  });

  it('refuses an email whose local part is over 64 characters, as the documented format says', async () => {
    const r = await svc.call('responder', 'POST', '/v1/incidents', {
      title: 'x',
      contact: { name: 'Privacy', email: `${'a'.repeat(65)}@example.com` },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.issues.map((i: { path: string }) => i.path)).toContain('contact.email');
  });
});
