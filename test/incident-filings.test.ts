// Filings an incident starts by itself on the real Temporal server: people in DE with a recorded risk
// make a GDPR filing that goes to the development stand-in by email and is recorded with its receipt
// (its obligation then shows `done`); a significant NIS2 incident makes three filings, in phase order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../dev/smtp-sink.js';
import { filingWorkflowId } from '../domain/filing/filing.js';
import { acknowledgeFilingUpdate } from '../workflows/filing-messages.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  svc = await startTestService({ env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await svc?.close();
  await sink?.close();
});

type Filing = { id: string; regime: string; phase: string; status: string; submittedAt?: string };
type Obligation = { id: string; status: string };

const view = async (id: string) => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json;
const judge = async (id: string, kind: string, reason: string) => {
  const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
    kind,
    value: true,
    reason,
  });
  expect(r.status).toBe(201);
};
const recentDiscovery = () => new Date(Date.now() - 60 * 60_000).toISOString();

describe('filings of an incident', () => {
  it('files the GDPR report for people in DE, records the receipt and shows the obligation done', async () => {
    const id = await svc.openIncident({ discoveredAt: recentDiscovery() });
    await svc.uploadAffectedUsers(id, 'userId,email,country\nd1,d1@example.com,DE\nd2,d2@example.com,DE\n');
    await eventually(async () => (await view(id)).assessment?.affected === 2);
    await judge(id, 'risk', 'Names and emails of customers were readable');
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(200);

    const filed = await eventually(async () => {
      const f = ((await view(id)).filings ?? []) as Filing[];
      return f.find((x) => x.regime === 'eu_gdpr' && x.status === 'submitted');
    });
    await svc.reachPhase(id, 'monitoring');
    const v = await view(id);
    expect(v.filings).toHaveLength(1);
    expect(v.filings[0]).toMatchObject({
      recipient: 'dev-eu-gdpr',
      phase: 'notification',
      receipt: { adapter: 'email', reference: expect.any(String) },
    });
    const obligation = (v.obligations as Obligation[]).find(
      (o) => o.id === 'eu_gdpr.regulator_report.notification',
    );
    expect(obligation?.status).toBe('done');

    const one = await svc.call('responder', 'GET', `/v1/incidents/${id}/filings/${filed.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ status: 'submitted', live: true, regime: 'eu_gdpr' });
    expect(one.json.report.sections).toHaveProperty('people_count');
    expect(JSON.stringify(one.json.report)).not.toContain('d1@example.com');
    expect(one.json.reportHash).toMatch(/^[0-9a-f]{64}$/);
    const other = await svc.call('responder', 'GET', `/v1/incidents/inc_other/filings/${filed.id}`);
    expect(other.status).toBe(404);

    expect(sink.received.filter((m) => m.envelope.to.includes('eu-gdpr@regulators.localhost'))).toHaveLength(
      1,
    );
    const audit = (await svc.ledger.listAudit(id)).map((a) => a.action);
    expect(audit.filter((a) => a === 'filing:submitted')).toHaveLength(1);
    expect(audit).toContain('filing:attempt');
    const refused = await svc.call('approver', 'POST', `/v1/filings/${filed.id}/approve`, {});
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('conflict');

    // The regulator, through its own key, lists and reads the filing and acknowledges it; the responders
    // then see the acknowledgement and its questions, and the filing's workflow has ended.
    const listed = await svc.call('regulator', 'GET', '/v1/filings');
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((f: { id: string }) => f.id)).toContain(filed.id);
    expect((await svc.call('regulator', 'GET', `/v1/filings/${filed.id}`)).json).toMatchObject({
      id: filed.id,
      status: 'submitted',
    });
    expect((await svc.call('regulator', 'GET', `/v1/incidents/${id}`)).status).toBe(403);
    const ack = { reference: 'BfDI-2026-0042', questions: 'Were passwords hashed?' };
    const acked = await svc.call('regulator', 'POST', `/v1/filings/${filed.id}/acknowledge`, ack);
    expect(acked.status).toBe(200);
    expect((await svc.ledger.getFiling(filed.id))?.acknowledgedAt).toEqual(expect.any(String));
    await eventually(async () => (await view(id)).filings[0].acknowledgement?.reference === ack.reference);
    expect((await view(id)).filings[0].acknowledgement).toMatchObject(ack);
    await expect(
      svc.client.workflow.getHandle(filingWorkflowId(filed.id)).executeUpdate(acknowledgeFilingUpdate, {
        args: [{ by: 'test-regulator', reference: ack.reference }],
      }),
    ).rejects.toThrow(/already completed/);
  });

  it('files the three NIS2 reports in order, the final not before the notification', async () => {
    const id = await svc.openIncident({
      discoveredAt: recentDiscovery(),
      attributes: { nis2Entity: 'essential' },
    });
    await judge(id, 'significant_incident', 'The service was down for a day across three countries');
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(200);

    const filings = await eventually(async () => {
      const f = ((await view(id)).filings ?? []) as Filing[];
      return f.length === 3 && f.every((x) => x.status === 'submitted') ? f : undefined;
    });
    expect(filings.map((f) => f.phase)).toEqual(['early_warning', 'notification', 'final']);
    const order = (await svc.ledger.listAudit(id))
      .filter((a) => a.action === 'filing:submitted')
      .map((a) => String(a.details?.filingId).split('.').at(-1));
    expect(order).toEqual(['early_warning', 'notification', 'final']);
    const at = (phase: string) => Date.parse(filings.find((f) => f.phase === phase)!.submittedAt!);
    expect(at('early_warning')).toBeLessThanOrEqual(at('notification'));
    expect(at('notification')).toBeLessThanOrEqual(at('final'));
    // Only later phases ever wait for an earlier one.
    const waited = (await svc.ledger.listAudit(id)).filter(
      (a) => a.action === 'filing:waiting:earlier_phase',
    );
    for (const w of waited)
      expect(['notification', 'final']).toContain(String(w.details?.filingId).split('.').at(-1));

    const final = filings.find((f) => f.phase === 'final')!;
    const report = (await svc.call('responder', 'GET', `/v1/incidents/${id}/filings/${final.id}`)).json
      .report;
    expect(Array.isArray(report.changes)).toBe(true);
  });
});
