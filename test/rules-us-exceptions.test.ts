// Every US state regime's exceptions: the encryption safe harbour, data that is not personal information under
// that statute, the risk-of-harm finding where the statute has one (a judgement, never assumed), and the
// law-enforcement hold.
import { describe, expect, it } from 'vitest';
import type { DataCategory } from '../domain/incident.js';
import { STATE_FIXTURES } from './rules-us-fixtures.js';
import { judge, runState } from './rules-us-support.js';

const NOTICE = 'individual_notice.notification';

describe.each(STATE_FIXTURES)('$id exceptions', (fx) => {
  it('needs no notice for encrypted data, and all its duties fall away with it', () => {
    const obs = Object.values(runState(fx, { people: 100_000, encrypted: true }));
    expect(obs.length).toBeGreaterThan(0);
    for (const o of obs) expect(o.status, o.id).toBe('not_required');
  });

  it('needs notice for a name with a Social Security or driver licence number', () => {
    expect(runState(fx)[NOTICE]!.status).not.toBe('not_required');
  });

  it('needs no notice for email addresses and phone numbers alone', () => {
    expect(runState(fx, { categories: ['name', 'email', 'phone'] })[NOTICE]!.status).toBe('not_required');
  });

  it.each([
    ['password', 'pw'],
    ['health', 'hl'],
    ['biometric', 'bio'],
  ] as [DataCategory, 'pw' | 'hl' | 'bio'][])(
    'counts %s as personal information as the statute does',
    (category, flag) => {
      const status = runState(fx, { categories: ['name', category] })[NOTICE]!.status;
      expect(status === 'not_required', `${category} not personal information`).toBe(!fx[flag]);
    },
  );

  it(
    fx.harm ? 'lifts notice on a recorded finding that harm is not likely' : 'has no risk-of-harm exception',
    () => {
      // Before anyone decides, the duty stands: the exception is the company's to claim, in writing.
      expect(runState(fx)[NOTICE]!.status).not.toBe('not_required');
      const finding = judge('harm_not_likely', true, { regime: fx.id });
      const after = runState(fx, { judgements: [finding] })[NOTICE]!;
      expect(after.status === 'not_required').toBe(fx.harm);
      // A finding scoped to another state changes nothing here.
      const elsewhere = judge('harm_not_likely', true, { regime: 'us_nowhere' });
      expect(runState(fx, { judgements: [elsewhere] })[NOTICE]!.status).not.toBe('not_required');
    },
  );

  it('holds notice to residents while law enforcement asks for a delay', () => {
    const hold = judge('law_enforcement_delay', true);
    const held = runState(fx, { judgements: [hold] })[NOTICE]!;
    expect(held.status).toBe('waiting_for_event');
    expect(held.waitingFor).toBe('law_enforcement_delay');
  });
});
