// Builds engine inputs for the international rules tests: one country, a head count, a few judgements.
import type { DataCategory, IncidentAttributes } from '../../domain/incident.js';
import { computeObligations, type Obligation } from '../../domain/obligations/engine.js';
import type { Judgement, JudgementKind } from '../../domain/obligations/judgement.js';

export const DISCOVERED = '2026-12-02T09:00:00Z';

export interface Case {
  country: string;
  count?: number;
  discoveredAt?: string;
  categories?: DataCategory[];
  attributes?: Partial<IncidentAttributes>;
  judgements?: Judgement[];
  now?: string;
}

/** A finding decided at discovery; `regime` scopes it to one regime. */
export function finding(kind: JudgementKind, value: boolean, regime?: string, at = DISCOVERED): Judgement {
  return {
    kind,
    value,
    reason: `test finding for ${kind}`,
    decidedAt: at,
    decidedBy: 'dpo@example.com',
    ...(regime ? { regime } : {}),
  };
}

export function obligationsFor(c: Case): Obligation[] {
  const count = c.count ?? 10;
  const discoveredAt = c.discoveredAt ?? DISCOVERED;
  return computeObligations({
    incidentId: 'inc-intl',
    facts: {
      discoveredAt,
      dataCategories: c.categories ?? ['email', 'name'],
      severity: 'high',
      attributes: c.attributes ?? {},
    },
    assessment: { affected: count, byCountry: count > 0 ? { [c.country]: count } : {}, byRegion: {} },
    // Awareness at discovery unless the case records its own, so statuses do not wait for it.
    judgements: [finding('awareness', true, undefined, discoveredAt), ...(c.judgements ?? [])],
    now: c.now ?? new Date(Date.parse(discoveredAt) + 3_600_000).toISOString(),
  });
}

/** The obligation with this id, or undefined when the regime is not listed (nobody in its territory). */
export function obligation(c: Case, id: string): Obligation | undefined {
  return obligationsFor(c).find((o) => o.id === id);
}
