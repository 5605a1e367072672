// Obligations end to end: people in the EU, California and China, judgements recorded through the API,
// and the deadlines GET /v1/incidents/:id lists, computed by the workflow on a real Temporal server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

function people(): string {
  const rows = ['userId,email,country,region'];
  for (let i = 0; i < 40; i++) rows.push(`de${i},de${i}@example.de,DE,`);
  for (let i = 0; i < 600; i++) rows.push(`ca${i},ca${i}@example.com,US,US-CA`);
  for (let i = 0; i < 25; i++) rows.push(`cn${i},cn${i}@example.cn,CN,`);
  return rows.join('\n');
}

type Obligation = {
  id: string;
  status: string;
  dueAt: string | null;
  clockStart: string | null;
  judgementsNeeded: string[];
};

describe('obligations of an incident', () => {
  it('refuses a judgement for a regime the rules pack does not know, naming the known ones', async () => {
    const id = await svc.openIncident({});
    const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
      kind: 'risk',
      value: true,
      reason: 'Passwords were exposed',
      regime: 'narnia',
    });
    expect(r.status).toBe(400);
    expect(r.json.error.issues).toHaveLength(1);
    expect(r.json.error.issues[0].path).toBe('regime');
    expect(r.json.error.issues[0].message).toMatch(
      /^unknown regime "narnia"; known regimes: .*\beu_gdpr\b.*\bus_florida\b/,
    );
    const audit = await svc.ledger.listAudit(id);
    expect(audit.some((a) => a.action.startsWith('judgement:'))).toBe(false);
  });

  it('lists who must be told what by when, and moves as judgements are recorded', async () => {
    const discoveredAt = '2026-03-02T10:00:00Z';
    const id = await svc.openIncident({
      discoveredAt,
      dataCategories: ['email', 'name', 'password'],
      occurredFrom: '2026-03-01T00:00:00Z',
      occurredTo: '2026-03-02T09:00:00Z',
    });
    const upload = await svc.uploadAffectedUsers(id, people());
    expect(upload.json().accepted).toBe(665);

    const view = await eventually(async () => {
      const r = await svc.call('approver', 'GET', `/v1/incidents/${id}`);
      return r.json.assessment?.affected === 665 ? r.json : undefined;
    });
    const byId = (list: Obligation[]) => Object.fromEntries(list.map((o) => [o.id, o]));
    const before = byId(view.obligations);

    // GDPR's 72 hours wait for the judgement that the breach is a risk; the clock already runs from discovery.
    const gdpr = before['eu_gdpr.regulator_report.notification']!;
    // (2026-03 is long past, so the wall clock already shows it overdue.)
    expect(['needs_judgement', 'overdue']).toContain(gdpr.status);
    expect(gdpr.judgementsNeeded).toContain('risk');
    expect(gdpr.dueAt).toBe('2026-03-05T10:00:00.000Z');
    if (process.env.PRINT_OBLIGATIONS)
      console.table(
        view.obligations.map((o: Obligation) => ({ id: o.id, status: o.status, dueAt: o.dueAt })),
      );
    // California (email with password is personal information there): residents within 30 days of discovery, and the Attorney General's sample since > 500 residents.
    expect(before['us_california.individual_notice.notification']?.dueAt?.slice(0, 10)).toBe('2026-04-01');
    expect(before['us_california.sample_to_regulator.notification']?.status).not.toBe('not_required');
    // China: the CAC's 4-hour report only from a million people; here it is not required.
    expect(before['cn_cac_incident.regulator_report.early_report']?.status).toBe('not_required');
    expect(Object.keys(before).some((k) => k.startsWith('cn_pipl.'))).toBe(true);

    // Awareness came two hours after discovery; and the breach is judged a risk but not a high risk.
    const awareness = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
      kind: 'awareness',
      value: true,
      reason: 'Security team confirmed personal data was in the bucket',
      effectiveAt: '2026-03-02T12:00:00Z',
    });
    expect(awareness.status).toBe(201);
    const risk = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
      kind: 'risk',
      value: true,
      reason: 'Contact data of EU residents exposed publicly for a day',
    });
    expect(risk.status).toBe(201);
    expect(
      (
        await svc.call('responder', 'POST', `/v1/incidents/${id}/judgements`, {
          kind: 'risk',
          value: true,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    const bad = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
      kind: 'vibes',
      value: true,
      reason: 'because',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('kind');

    const after = byId((await svc.call('approver', 'GET', `/v1/incidents/${id}`)).json.obligations);
    const gdprAfter = after['eu_gdpr.regulator_report.notification']!;
    expect(gdprAfter.status).toMatch(/due|overdue/);
    expect(gdprAfter.clockStart).toBe('2026-03-02T12:00:00.000Z');
    expect(gdprAfter.dueAt).toBe('2026-03-05T12:00:00.000Z');

    const audit = await svc.ledger.listAudit(id);
    const signed = audit.find((a) => a.action === 'judgement:awareness');
    expect(signed?.details).toMatchObject({
      signature: { keyId: 'test1', hmacSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });
});
