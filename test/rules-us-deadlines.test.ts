// Every US state regime's deadlines: fixed periods counted from discovery, from the determination of the breach
// (awareness) or from the notice to residents, and no invented date where the statute gives none.
import { describe, expect, it } from 'vitest';
import type { Obligation } from '../domain/obligations/engine.js';
import { STATE_FIXTURES, type From } from './rules-us-fixtures.js';
import { DISCOVERED, judge, plusDays, plusHours, runState } from './rules-us-support.js';

const AWARE = '2026-03-04T09:30:00Z';
const NOTICES = '2026-03-10T15:00:00Z';
const events = { noticesStartedAt: NOTICES };
const aware = judge('awareness', true, { effectiveAt: AWARE, decidedAt: '2026-03-04T10:00:00Z' });

/** Business-day deadlines worked out by hand on the US federal calendar (no federal holiday falls in them). */
const BUSINESS_DAYS: Record<string, string> = {
  // 14 business days after Monday 2 March 2026 is Friday 20 March, same New York wall time (EST then EDT).
  us_vermont: '2026-03-20T07:00:00.000Z',
  // 5 business days after Tuesday 10 March 2026 is Tuesday 17 March.
  us_iowa: '2026-03-17T15:00:00.000Z',
};

function expectedDue(
  id: string,
  [n, from, unit]: [number, From, ('cal' | 'bus' | 'hours')?],
  withAwareness: boolean,
) {
  if (unit === 'bus') return BUSINESS_DAYS[id];
  const start = from === 'notice' ? NOTICES : from === 'det' && withAwareness ? AWARE : DISCOVERED;
  return unit === 'hours' ? plusHours(start, n) : plusDays(start, n);
}

function expectNoFixedPeriod(o: Obligation): void {
  expect(o.dueAt).toBeNull();
  expect(o.deadline).toMatch(/delay|soon|expedi|before|with|later|concurrent|simultaneous/i);
  expect(['due', 'needs_judgement']).toContain(o.status);
}

describe.each(STATE_FIXTURES)('$id deadlines', (fx) => {
  it('to residents', () => {
    const before = runState(fx, { events })['individual_notice.notification']!;
    const after = runState(fx, { events, judgements: [aware] })['individual_notice.notification']!;
    if (!fx.res) {
      expectNoFixedPeriod(before);
      return;
    }
    expect(before.dueAt).toBe(expectedDue(fx.id, fx.res, false));
    expect(after.dueAt).toBe(expectedDue(fx.id, fx.res, true));
    // Until the determination is recorded, the count from discovery is the safer, provisional one.
    expect(before.clockProvisional).toBe(fx.res[1] === 'det');
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.ag))('$id regulator deadline', (fx) => {
  it('to the regulator', () => {
    const report = runState(fx, { people: 100_000, events, judgements: [aware] })[
      'regulator_report.notification'
    ]!;
    if (!fx.ag!.days) expectNoFixedPeriod(report);
    else expect(report.dueAt).toBe(expectedDue(fx.id, fx.ag!.days, true));
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.cra))('$id credit bureau deadline', (fx) => {
  it('to the credit bureaus', () => {
    const cra = runState(fx, { people: 100_000, events, judgements: [aware] })[
      'credit_bureau_notice.notification'
    ]!;
    if (!fx.cra!.days) expectNoFixedPeriod(cra);
    else expect(cra.dueAt).toBe(expectedDue(fx.id, fx.cra!.days, true));
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.ag?.days?.[1] === 'notice' || f.cra?.days?.[1] === 'notice'))(
  '$id counts from the notice to residents',
  (fx) => {
    it('waits for the notice to residents before counting from it', () => {
      const obs = runState(fx, { people: 100_000 });
      const waiting = Object.values(obs).filter((o) => o.status === 'waiting_for_event');
      expect(waiting.map((o) => o.waitingFor)).toContain('noticesStartedAt');
    });
  },
);
