// Decisions that arrive together: only one of two identical requests wins, the other is told 409, and
// the audit log holds one entry. Closing while obligations are open needs an explicit, reasoned override.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

async function both(role: 'approver' | 'responder', id: string, action: string, body: object) {
  const answers = await Promise.all([
    svc.call(role, 'POST', `/v1/incidents/${id}/${action}`, body),
    svc.call(role, 'POST', `/v1/incidents/${id}/${action}`, body),
  ]);
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([200, 409]);
  const refused = answers.find((a) => a.status === 409)!;
  expect(refused.json.error).toMatchObject({ code: 'conflict', message: expect.any(String) });
  return answers.find((a) => a.status === 200)!;
}

const entries = async (id: string, action: string) =>
  (await svc.ledger.listAudit(id)).filter((a) => a.action === action).length;

const withUsers = async () => {
  const id = await svc.openIncident();
  await svc.uploadAffectedUsers(id, 'userId,email,country\nd1,d1@example.com,DE\n');
  await eventually(
    async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
  );
  return id;
};

describe('concurrent decisions', () => {
  it('approves once when two approvals arrive together', async () => {
    const id = await svc.openIncident();
    await both('approver', id, 'approve', { note: 'go' });
    await svc.reachPhase(id, 'monitoring');
    expect(await entries(id, 'incident:approved')).toBe(1);
    expect(await entries(id, 'phase:notifying')).toBe(1);
  });

  it('cancels once when two cancellations arrive together', async () => {
    const id = await svc.openIncident();
    const won = await both('responder', id, 'cancel', { reason: 'false alarm' });
    expect(won.json.phase).toBe('cancelled');
    expect(await entries(id, 'incident:cancelled')).toBe(1);
  });

  it('closes once when two closes arrive together', async () => {
    const id = await svc.openIncident();
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const body = { reason: 'reviewed', acknowledgeOpenObligations: true };
    const won = await both('responder', id, 'close', body);
    expect(won.json.phase).toBe('closed');
    expect(await entries(id, 'incident:closed')).toBe(1);
  });
});

describe('closing with open obligations', () => {
  it('refuses without an override, naming the open obligations, and records the override', async () => {
    const id = await withUsers();
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const view = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    const open = view.json.obligations.filter((o: { status: string }) =>
      ['due', 'overdue'].includes(o.status),
    );
    expect(open.length).toBeGreaterThan(0);

    const refused = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, { reason: 'done' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('open_obligations');
    expect(refused.json.error.message).toContain(`${open[0].regime} ${open[0].kind}`);
    expect(refused.json.error.issues[0].path).toBe('acknowledgeOpenObligations');

    const noReason = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      acknowledgeOpenObligations: true,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues.map((i: { path: string }) => i.path)).toContain('reason');
    expect(await svc.phaseOf(id)).toBe('monitoring');

    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'report filed by post, outside this service',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    const audit = (await svc.ledger.listAudit(id)).find((a) => a.action === 'incident:closed');
    expect(audit?.reason).toBe('report filed by post, outside this service');
    const listed = audit?.details?.acknowledgedOpenObligations as Array<Record<string, string>>;
    expect(listed.map((o) => `${o.regime}:${o.kind}`)).toEqual(
      expect.arrayContaining(open.map((o: { regime: string; kind: string }) => `${o.regime}:${o.kind}`)),
    );
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['kind', 'regime', 'status']);
    expect(JSON.stringify(audit?.details)).not.toContain('d1@example.com');
  });
});
