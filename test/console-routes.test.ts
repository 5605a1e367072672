// The console's routes and GET /v1/whoami through the API itself: the role each key carries, the
// page's Content-Security-Policy without any inline script or style, and the bundle it loads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConsoleBundle } from '../api/console/bundle.js';
import type { Role } from '../api/api-keys.js';
import { startTestService, type TestService } from './support/service.js';

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
});

afterAll(async () => {
  await svc?.close();
});

describe('GET /v1/whoami', () => {
  it.each(['responder', 'approver', 'admin'] as Role[])('names the %s key and its role', async (role) => {
    const { status, json } = await svc.call(role, 'GET', '/v1/whoami');
    expect(status).toBe(200);
    expect(json).toEqual({ keyId: `test-${role}`, role });
  });

  it('names the recipient a regulator key is bound to', async () => {
    const { status, json } = await svc.call('regulator', 'GET', '/v1/whoami');
    expect(status).toBe(200);
    expect(json).toEqual({ keyId: 'test-regulator', role: 'regulator', recipient: 'dev-eu-gdpr' });
  });

  it('answers 401 in the error shape without a valid key', async () => {
    const { status, json } = await svc.call(null, 'GET', '/v1/whoami');
    expect(status).toBe(401);
    expect(json.error.code).toBe('unauthorized');
  });

  it('is in the OpenAPI document with its answer', async () => {
    const doc = (await svc.call(null, 'GET', '/openapi.json')).json;
    const op = doc.paths['/v1/whoami'].get;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401']));
    expect(op.responses['200'].content['application/json'].schema.properties.role.enum).toContain(
      'regulator',
    );
  });
});

describe('/console', () => {
  it('serves the page under a CSP that allows no inline script or style', async () => {
    const res = await svc.app.inject({ method: 'GET', url: '/console' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // Every script is a file of its own; no element carries a style attribute.
    expect(res.body.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/console/console.js">']);
    expect(res.body).not.toMatch(/\sstyle=/);
  });

  it('serves the bundled script (with the API’s incident schema in it) and the style sheet', async () => {
    const js = await svc.app.inject({ method: 'GET', url: '/console/console.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toContain('must be an ISO 8601 date-time');
    const css = await svc.app.inject({ method: 'GET', url: '/console/console.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('is written into a build folder by npm run build', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'console-build-'));
    try {
      await writeConsoleBundle(out);
      expect(readFileSync(path.join(out, 'console.js'), 'utf8')).toContain('/v1/whoami');
      expect(readFileSync(path.join(out, 'console.css'), 'utf8')).toContain('prefers-color-scheme');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
