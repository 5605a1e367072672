// The page's pipeline as a whole (plan's page read back, claim, render, send, record) against a
// SQLite ledger and channels that answer as the test says: exactly once across attempts, fallback
// by policy, retries only of what is unsent, lanes, cancellation.
import { ApplicationFailure } from '@temporalio/activity';
import { afterEach, describe, expect, it } from 'vitest';
import { SendGate } from '../../activities/notices/gate.js';
import { OutcomeWriter } from '../../activities/notices/outcome-writer.js';
import { NOTICES_PENDING, sendNoticePage, type NoticeSending } from '../../activities/notices/send-page.js';
import type { SendResult } from '../../activities/channels/index.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import type { NoticeChannel, NoticePolicy } from '../../domain/fallback.js';
import {
  answeringChannels,
  person,
  stepRig,
  stepSettings,
  testActivity,
  type StepRig,
} from '../support/notice-steps.js';

let rig: StepRig | undefined;
afterEach(() => rig?.store.cleanup());

type Answer = (channel: NoticeChannel, key: string) => Omit<SendResult, 'key'>;

async function pageRig(people: AffectedUser[], answer?: Answer) {
  rig = await stepRig(people);
  const { ledger } = rig.store;
  const channels = answeringChannels((c, k) => current(c, k));
  let current: Answer = answer ?? (() => ({ outcome: 'accepted' }));
  const turns: NoticeChannel[] = [];
  const sending: NoticeSending = {
    ledger,
    channels: channels.channels,
    settings: stepSettings,
    gates: {
      email: new SendGate({ concurrency: 2 }),
      sms: new SendGate({ concurrency: 2 }),
      push: new SendGate({ concurrency: 2 }),
      letter: new SendGate({ concurrency: 2 }),
      voice: new SendGate({ concurrency: 2 }),
    },
    outcomes: new OutcomeWriter(ledger),
    priority: { enter: () => () => undefined, turn: async (c) => void turns.push(c) },
  };
  const input = (policy: NoticePolicy, lane?: NoticeChannel[]) => ({
    incidentId: rig!.incidentId,
    noticeVersion: 1,
    policy,
    page: { size: people.length, last: rig!.people[rig!.people.length - 1]!.userId },
    ...(lane ? { lane } : {}),
  });
  return { ...channels, sending, input, turns, answer: (a: Answer) => (current = a), rig: rig! };
}

const FIRST: NoticePolicy = { mode: 'first', order: ['email', 'sms', 'push'] };

describe('sending a page of notices', () => {
  it('falls through channels by policy, records the unreachable, and never sends twice', async () => {
    const t = await pageRig(
      [person(1), person(2, { email: true, phone: true }), person(3, { push: true }), person(4, {})],
      (c, key) =>
        c === 'email' && key === 'u000002' ? { outcome: 'permanent', code: '550' } : { outcome: 'accepted' },
    );
    const first = testActivity();
    const totals = await sendNoticePage(t.sending, t.input(FIRST), first.activity);
    expect(totals).toMatchObject({ pages: 1, people: 4, reached: 3, unreachable: 1, possibleDuplicates: 0 });
    expect(totals.channels).toMatchObject({
      email: { sent: 1, failed: 1 },
      sms: { sent: 1 },
      push: { sent: 1 },
    });
    expect(t.sent.map((s) => `${s.channel}:${s.key}`).sort()).toEqual([
      'email:u000001',
      'email:u000002',
      'push:u000003',
      'sms:u000002',
    ]);
    const rows = await t.rig.store.ledger.deliveriesOf(t.rig.incidentId, 1, ['u000004']);
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ['email', 'unreachable'],
      ['push', 'unreachable'],
      ['sms', 'unreachable'],
    ]);
    // One round per channel of the fallback, each batch reported as it is through.
    expect(first.heartbeats).toEqual([
      { channel: 'email', handled: 2 },
      { channel: 'sms', handled: 3 },
      { channel: 'push', handled: 4 },
    ]);

    // The same page again (a redelivered task, a retry): nothing goes out twice, the counts hold.
    const again = await sendNoticePage(t.sending, t.input(FIRST), testActivity(2).activity);
    expect(t.sent).toHaveLength(4);
    expect(again).toMatchObject({ people: 4, reached: 3, unreachable: 1 });
  });

  it('fails retryably with what is unsent, waits as the provider asked, and retries only that', async () => {
    const t = await pageRig([person(1), person(2)], (_c, key) =>
      key === 'u000002' ? { outcome: 'retryable', code: '451', retryAfterMs: 2000 } : { outcome: 'accepted' },
    );
    const err = await sendNoticePage(t.sending, t.input(FIRST), testActivity().activity).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure.type).toBe(NOTICES_PENDING);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(2000);
    expect(failure.details?.[0]).toMatchObject({ reached: 1 });

    t.answer(() => ({ outcome: 'accepted' }));
    const totals = await sendNoticePage(t.sending, t.input(FIRST), testActivity(2).activity);
    expect(totals).toMatchObject({ reached: 2, unreachable: 0 });
    expect(t.sent.map((s) => s.key)).toEqual(['u000001', 'u000002', 'u000002']);
  });

  it('sends a lane only to the people its channel reaches, and leaves deciding to the settling pass', async () => {
    const t = await pageRig([person(1, { email: true, push: true }), person(2), person(3, { push: true })]);
    const totals = await sendNoticePage(
      t.sending,
      t.input({ mode: 'all', order: ['email', 'sms', 'push'] }, ['push']),
      testActivity().activity,
    );
    expect(t.sent.map((s) => `${s.channel}:${s.key}`)).toEqual(['push:u000001', 'push:u000003']);
    expect(totals).toMatchObject({ people: 0, reached: 0, unreachable: 0, channels: { push: { sent: 2 } } });
    expect(t.turns).toEqual(['push']);
    const rows = await t.rig.store.ledger.deliveriesOf(t.rig.incidentId, 1, ['u000002']);
    expect(rows).toEqual([]);
  });

  it('claims nothing once cancelled, and gives back the claims of a notice that cannot be written', async () => {
    const t = await pageRig([person(1), { ...person(2), name: 'N'.repeat(300) }]);
    const cancelled = testActivity();
    cancelled.abort();
    await expect(sendNoticePage(t.sending, t.input(FIRST), cancelled.activity)).rejects.toThrow();
    const { ledger } = t.rig.store;
    expect(await ledger.deliveriesOf(t.rig.incidentId, 1, ['u000001', 'u000002'])).toEqual([]);

    await expect(sendNoticePage(t.sending, t.input(FIRST), testActivity().activity)).rejects.toThrow();
    expect(t.sent).toEqual([]);
    const rows = await ledger.deliveriesOf(t.rig.incidentId, 1, ['u000001', 'u000002']);
    expect(rows.map((r) => [r.userId, r.status, r.errorCode])).toEqual([
      ['u000001', 'failed_retryable', 'RENDER_ERROR'],
      ['u000002', 'failed_retryable', 'RENDER_ERROR'],
    ]);
  });

  it('refuses for good a page of an incident that does not exist', async () => {
    const t = await pageRig([person(1)]);
    const err = await sendNoticePage(
      t.sending,
      { ...t.input(FIRST), incidentId: '00000000-0000-4000-8000-000000000000' },
      testActivity().activity,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'NotFound', nonRetryable: true });
  });
});
