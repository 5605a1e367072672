// Exactly once when things go wrong: a worker stopped mid-fan-out and started again, a claim left
// behind by a worker that died, and a cancel mid-fan-out. Checked against what the local servers received.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fanoutProgressQuery,
  noticeFanoutWorkflowId,
  noticeLaneWorkflowId,
} from '../workflows/fanout-messages.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { eventually } from './support/service.js';
import {
  approve,
  duplicates,
  notified,
  openIncident,
  person,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';
import { recordOne } from './support/deliveries.js';

let rig: FanoutRig;
beforeAll(async () => {
  // Paced so that there is time to stop things in the middle, even when a loaded machine is slow to stop.
  rig = await startFanoutRig({
    FANOUT_PAGE_SIZE: '100',
    FANOUT_WINDOW: '4',
    FANOUT_PAGES_PER_RUN: '10',
    EMAIL_RATE_PER_SECOND: '200',
    FANOUT_RECLAIM_AFTER_MS: '3000',
  });
});
afterEach(async () => {
  await rig?.settle();
});
afterAll(async () => {
  await rig?.close();
});

/** People of one test: ids and addresses carry a distinct block of numbers. */
function block(start: number, count: number) {
  return Array.from({ length: count }, (_, i) => person(start + i));
}
const emailsTo = (from: number, to: number) =>
  rig.providers.smtp.received
    .map((m) => m.envelope.to[0] ?? '')
    .filter((a) => {
      const n = Number(/^p(\d+)@/.exec(a)?.[1]);
      return n >= from && n < to;
    });

describe('fan-out recovery', () => {
  it('a worker stopped mid-fan-out and started again: none missing, none twice', async () => {
    const { svc } = rig;
    const people = block(100_000, 3000);
    const id = await openIncident(svc, people, { severity: 'low' });
    await approve(svc, id);
    // A low-severity fan-out has one lane, which answers for its sends while it runs.
    const handle = svc.client.workflow.getHandle(noticeLaneWorkflowId(id, 1));

    await eventually(async () => emailsTo(100_000, 103_000).length >= 600, {
      timeoutMs: 90_000,
      everyMs: 50,
    });
    const live = await handle.query(fanoutProgressQuery);
    expect(live).toMatchObject({ incidentId: id, noticeVersion: 1, done: false });
    expect(live.pagesInFlight).toBeGreaterThan(0);

    await svc.stopWorker();
    const atStop = emailsTo(100_000, 103_000).length;
    expect(atStop).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(emailsTo(100_000, 103_000).length).toBe(atStop);

    await svc.startWorker();
    await notified(svc, id);
    const to = emailsTo(100_000, 103_000);
    console.log(`worker restart: ${atStop} emails before the stop, ${to.length} in all`);
    expect(duplicates(to)).toEqual([]);
    expect(to).toHaveLength(3000);
    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.channels.email).toMatchObject({ sent: 3000, pending: 0, failed: 0 });
    expect(counts.possibleDuplicates).toBe(0);
    expect(await handle.result()).toMatchObject({ people: 3000, reached: 3000, possibleDuplicates: 0 });
  }, 300_000);

  it('takes over claims a dead worker left unrecorded, after FANOUT_RECLAIM_AFTER_MS, and counts them', async () => {
    const { svc } = rig;
    const people = block(200_000, 20);
    const id = await openIncident(svc, people, { severity: 'low' });
    // As if a worker had claimed these and died before recording what the provider said:
    // one claim long ago, one just now (taken over only once it is old enough).
    const batch = { incidentId: id, channel: 'email' as const, noticeVersion: 1 };
    await svc.ledger.claimDeliveries(batch, ['u200000'], {
      now: new Date(Date.now() - 60_000).toISOString(),
    });
    await svc.ledger.claimDeliveries(batch, ['u200001']);
    // And one the provider took and the worker recorded: never sent again.
    await svc.ledger.claimDeliveries(batch, ['u200002']);
    await recordOne(
      svc.ledger,
      { ...batch, userId: 'u200002' },
      { status: 'accepted', providerId: '<earlier@acme.example>' },
    );

    const started = Date.now();
    await approve(svc, id);
    await notified(svc, id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);

    const to = emailsTo(200_000, 200_020);
    expect(to).toHaveLength(19);
    expect(to).not.toContain('p200002@example.com');
    const counts = await svc.ledger.deliveryCounts(id);
    expect(counts.possibleDuplicates).toBe(2);
    expect(counts.channels.email).toMatchObject({ sent: 20, pending: 0 });
    for (const userId of ['u200000', 'u200001']) {
      expect(await svc.ledger.getDelivery({ ...batch, userId })).toMatchObject({
        status: 'accepted',
        possibleDuplicate: true,
      });
    }
  }, 240_000);

  it('ends a test without leaving sends behind: settle terminates its workflows and waits for the worker', async () => {
    const { svc } = rig;
    const id = await openIncident(svc, block(400_000, 3000), { severity: 'critical' });
    await approve(svc, id);
    await eventually(async () => emailsTo(400_000, 403_000).length >= 300, {
      timeoutMs: 90_000,
      everyMs: 50,
    });

    await rig.settle();
    const atSettle = emailsTo(400_000, 403_000).length;
    expect(atSettle).toBeLessThan(3000);
    const fanout = await svc.client.workflow.getHandle(noticeFanoutWorkflowId(id, 1)).describe();
    expect(fanout.status.name).toBe('TERMINATED');
    const incident = await svc.client.workflow.getHandle(incidentWorkflowId(id)).describe();
    expect(incident.status.name).toBe('TERMINATED');
    // Nothing sends any more, though the worker runs again for the next test.
    await new Promise((r) => setTimeout(r, 1500));
    expect(emailsTo(400_000, 403_000).length).toBe(atSettle);
  }, 180_000);

  // Low severity runs one lane in the fan-out workflow; critical one child workflow per channel.
  it.each([
    ['low', 300_000],
    ['critical', 310_000],
  ] as const)(
    'cancel mid-fan-out (%s) stops sending within seconds and reports what was sent',
    async (severity, first) => {
      const { svc } = rig;
      const people = block(first, 3000);
      const id = await openIncident(svc, people, { severity });
      await approve(svc, id);
      await eventually(async () => emailsTo(first, first + 3000).length >= 400, {
        timeoutMs: 90_000,
        everyMs: 50,
      });

      const asked = Date.now();
      const cancelled = await svc.call('responder', 'POST', `/v1/incidents/${id}/cancel`, {
        reason: 'wrong list',
      });
      expect(cancelled.status).toBe(200);
      expect(await svc.phaseOf(id)).toBe('cancelled');
      const tookMs = Date.now() - asked;
      const atCancel = emailsTo(first, first + 3000).length;
      console.log(`cancel: stopped after ${tookMs} ms with ${atCancel} of 3000 emails sent`);
      expect(tookMs).toBeLessThan(10_000);
      expect(atCancel).toBeLessThan(3000);

      await new Promise((r) => setTimeout(r, 1500));
      expect(emailsTo(first, first + 3000).length).toBe(atCancel);
      const counts = await svc.ledger.deliveryCounts(id);
      expect(counts.channels.email.sent).toBe(atCancel);
      // Nothing is left claimed: sends cancelled while waiting for a slot were given back, unsent.
      expect((await svc.ledger.pageDeliveries(id, { status: 'claimed', limit: 10 })).items).toEqual([]);
      const withheld = await svc.ledger.pageDeliveries(id, { status: 'failed_retryable', limit: 3000 });
      expect(withheld.items.length).toBe(counts.channels.email.pending);
      for (const d of withheld.items) expect(d.errorCode).toBe('CANCELLED');
      const audit = await svc.ledger.listAudit(id);
      const entry = audit.find((a) => a.action === 'notices:cancelled');
      expect(entry?.details).toMatchObject({ counts: { channels: { email: { sent: atCancel } } } });
    },
    180_000,
  );
});
