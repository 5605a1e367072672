// Every error, whether a route or the framework raises it, answers in the one shape of api/errors.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

function expectErrorShape(json: unknown, code?: string) {
  expect(json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(Object.keys(json as object)).toEqual(['error']);
  if (code) expect((json as { error: { code: string } }).error.code).toBe(code);
}

describe('cursors', () => {
  it('answers 400 naming cursor for a cursor the API did not issue', async () => {
    for (const url of ['/v1/incidents?cursor=bogus', '/v1/incidents?cursor=eyJ4IjoxfQ']) {
      const r = await svc.call('responder', 'GET', url);
      expect(r.status).toBe(400);
      expectErrorShape(r.json, 'invalid_request');
      expect(r.json.error.issues).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });
});

describe('framework errors', () => {
  const auth = () => ({ authorization: `Bearer ${svc.keys.responder}` });

  it('answers 414 in the error shape for a too-long path parameter', async () => {
    const r = await svc.app.inject({
      method: 'GET',
      url: `/v1/incidents/${'a'.repeat(9000)}`,
      headers: auth(),
    });
    expect(r.statusCode).toBe(414);
    expectErrorShape(r.json(), 'path_too_long');
    expect(r.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const r = await svc.app.inject({ method: 'GET', url: '/v1/nowhere', headers: auth() });
    expect(r.statusCode).toBe(404);
    expectErrorShape(r.json(), 'not_found');
  });

  it('answers 405 with Allow for a method the path does not serve', async () => {
    for (const method of ['TRACE', 'DELETE', 'PUT'] as const) {
      const r = await svc.app.inject({ method, url: '/v1/incidents', headers: auth() });
      expect(r.statusCode).toBe(405);
      expectErrorShape(r.json(), 'method_not_allowed');
      expect(r.headers.allow).toMatch(/GET/);
      expect(r.headers.allow).toMatch(/POST/);
    }
    const query = await svc.app.inject({ method: 'QUERY' as 'GET', url: '/v1/incidents', headers: auth() });
    expect(query.statusCode).toBe(405);
    const withParam = await svc.app.inject({ method: 'TRACE', url: '/v1/incidents/some-id/approve' });
    expect(withParam.statusCode).toBe(405);
    expect(withParam.headers.allow).toBe('POST');
  });

  it('answers 415, malformed JSON and too-large bodies in the error shape', async () => {
    const unsupported = await svc.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { ...auth(), 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(unsupported.statusCode).toBe(415);
    expectErrorShape(unsupported.json(), 'unsupported_media_type');

    const malformed = await svc.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(malformed.statusCode).toBe(400);
    expectErrorShape(malformed.json(), 'invalid_request');

    const large = await svc.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(large.statusCode).toBe(413);
    expectErrorShape(large.json(), 'payload_too_large');
  });
});
