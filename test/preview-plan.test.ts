// The preview's plan decided per group with the fan-out's own per-person channel decision.
import { describe, expect, it } from 'vitest';
import { planSends, sendCostsUsd, sendSeconds, type PreviewGroup } from '../domain/preview/planned-sends.js';

const all = new Set(['email', 'sms', 'push'] as const);
const g = (email: boolean, sms: boolean, push: boolean, people: number, locale: string | null = 'en') =>
  ({ email, sms, push, people, locale }) satisfies PreviewGroup;

describe('planSends', () => {
  const groups = [g(true, true, false, 3), g(false, true, true, 2, 'fr'), g(false, false, false, 1, null)];

  it('sends on the first reachable channel only in `first` mode, counting overlaps once', () => {
    const plan = planSends({ mode: 'first', order: ['email', 'sms', 'push'] }, groups, all, 'en');
    expect(plan.sends).toEqual({ email: 3, sms: 2, push: 0, letter: 0, voice: 0 });
    expect(plan.unreachable).toBe(1);
    expect(plan.byLocale).toEqual({
      en: { email: 3, sms: 0, push: 0, letter: 0, voice: 0 },
      fr: { email: 0, sms: 2, push: 0, letter: 0, voice: 0 },
    });
  });

  it('sends on every reachable channel in `all` mode', () => {
    const plan = planSends({ mode: 'all', order: ['email', 'sms', 'push'] }, groups, all, 'en');
    expect(plan.sends).toEqual({ email: 3, sms: 5, push: 2, letter: 0, voice: 0 });
  });

  it('falls back past a channel that is not configured', () => {
    const plan = planSends(
      { mode: 'first', order: ['email', 'sms', 'push'] },
      groups,
      new Set(['push'] as const),
      'en',
    );
    expect(plan.sends).toEqual({ email: 0, sms: 0, push: 2, letter: 0, voice: 0 });
    expect(plan.unreachable).toBe(4);
  });
});

describe('send time and cost', () => {
  it('paces each channel by its rate; the slowest limited lane sets the total', () => {
    expect(sendSeconds({ email: 100, sms: 10, push: 0, letter: 0, voice: 0 }, { email: 50, sms: 1 })).toEqual(
      {
        email: 2,
        sms: 10,
        push: 0,
        letter: 0,
        voice: 0,
        total: 10,
      },
    );
    expect(sendSeconds({ email: 100, sms: 0, push: 0, letter: 0, voice: 0 }, {}).total).toBeNull();
  });

  it('keeps fractions of a cent', () => {
    expect(
      sendCostsUsd(
        { email: 3, sms: 0, push: 7, letter: 0, voice: 0 },
        { email: 0.001, sms: 0.008, push: 0.0001, letter: 0, voice: 0 },
      ),
    ).toEqual({
      email: 0.003,
      sms: 0,
      push: 0.0007,
      letter: 0,
      voice: 0,
      total: 0.0037,
    });
  });
});
