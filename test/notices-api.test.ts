// Progress and proof through the API: what GET /v1/incidents/:id and the deliveries route report
// equals what the local SMTP, Twilio and FCM servers received; and personal data goes after retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeMails, startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually } from './support/service.js';

let rig: FanoutRig;
beforeAll(async () => {
  // Monitoring and retention in seconds, so the whole life of an incident runs inside the test.
  rig = await startFanoutRig({ MONITORING_DAYS: String(2 / 86_400), RETENTION_DAYS: String(3 / 86_400) });
});
afterAll(async () => {
  await rig?.close();
});

const people = [
  'userId,name,email,phone,pushToken,locale,country',
  'a1,Ana,ana@example.pt,+351912345678,tok-a1,pt,PT',
  'a2,Ben,ben@example.com,,,en,US',
  'a3,Chen,,+8613800138000,,zh-CN,CN',
  'a4,Dee,,,tok-a4,en,GB',
  'a5,Eve,,,,en,GB',
].join('\n');

describe('notices through the API', () => {
  it('reports progress equal to what the providers received, pages deliveries, then purges after retention', async () => {
    const { svc, providers } = rig;
    const id = await svc.openIncident({ severity: 'medium' });
    await svc.uploadAffectedUsers(id, people);
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 5,
    );
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'send' })).status).toBe(
      200,
    );

    const view = await eventually(async () => {
      const r = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
      return ['monitoring', 'closed'].includes(r.json.phase) ? r.json : undefined;
    });
    // Medium severity: email first, then SMS, then push, one channel per person; Eve has none.
    expect(view.notices.email.sent).toBe(noticeMails(providers).length);
    expect(view.notices.sms.sent).toBe(providers.twilio.received.length);
    expect(view.notices.push.sent).toBe(providers.fcm.received.length);
    expect([view.notices.email.sent, view.notices.sms.sent, view.notices.push.sent]).toEqual([2, 1, 1]);
    expect(view.notices.unreachable).toBe(1);

    const page1 = await svc.call('responder', 'GET', `/v1/incidents/${id}/deliveries?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.json.items).toHaveLength(2);
    const page2 = await svc.call(
      'responder',
      'GET',
      `/v1/incidents/${id}/deliveries?limit=50&cursor=${encodeURIComponent(page1.json.nextCursor)}`,
    );
    const all = [...page1.json.items, ...page2.json.items];
    expect(
      new Set(all.map((d: { userId: string; channel: string }) => `${d.userId}/${d.channel}`)).size,
    ).toBe(all.length);
    const emails = await svc.call(
      'responder',
      'GET',
      `/v1/incidents/${id}/deliveries?channel=email&status=accepted`,
    );
    expect(emails.json.items.map((d: { userId: string }) => d.userId).sort()).toEqual(['a1', 'a2']);
    expect(JSON.stringify(all)).not.toMatch(/@example|\+351|\+86|tok-a/);
    expect((await svc.call('responder', 'GET', `/v1/incidents/${id}/deliveries?cursor=bogus`)).status).toBe(
      400,
    );
    expect((await svc.call('responder', 'GET', `/v1/incidents/${id}/deliveries?channel=fax`)).status).toBe(
      400,
    );

    // The monitoring period runs out with the regulators' obligations open (nobody files here), so a
    // person closes acknowledging them; after retention the contact data is purged and the purge audited.
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.monitoringPeriodEnded,
      { timeoutMs: 30_000 },
    );
    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'regulators informed outside this service',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    await eventually(async () => (await svc.ledger.getAffectedUser(id, 'a1'))?.purged === true, {
      timeoutMs: 30_000,
    });
    const purged = await svc.ledger.getAffectedUser(id, 'a1');
    expect(purged).toMatchObject({ userId: 'a1', country: 'PT' });
    expect(purged?.email ?? null).toBeNull();
    expect(purged?.phone ?? null).toBeNull();
    const audit = await svc.ledger.listAudit(id);
    expect(audit.find((a) => a.action === 'retention:purge')?.details).toMatchObject({ purged: 5 });
    const after = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(after.json.assessment.affected).toBe(5);
  });
});
