// Record: the provider's answer is in the ledger before the page counts it; the last attempt turns a
// retryable failure into a permanent one; people no channel reached are recorded unreachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSends } from '../../activities/notices/claim.js';
import { OutcomeWriter } from '../../activities/notices/outcome-writer.js';
import { PageProgress } from '../../activities/notices/progress.js';
import { ChannelRecord, recordPeopleDecided } from '../../activities/notices/record.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import { person, stepRig, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
beforeAll(async () => {
  rig = await stepRig(Array.from({ length: 4 }, (_, i) => person(i + 1, { email: true, push: true })));
});
afterAll(() => rig?.store.cleanup());

async function channelRecord(channel: NoticeChannel, noticeVersion: number, lastAttempt: boolean) {
  const { ledger } = rig.store;
  await claimSends(ledger, { incidentId: rig.incidentId, channel, noticeVersion }, rig.people, 60_000);
  const progress = new PageProgress(rig.people);
  const record = new ChannelRecord(
    {
      outcomes: new OutcomeWriter(ledger),
      ledger,
      progress,
      incidentId: rig.incidentId,
      noticeVersion,
      lastAttempt,
    },
    channel,
  );
  const delivery = (userId: string) =>
    ledger.getDelivery({ incidentId: rig.incidentId, userId, channel, noticeVersion });
  return { record, progress, delivery };
}

describe('recording what providers answered', () => {
  it('records acceptances, permanent and retryable failures, and dead push tokens', async () => {
    const { record, progress, delivery } = await channelRecord('push', 1, false);
    const [a, b, c, d] = rig.people;
    await record.answered(
      [a!, b!, c!],
      [
        { key: a!.userId, outcome: 'accepted', providerId: 'projects/p/messages/1' },
        {
          key: b!.userId,
          outcome: 'permanent',
          code: 'messaging/registration-token-not-registered',
          deadToken: true,
        },
        { key: c!.userId, outcome: 'retryable', code: 'server-unavailable', retryAfterMs: 3000 },
      ],
    );
    await record.givenBack([d!], 'SEND_ERROR', new Error('socket hang up'));

    expect(await delivery(a!.userId)).toMatchObject({
      status: 'accepted',
      providerId: 'projects/p/messages/1',
    });
    expect(await delivery(b!.userId)).toMatchObject({
      status: 'failed_permanent',
      errorCode: 'messaging/registration-token-not-registered',
    });
    expect((await rig.store.ledger.getAffectedUser(rig.incidentId, b!.userId))?.pushTokenDead).toBe(true);
    expect(await delivery(c!.userId)).toMatchObject({
      status: 'failed_retryable',
      errorCode: 'server-unavailable',
    });
    expect(await delivery(d!.userId)).toMatchObject({
      status: 'failed_retryable',
      errorCode: 'SEND_ERROR',
      errorMessage: 'Error: socket hang up',
    });

    expect(progress.totals.channels.push).toMatchObject({ sent: 1, failed: 1 });
    expect(progress.statesOf(b!).push).toEqual({
      kind: 'failed',
      reason: 'push failed permanently (messaging/registration-token-not-registered)',
    });
    expect(progress.statesOf(c!).push).toEqual({ kind: 'pending' });
    expect(progress.retryAfterMs).toBe(3000);
    // Given back, not decided: the next round or attempt tries again.
    expect(progress.statesOf(d!).push).toBeUndefined();
  });

  it('counts a retryable failure as permanent on the last attempt', async () => {
    const { record, progress, delivery } = await channelRecord('email', 2, true);
    const [a] = rig.people;
    await record.answered(
      [a!],
      [{ key: a!.userId, outcome: 'retryable', code: '451', message: 'try later' }],
    );
    expect(await delivery(a!.userId)).toMatchObject({
      status: 'failed_permanent',
      errorCode: 'RETRIES_EXHAUSTED:451',
      errorMessage: 'try later',
    });
    expect(progress.statesOf(a!).email?.kind).toBe('failed');
  });

  it('records every channel of a person no channel reached as unreachable, with its reason', async () => {
    const { ledger } = rig.store;
    const [a, b] = rig.people;
    const decided = await recordPeopleDecided(
      new OutcomeWriter(ledger),
      { mode: 'first', order: ['email', 'sms'] },
      [a!, b!],
      (p) =>
        p === a
          ? { email: { kind: 'sent' } }
          : {
              email: { kind: 'failed', reason: 'email failed permanently' },
              sms: { kind: 'failed', reason: 'no phone number' },
            },
      { incidentId: rig.incidentId, noticeVersion: 3 },
    );
    expect(decided).toEqual({ reached: 1, pending: 0, unreachable: 1 });
    const rows = await ledger.deliveriesOf(rig.incidentId, 3, [a!.userId, b!.userId]);
    expect(rows.map((r) => [r.userId, r.channel, r.status, r.errorMessage]).sort()).toEqual([
      [b!.userId, 'email', 'unreachable', 'email failed permanently'],
      [b!.userId, 'sms', 'unreachable', 'no phone number'],
    ]);
  });
});
