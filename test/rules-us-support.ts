// Runs the obligations engine for one US state regime, with its people counted in its own region only.
import type { DataCategory } from '../domain/incident.js';
import { computeObligations, type Obligation, type ObligationInput } from '../domain/obligations/engine.js';
import type { Judgement, JudgementKind } from '../domain/obligations/judgement.js';
import type { StateFixture } from './rules-us-fixtures.js';

export const DISCOVERED = '2026-03-02T08:00:00Z';

export interface StateRun {
  people?: number;
  categories?: DataCategory[];
  encrypted?: boolean;
  judgements?: Judgement[];
  events?: ObligationInput['events'];
}

export function judge(kind: JudgementKind, value: boolean, extra: Partial<Judgement> = {}): Judgement {
  return {
    kind,
    value,
    reason: `recorded for ${kind}`,
    decidedAt: '2026-03-02T11:00:00Z',
    decidedBy: 'dpo@example.com',
    ...extra,
  };
}

/** The state's obligations, keyed by `<kind>.<phase>` (the regime id dropped). */
export function runState(fx: StateFixture, r: StateRun = {}): Record<string, Obligation> {
  const people = r.people ?? 10;
  const obligations = computeObligations({
    incidentId: 'inc-us',
    facts: {
      discoveredAt: DISCOVERED,
      dataCategories: r.categories ?? ['name', 'national_id'],
      severity: 'high',
      attributes: { dataEncrypted: r.encrypted ?? false },
    },
    assessment: { affected: people, byCountry: { US: people }, byRegion: { [`US-${fx.region}`]: people } },
    judgements: r.judgements ?? [],
    events: r.events ?? {},
    now: '2026-03-02T12:00:00Z',
  });
  const mine = obligations.filter((o) => o.regime === fx.id);
  return Object.fromEntries(mine.map((o) => [o.id.slice(fx.id.length + 1), o]));
}

export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

export function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

/** The three head counts around a threshold and whether the duty holds at each. */
export function edges([op, n]: ['gt' | 'gte', number]): [number, boolean][] {
  return [n - 1, n, n + 1].map((c) => [c, op === 'gt' ? c > n : c >= n]);
}
