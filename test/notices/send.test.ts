// Send: each channel gets its items from the rendered notices; units go through the gate, and each
// unit's outcome is reported, whether the provider answered, the send threw or it was cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeMessageId, type SendResult } from '../../activities/channels/index.js';
import { SendGate } from '../../activities/notices/gate.js';
import { PageNotices } from '../../activities/notices/render.js';
import { PUSH_UNIT, sendThrough, sendUnits, type UnitOutcomes } from '../../activities/notices/send.js';
import { openDeliveryRef } from '../../domain/delivery-ref.js';
import type { StoredAffectedUser } from '../../store/ledger.js';
import { sampleFacts } from '../support/stores.js';
import { answeringChannels, person, stepRig, stepSettings, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
beforeAll(async () => {
  rig = await stepRig(
    Array.from({ length: 3 }, (_, i) => person(i + 1, { email: true, phone: true, push: true })),
  );
});
afterAll(() => rig?.store.cleanup());

function reported() {
  const seen: Array<{ users: string[]; results?: SendResult[]; code?: string }> = [];
  const outcomes: UnitOutcomes = {
    answered: async (unit, results) =>
      void seen.push({ users: unit.map((p) => p.userId), results: [...results] }),
    givenBack: async (unit, code) => void seen.push({ users: unit.map((p) => p.userId), code }),
  };
  return { seen, outcomes };
}

const fakePeople = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ userId: `x${i}` }) as StoredAffectedUser);

describe('sending notices', () => {
  it("builds each channel's items from the person's notice, keyed by userId", async () => {
    const { channels, sent } = answeringChannels();
    const notices = new PageNotices({
      settings: stepSettings,
      incidentId: rig.incidentId,
      facts: sampleFacts(),
      noticeVersion: 1,
    });
    const send = { channels, settings: stepSettings, incidentId: rig.incidentId, noticeVersion: 1, notices };
    const [p] = rig.people;
    for (const channel of ['email', 'sms', 'push'] as const) {
      notices.prepare([p!], channel);
      const results = await sendThrough(send, channel, [p!]);
      expect(results).toEqual([{ key: p!.userId, outcome: 'accepted' }]);
    }
    const [email, sms, push] = sent.map((s) => s.item);
    expect(email).toMatchObject({
      to: p!.email,
      subject: notices.notice(p!).email.subject,
      messageId: noticeMessageId({
        incidentId: rig.incidentId,
        recipientRef: p!.userId,
        noticeVersion: 1,
        domain: stepSettings.emailDomain,
      }),
    });
    expect(sms).toMatchObject({ to: p!.phone, body: notices.notice(p!).sms });
    // The status callback finds its delivery by the sealed reference, without personal data in the URL.
    expect(openDeliveryRef(sms!.callbackRef as string, [stepSettings.linkSecret])).toEqual({
      incidentId: rig.incidentId,
      userId: p!.userId,
      channel: 'sms',
      noticeVersion: 1,
    });
    expect(push).toMatchObject({
      token: p!.pushToken,
      link: notices.link(p!),
      data: { incidentId: rig.incidentId, noticeVersion: '1' },
    });
  });

  it('sends email one person a unit, push in units of PUSH_UNIT, within the gate', async () => {
    const gate = new SendGate({ concurrency: 2 });
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    const send = async (unit: readonly StoredAffectedUser[]) => {
      sizes.push(unit.length);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return unit.map((p) => ({ key: p.userId, outcome: 'accepted' as const }));
    };
    const email = reported();
    await sendUnits('email', fakePeople(6), gate, new AbortController().signal, send, email.outcomes);
    expect(sizes).toEqual([1, 1, 1, 1, 1, 1]);
    expect(most).toBe(2);
    expect(email.seen.flatMap((s) => s.users)).toHaveLength(6);
    sizes.length = 0;
    const push = reported();
    await sendUnits(
      'push',
      fakePeople(PUSH_UNIT + 5),
      gate,
      new AbortController().signal,
      send,
      push.outcomes,
    );
    expect(sizes).toEqual([PUSH_UNIT, 5]);
    expect(push.seen.every((s) => s.results?.length === s.users.length)).toBe(true);
  });

  it('gives the claims back when a send throws or was cancelled, and throws once every unit is reported', async () => {
    const gate = new SendGate({ concurrency: 1 });
    const failing = reported();
    const send = async (unit: readonly StoredAffectedUser[]) => {
      if (unit[0]!.userId === 'x1') throw new Error('socket hang up');
      return unit.map((p) => ({ key: p.userId, outcome: 'accepted' as const }));
    };
    await expect(
      sendUnits('sms', fakePeople(3), gate, new AbortController().signal, send, failing.outcomes),
    ).rejects.toThrow('socket hang up');
    expect(failing.seen.map((s) => [s.users[0], s.code ?? 'answered'])).toEqual([
      ['x0', 'answered'],
      ['x1', 'SEND_ERROR'],
      ['x2', 'answered'],
    ]);

    const cancelled = reported();
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await sendUnits(
      'sms',
      fakePeople(2),
      gate,
      controller.signal,
      async () => {
        calls++;
        return [];
      },
      cancelled.outcomes,
    );
    expect(calls).toBe(0);
    expect(cancelled.seen.map((s) => s.code)).toEqual(['CANCELLED', 'CANCELLED']);
  });
});
