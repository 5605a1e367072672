// The fan-out over the wire: a real Temporal server, a real worker, the local SMTP / Twilio / FCM
// servers. Pages, continue-as-new and bounded history for 20,000 people; one lane per channel when
// every channel is to carry the notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeFanoutWorkflowId, noticeLaneWorkflowId } from '../workflows/fanout-messages.js';
import {
  approve,
  duplicates,
  fanoutHistoryLengths,
  notified,
  openIncident,
  person,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';

const PEOPLE = 20_000;
let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig({ FANOUT_PAGE_SIZE: '500', FANOUT_WINDOW: '4', FANOUT_PAGES_PER_RUN: '10' });
});
afterAll(async () => {
  await rig?.close();
});

describe('notice fan-out', () => {
  it('sends one email to each of 20,000 people in pages, continuing as new with short histories', async () => {
    const { svc, providers } = rig;
    const people = Array.from({ length: PEOPLE }, (_, i) => person(i));
    const id = await openIncident(svc, people, { severity: 'low' });
    const started = Date.now();
    await approve(svc, id);
    await notified(svc, id);
    const seconds = (Date.now() - started) / 1000;

    const to = providers.smtp.received.map((m) => m.envelope.to[0] ?? '');
    expect(to).toHaveLength(PEOPLE);
    expect(duplicates(to)).toEqual([]);
    expect(new Set(to)).toEqual(new Set(people.map((p) => p.email)));

    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.channels.email).toMatchObject({ pending: 0, sent: PEOPLE, failed: 0, unreachable: 0 });
    expect(counts.channels.sms.sent + counts.channels.push.sent).toBe(0);
    expect(counts.unreachable).toBe(0);

    const lengths = await fanoutHistoryLengths(svc.client, id);
    // 40 pages of 500, at most 10 per run: at least four runs, each with a short history.
    expect(lengths.length).toBeGreaterThanOrEqual(4);
    const max = Math.max(...lengths);
    console.log(
      `fan-out of ${PEOPLE} people: ${seconds.toFixed(1)} s, ${lengths.length} runs, history events per run ${lengths.join(', ')} (max ${max})`,
    );
    expect(max).toBeLessThan(200);

    const result = await svc.client.workflow.getHandle(noticeFanoutWorkflowId(id, 1)).result();
    expect(result).toMatchObject({
      pages: 40,
      people: PEOPLE,
      reached: PEOPLE,
      unreachable: 0,
      possibleDuplicates: 0,
    });
    expect(result.channels.email.sent).toBe(PEOPLE);
  }, 180_000);

  it('sends every channel in its own lane across runs, then counts each person once', async () => {
    const { svc, providers } = rig;
    const n = 6000;
    // Every third person has no push token, every fifth no phone, every 97th nothing at all.
    const people = Array.from({ length: n }, (_, i) =>
      person(100_000 + i, i % 97 === 0 ? {} : { email: true, phone: i % 5 !== 0, push: i % 3 !== 0 }),
    );
    const expected = {
      email: people.filter((p) => p.email).length,
      sms: people.filter((p) => p.phone).length,
      push: people.filter((p) => p.pushToken).length,
    };
    const from = {
      email: providers.smtp.received.length,
      sms: providers.twilio.received.length,
      push: providers.fcm.received.length,
    };
    const id = await openIncident(svc, people, { severity: 'critical' });
    await approve(svc, id);
    await notified(svc, id);

    const email = providers.smtp.received.slice(from.email).map((m) => m.envelope.to[0] ?? '');
    const sms = providers.twilio.received.slice(from.sms).map((m) => m.to);
    const push = providers.fcm.received.slice(from.push).map((m) => m.token);
    expect([email.length, sms.length, push.length]).toEqual([expected.email, expected.sms, expected.push]);
    expect([...duplicates(email), ...duplicates(sms), ...duplicates(push)]).toEqual([]);

    const unreachable = people.filter((p) => !p.email && !p.phone && !p.pushToken).length;
    const result = await svc.client.workflow.getHandle(noticeFanoutWorkflowId(id, 1)).result();
    // Each lane walks pages of 500 of the people its channel can reach: 12 + 10 + 8.
    const lanePages = { email: 12, sms: 10, push: 8 };
    expect([expected.email, expected.sms, expected.push]).toEqual([5938, 4751, 3959]);
    expect(result).toMatchObject({
      pages: lanePages.email + lanePages.sms + lanePages.push,
      people: n,
      reached: n - unreachable,
      unreachable,
      possibleDuplicates: 0,
      channels: {
        email: { sent: expected.email, failed: 0 },
        sms: { sent: expected.sms, failed: 0 },
        push: { sent: expected.push, failed: 0 },
      },
    });
    // One child workflow per channel, each walking its pages in runs of at most 10 pages.
    expect(await fanoutHistoryLengths(svc.client, id)).toHaveLength(1);
    for (const channel of ['email', 'sms', 'push'] as const) {
      const lane = svc.client.workflow.getHandle(noticeLaneWorkflowId(id, 1, [channel]));
      expect((await lane.result()).pages).toBe(lanePages[channel]);
      const lengths = await fanoutHistoryLengths(svc.client, id, 1, lane.workflowId);
      expect(lengths).toHaveLength(Math.ceil(lanePages[channel] / 10));
      expect(Math.max(...lengths)).toBeLessThan(200);
    }
    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.unreachable).toBe(unreachable);
    expect(counts.channels.push.sent).toBe(expected.push);
  }, 120_000);
});
