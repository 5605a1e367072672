// The fan-out over the wire: a real Temporal server, a real worker, the local SMTP / Twilio / FCM
// servers. Pages, continue-as-new and bounded history with small pages and short runs (the same code
// paths as production's large ones, sized to pass on a loaded machine); one lane per channel when
// every channel is to carry the notice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noticeFanoutWorkflowId, noticeLaneWorkflowId } from '../workflows/fanout-messages.js';
import {
  approve,
  duplicates,
  fanoutHistoryLengths,
  notified,
  openIncident,
  person,
  receivedBy,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';

const PEOPLE = 3000;
const PAGE_SIZE = 100;
const PAGES_PER_RUN = 5;
let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig({
    FANOUT_PAGE_SIZE: String(PAGE_SIZE),
    FANOUT_WINDOW: '2',
    FANOUT_PAGES_PER_RUN: String(PAGES_PER_RUN),
  });
});
afterEach(async () => {
  await rig?.settle();
});
afterAll(async () => {
  await rig?.close();
});

describe('notice fan-out', () => {
  it('sends one email to each of 3,000 people in pages, continuing as new with short histories', async () => {
    const { svc } = rig;
    const people = Array.from({ length: PEOPLE }, (_, i) => person(i));
    const id = await openIncident(svc, people, { severity: 'low' });
    const started = Date.now();
    await approve(svc, id);
    await notified(svc, id);
    const seconds = (Date.now() - started) / 1000;

    const to = receivedBy(rig.providers, people).email;
    expect(to).toHaveLength(PEOPLE);
    expect(duplicates(to)).toEqual([]);
    expect(new Set(to)).toEqual(new Set(people.map((p) => p.email)));

    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.channels.email).toMatchObject({ pending: 0, sent: PEOPLE, failed: 0, unreachable: 0 });
    expect(counts.channels.sms.sent + counts.channels.push.sent).toBe(0);
    expect(counts.unreachable).toBe(0);

    // One lane, falling back from channel to channel, walks the pages.
    const lengths = await fanoutHistoryLengths(svc.client, id, 1, noticeLaneWorkflowId(id, 1));
    // 30 pages of 100, at most 5 per run: at least six runs. One run holding all 30 pages would pass
    // 250 events; each of these stays far below, however many people there are.
    expect(lengths.length).toBeGreaterThanOrEqual(PEOPLE / PAGE_SIZE / PAGES_PER_RUN);
    const max = Math.max(...lengths);
    console.log(
      `fan-out of ${PEOPLE} people: ${seconds.toFixed(1)} s, ${lengths.length} runs, history events per run ${lengths.join(', ')} (max ${max})`,
    );
    expect(max).toBeLessThan(120);

    const result = await svc.client.workflow.getHandle(noticeFanoutWorkflowId(id, 1)).result();
    expect(result).toMatchObject({
      pages: 30,
      people: PEOPLE,
      reached: PEOPLE,
      unreachable: 0,
      possibleDuplicates: 0,
    });
    expect(result.channels.email.sent).toBe(PEOPLE);
  }, 240_000);

  it('sends every channel in its own lane across runs, then counts each person once', async () => {
    const { svc } = rig;
    const n = 1500;
    // Every third person has no push token, every fifth no phone, every 97th nothing at all.
    const people = Array.from({ length: n }, (_, i) =>
      person(100_000 + i, i % 97 === 0 ? {} : { email: true, phone: i % 5 !== 0, push: i % 3 !== 0 }),
    );
    const expected = {
      email: people.filter((p) => p.email).length,
      sms: people.filter((p) => p.phone).length,
      push: people.filter((p) => p.pushToken).length,
    };
    const id = await openIncident(svc, people, { severity: 'critical' });
    await approve(svc, id);
    await notified(svc, id);

    const { email, sms, push } = receivedBy(rig.providers, people);
    expect([email.length, sms.length, push.length]).toEqual([expected.email, expected.sms, expected.push]);
    expect([...duplicates(email), ...duplicates(sms), ...duplicates(push)]).toEqual([]);

    const unreachable = people.filter((p) => !p.email && !p.phone && !p.pushToken).length;
    const result = await svc.client.workflow.getHandle(noticeFanoutWorkflowId(id, 1)).result();
    // Each lane walks pages of 100 of the people its channel can reach: 15 + 12 + 10.
    const lanePages = { email: 15, sms: 12, push: 10 };
    expect([expected.email, expected.sms, expected.push]).toEqual([1484, 1188, 990]);
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
    // One child workflow per channel, each walking its pages in runs of at most PAGES_PER_RUN pages.
    expect(await fanoutHistoryLengths(svc.client, id)).toHaveLength(1);
    for (const channel of ['email', 'sms', 'push'] as const) {
      const lane = svc.client.workflow.getHandle(noticeLaneWorkflowId(id, 1, [channel]));
      expect((await lane.result()).pages).toBe(lanePages[channel]);
      const lengths = await fanoutHistoryLengths(svc.client, id, 1, lane.workflowId);
      expect(lengths).toHaveLength(Math.ceil(lanePages[channel] / PAGES_PER_RUN));
      expect(Math.max(...lengths)).toBeLessThan(120);
    }
    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.unreachable).toBe(unreachable);
    expect(counts.channels.push.sent).toBe(expected.push);
  }, 240_000);
});
