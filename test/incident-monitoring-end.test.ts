// The monitoring period running out closes an incident only when nothing is owed; with obligations
// still open it stays in monitoring, says why (view and audit log), and a person closes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  // A monitoring period of two seconds, so it runs out inside the test.
  svc = await startTestService({ env: { MONITORING_DAYS: String(2 / 86_400) } });
});
afterAll(async () => {
  await svc?.close();
});

describe('the monitoring period ends', () => {
  it('closes by itself when no obligation is open', async () => {
    const id = await svc.openIncident();
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await eventually(async () => (await svc.phaseOf(id)) === 'closed', { timeoutMs: 60_000 });
    const closed = await eventually(async () =>
      (await svc.ledger.listAudit(id)).find((a) => a.action === 'phase:closed'),
    );
    expect(closed).toMatchObject({ actor: 'system', reason: 'monitoring period ended' });
    expect((await svc.ledger.listAudit(id)).some((a) => a.action === 'monitoring:period-ended')).toBe(false);
  });

  it('keeps monitoring while obligations are open, names them, and closes with the override', async () => {
    const id = await svc.openIncident();
    await svc.uploadAffectedUsers(id, 'userId,email,country\nd1,d1@example.com,DE\n');
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
    );
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});

    const view = await eventually(
      async () => {
        const r = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
        return r.json.monitoringPeriodEnded ? r.json : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(view.phase).toBe('monitoring');
    const open = view.monitoringPeriodEnded.openObligations as Array<Record<string, string>>;
    expect(open.length).toBeGreaterThan(0);
    expect(open.map((o) => o.regime)).toContain('eu_gdpr');
    expect(Object.keys(open[0]!).sort()).toEqual(['kind', 'regime', 'status']);

    const audit = await eventually(async () =>
      (await svc.ledger.listAudit(id)).find((a) => a.action === 'monitoring:period-ended'),
    );
    expect(audit?.actor).toBe('system');
    expect(audit?.reason).toContain(`${open[0]!.regime} ${open[0]!.kind} (${open[0]!.status})`);
    expect(audit?.details).toMatchObject({ openObligations: open });
    expect(JSON.stringify(audit)).not.toContain('d1@example.com');
    expect(await svc.phaseOf(id)).toBe('monitoring');

    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'report filed by post, outside this service',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    expect(closed.json.phase).toBe('closed');
    const phase = await eventually(async () =>
      (await svc.ledger.listAudit(id)).find((a) => a.action === 'phase:closed'),
    );
    expect(phase?.reason).toBe('report filed by post, outside this service');
  });
});
