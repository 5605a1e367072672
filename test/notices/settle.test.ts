// Settle: once the lanes are through, each person is decided from the ledger, page by page, and a
// retry resumes where the last heartbeat left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutcomeWriter } from '../../activities/notices/outcome-writer.js';
import { ledgerState, settleNoticePages } from '../../activities/notices/settle.js';
import type { FanoutTotals } from '../../domain/fallback.js';
import { claimOne, recordOne } from '../support/deliveries.js';
import { answeringChannels, person, stepRig, testActivity, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
const version = 1;
beforeAll(async () => {
  rig = await stepRig([
    person(1, { email: true, push: true }),
    person(2, { email: true, push: true }),
    person(3, { email: true }),
    person(4, { push: true }),
  ]);
  const { ledger } = rig.store;
  const key = (userId: string, channel: 'email' | 'push') => ({
    incidentId: rig.incidentId,
    userId,
    channel,
    noticeVersion: version,
  });
  // u000001: email taken; u000002: both failed for good; u000003: email still claimed; u000004: push taken.
  for (const [userId, channel, outcome] of [
    ['u000001', 'email', { status: 'accepted', providerId: 'm1' }],
    ['u000002', 'email', { status: 'failed_permanent', errorCode: '550' }],
    ['u000002', 'push', { status: 'failed_permanent', errorCode: 'messaging/invalid-argument' }],
    ['u000004', 'push', { status: 'accepted', providerId: 'p4' }],
  ] as const) {
    await claimOne(ledger, key(userId, channel));
    await recordOne(ledger, key(userId, channel), outcome);
  }
  await claimOne(ledger, key('u000003', 'email'));
});
afterAll(() => rig?.store.cleanup());

const policy = { mode: 'all' as const, order: ['email', 'sms', 'push'] as const };

describe('settling the lanes of a fan-out', () => {
  it('reads what each channel did from the ledger', () => {
    const { channels } = answeringChannels(undefined, ['email', 'push']);
    const [p1, , p3] = rig.people;
    expect(ledgerState(channels, p1!, 'sms')).toEqual({ kind: 'failed', reason: 'sms is not configured' });
    expect(ledgerState(channels, p3!, 'push').kind).toBe('failed');
    // An address but no row yet: the lane has not been there; nothing is decided.
    expect(ledgerState(channels, p1!, 'push')).toEqual({ kind: 'pending' });
  });

  it('counts each person once, records the unreachable, and resumes after its last heartbeat', async () => {
    const { ledger } = rig.store;
    const { channels } = answeringChannels(undefined, ['email', 'push']);
    const settling = { ledger, channels, outcomes: new OutcomeWriter(ledger) };
    const input = {
      incidentId: rig.incidentId,
      noticeVersion: version,
      policy: { ...policy, order: [...policy.order] },
      pageSize: 2,
    };
    const first = testActivity();
    const totals = await settleNoticePages(settling, input, first.activity);
    expect(totals).toMatchObject({ people: 4, reached: 2, unreachable: 1 });
    expect(first.heartbeats).toHaveLength(2);
    expect(first.heartbeats[0]).toMatchObject({ after: 'u000002', totals: { people: 2 } });
    const rows = await ledger.deliveriesOf(rig.incidentId, version, ['u000002']);
    expect(
      rows
        .filter((r) => r.status === 'unreachable')
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['email', 'push', 'sms']);

    // A retry after the first page's heartbeat reads only the second page.
    const resumed = testActivity(2, first.heartbeats[0]);
    const again = await settleNoticePages(settling, input, resumed.activity);
    expect(again).toMatchObject({ people: 4, reached: 2, unreachable: 1 });
    expect(resumed.heartbeats).toEqual([{ after: 'u000004', totals: again }]);
    expect((first.heartbeats[0] as { totals: FanoutTotals }).totals.people).toBe(2);
  });

  it('stops when cancelled', async () => {
    const { ledger } = rig.store;
    const { channels } = answeringChannels();
    const cancelled = testActivity();
    cancelled.abort();
    await expect(
      settleNoticePages(
        { ledger, channels, outcomes: new OutcomeWriter(ledger) },
        {
          incidentId: rig.incidentId,
          noticeVersion: version,
          policy: { mode: 'all', order: ['email'] },
          pageSize: 2,
        },
        cancelled.activity,
      ),
    ).rejects.toThrow();
    expect(cancelled.heartbeats).toEqual([]);
  });
});
