// Claim: a send is taken in the ledger before it goes; only claims won are sent again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimBatchSize, claimedState, claimSends, CLAIM_BATCH_MAX } from '../../activities/notices/claim.js';
import { PUSH_UNIT } from '../../activities/notices/send.js';
import { recordOne } from '../support/deliveries.js';
import { person, stepRig, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
beforeAll(async () => {
  rig = await stepRig(Array.from({ length: 5 }, (_, i) => person(i + 1)));
});
afterAll(() => rig?.store.cleanup());

describe('claiming sends', () => {
  it('sends only the claims it won, and says what the ledger knows of the others', async () => {
    const { ledger } = rig.store;
    const at = { incidentId: rig.incidentId, channel: 'email' as const, noticeVersion: 1 };
    const [a, b, c, d, e] = rig.people;
    const first = await claimSends(ledger, at, [a!, b!, c!, d!], 60_000);
    expect(first.toSend.map((p) => p.userId)).toEqual(['u000001', 'u000002', 'u000003', 'u000004']);
    expect(first.decided).toEqual([]);
    await recordOne(ledger, { ...at, userId: a!.userId }, { status: 'accepted', providerId: 'm1' });
    await recordOne(ledger, { ...at, userId: b!.userId }, { status: 'failed_permanent', errorCode: '550' });
    await recordOne(
      ledger,
      { ...at, userId: c!.userId },
      { status: 'unreachable', reason: 'no email address' },
    );

    const again = await claimSends(ledger, at, [a!, b!, c!, d!, e!], 60_000);
    expect(again.toSend.map((p) => p.userId)).toEqual(['u000005']);
    expect(again.decided.map(({ person: p, state }) => [p.userId, state])).toEqual([
      ['u000001', { kind: 'sent' }],
      ['u000002', { kind: 'failed', reason: 'email failed permanently' }],
      ['u000003', { kind: 'failed', reason: 'email unreachable' }],
      // Claimed by the first call and not answered yet: another attempt is sending it.
      ['u000004', { kind: 'pending' }],
    ]);
    expect(again.possibleDuplicates).toBe(0);
  });

  it('takes over a claim left unanswered past reclaimAfterMs and counts it a possible duplicate', async () => {
    const { ledger } = rig.store;
    const at = { incidentId: rig.incidentId, channel: 'sms' as const, noticeVersion: 1 };
    const [a] = rig.people;
    expect((await claimSends(ledger, at, [a!], 60_000)).toSend).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const taken = await claimSends(ledger, at, [a!], 1);
    expect(taken.toSend.map((p) => p.userId)).toEqual(['u000001']);
    expect(taken.possibleDuplicates).toBe(1);
  });

  it('sizes batches to the gate, within bounds per channel', () => {
    expect(claimBatchSize('email', 4)).toBe(10);
    expect(claimBatchSize('email', 40)).toBe(40);
    expect(claimBatchSize('sms', 1000)).toBe(CLAIM_BATCH_MAX);
    expect(claimBatchSize('push', 1000)).toBe(PUSH_UNIT);
    expect(claimedState('push', 'claimed')).toBeUndefined();
    expect(claimedState('push', 'reclaimed')).toBeUndefined();
  });
});
