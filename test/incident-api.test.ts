// The API contract of the platform: validation, auth, idempotent open, the lifecycle through HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, incidentRequest, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

describe('authentication and roles', () => {
  it('answers 401 without a key or with a wrong one', async () => {
    expect((await svc.call(null, 'POST', '/v1/incidents', incidentRequest())).status).toBe(401);
    const wrong = await svc.app.inject({
      method: 'GET',
      url: '/v1/incidents',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
  });

  it('answers 403 for a role that may not act', async () => {
    const r = await svc.call('regulator', 'POST', '/v1/incidents', incidentRequest());
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/responder/);
  });
});

describe('validation', () => {
  it('answers 400 naming each bad field', async () => {
    const r = await svc.call(
      'responder',
      'POST',
      '/v1/incidents',
      incidentRequest({
        discoveredAt: 'yesterday',
        severity: 'apocalyptic',
        contact: { name: 'x', email: 'not-an-email' },
      }),
    );
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_request');
    const paths = r.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['discoveredAt', 'severity', 'contact.email']));
  });

  it('answers 400 for an unknown data category and for unknown fields', async () => {
    const r = await svc.call(
      'responder',
      'POST',
      '/v1/incidents',
      incidentRequest({ dataCategories: ['favourite_colour'] }),
    );
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0].path).toBe('dataCategories.0');
    const extra = await svc.call('responder', 'POST', '/v1/incidents', incidentRequest({ colour: 'blue' }));
    expect(extra.status).toBe(400);
  });

  it('answers 400 for a discovery in the future, allowing a few minutes of clock skew', async () => {
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const r = await svc.call('responder', 'POST', '/v1/incidents', incidentRequest({ discoveredAt: at(60) }));
    expect(r.status).toBe(400);
    expect(r.json.error.issues).toEqual([{ path: 'discoveredAt', message: 'must not be in the future' }]);
    const skewed = await svc.call(
      'responder',
      'POST',
      '/v1/incidents',
      incidentRequest({ discoveredAt: at(2) }),
    );
    expect(skewed.status).toBe(201);
  });

  it('answers 400, not 500, for a body that is not JSON', async () => {
    const r = await svc.call('responder', 'POST', '/v1/incidents', '{"title":');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBeTruthy();
  });

  it('answers 404 for an unknown incident', async () => {
    const r = await svc.call('responder', 'GET', '/v1/incidents/inc_does_not_exist');
    expect(r.status).toBe(404);
    expect((await svc.call('approver', 'POST', '/v1/incidents/inc_nope/approve', {})).status).toBe(404);
  });
});

describe('opening an incident', () => {
  it('is idempotent on externalId: the second open returns the same incident with 200', async () => {
    const body = incidentRequest({ externalId: `ext-${Date.now()}` });
    const first = await svc.call('responder', 'POST', '/v1/incidents', body);
    expect(first.status).toBe(201);
    expect(first.json.id).toMatch(/^inc_/);
    expect(first.json.links.self).toBe(`/v1/incidents/${first.json.id}`);
    const second = await svc.call('responder', 'POST', '/v1/incidents', body);
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    const list = await svc.call('responder', 'GET', '/v1/incidents');
    expect(list.json.items.filter((i: { id: string }) => i.id === first.json.id)).toHaveLength(1);
  });

  it('lists incidents filtered by phase', async () => {
    const opened = await svc.call('responder', 'POST', '/v1/incidents', incidentRequest());
    await svc.reachPhase(opened.json.id, 'awaiting_approval');
    const waiting = await eventually(async () => {
      const r = await svc.call('responder', 'GET', '/v1/incidents?phase=awaiting_approval');
      return r.json.items.some((i: { id: string }) => i.id === opened.json.id) ? r : undefined;
    });
    expect(waiting.json.items.every((i: { phase: string }) => i.phase === 'awaiting_approval')).toBe(true);
    const closed = await svc.call('responder', 'GET', '/v1/incidents?phase=closed');
    expect(closed.json.items.some((i: { id: string }) => i.id === opened.json.id)).toBe(false);
    expect((await svc.call('responder', 'GET', '/v1/incidents?phase=sleeping')).status).toBe(400);
  });
});

describe('the lifecycle through the API', () => {
  it('walks every phase from opened to closed, recording each in the ledger and audit log', async () => {
    const id = await svc.openIncident();

    expect((await svc.call('responder', 'POST', `/v1/incidents/${id}/approve`, { note: 'ok' })).status).toBe(
      403,
    );
    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go ahead' });
    expect(approved.status).toBe(200);
    expect(approved.json.approval.note).toBe('go ahead');

    await svc.reachPhase(id, 'monitoring');
    const again = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'again' });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/cannot approve .* in phase/);

    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'monitoring showed no misuse',
    });
    expect(closed.status).toBe(200);
    expect(closed.json.phase).toBe('closed');

    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(view.json.history.map((h: { phase: string }) => h.phase)).toEqual([
      'opened',
      'assessing',
      'awaiting_approval',
      'notifying',
      'reporting',
      'monitoring',
      'closed',
    ]);
    await eventually(async () => (await svc.ledger.getIncident(id))?.phase === 'closed');
    const audit = await svc.ledger.listAudit(id);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['incident:opened', 'incident:approved', 'phase:notifying', 'phase:closed']),
    );
    expect(audit.find((a) => a.action === 'phase:notifying')?.actor).toBe('approver:test-approver');
    const viaApi = await svc.call('approver', 'GET', `/v1/incidents/${id}/audit`);
    expect(viaApi.json.items.map((a: { action: string }) => a.action)).toEqual(audit.map((a) => a.action));
    expect((await svc.call('regulator', 'GET', `/v1/incidents/${id}/audit`)).status).toBe(403);
  });

  it('cancels with a reason, and refuses a second cancel and a later approval', async () => {
    const id = await svc.openIncident();
    expect((await svc.call('responder', 'POST', `/v1/incidents/${id}/cancel`, {})).status).toBe(400);
    const cancelled = await svc.call('responder', 'POST', `/v1/incidents/${id}/cancel`, {
      reason: 'false alarm',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.phase).toBe('cancelled');
    expect(
      (await svc.call('responder', 'POST', `/v1/incidents/${id}/cancel`, { reason: 'again' })).status,
    ).toBe(409);
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(409);
    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(view.json.history.at(-1)).toMatchObject({ phase: 'cancelled', reason: 'false alarm' });
  });
});

describe('service endpoints', () => {
  it('serves health, readiness and an OpenAPI document listing the incident routes', async () => {
    expect((await svc.call(null, 'GET', '/healthz')).status).toBe(200);
    const ready = await svc.call(null, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    const doc = await svc.call(null, 'GET', '/openapi.json');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/v1/incidents', '/v1/incidents/{id}', '/v1/incidents/{id}/approve']),
    );
  });
});
