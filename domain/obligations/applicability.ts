// The incident as the engine reads it, and whether a regime reaches it at all (territory and attributes).
import { IncidentAttributes, type DataCategory } from '../incident.js';
import { evaluate, formatCount, type ConditionContext, type Evaluation } from './conditions.js';
import type { Judgement } from './judgement.js';
import type { ObligationEvents, ObligationInput } from './obligation.js';
import type { Condition, Regime } from './rule.js';
import { normaliseCounts, territoryCount, territoryLabel, type Counts } from './territory.js';

export interface Prepared {
  incidentId: string;
  discoveredAt: string;
  dataCategories: DataCategory[];
  attributes: IncidentAttributes;
  counts: Counts | undefined;
  judgements: Judgement[];
  events: ObligationEvents;
  now: number;
}

export function prepare(input: ObligationInput): Prepared {
  // Defaults are merged rather than parsed: throwing inside workflow code would retry the task forever.
  const attributes: IncidentAttributes = {
    ...IncidentAttributes.parse({}),
    ...(input.facts.attributes ?? {}),
  };
  return {
    incidentId: input.incidentId,
    discoveredAt: input.facts.discoveredAt,
    dataCategories: input.facts.dataCategories,
    attributes,
    counts: input.assessment ? normaliseCounts(input.assessment) : undefined,
    judgements: (input.judgements ?? []) as Judgement[],
    events: input.events ?? {},
    now: Date.parse(input.now),
  };
}

/** The UTC calendar date of an instant, whatever offset it was written with; '' when unreadable. */
export function utcDate(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 10);
}

export function combine(conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { all: present };
}

export const ALWAYS: Evaluation = { truth: 'yes', missing: [], needsAssessment: false, because: [] };

/** Whether the regime reaches this incident at all; `no` means the regime is left out of the list. */
export function applicability(regime: Regime, p: Prepared, ctx: ConditionContext): Evaluation {
  const parts: Evaluation[] = [];
  if (regime.applies.attributes) parts.push(evaluate(regime.applies.attributes, ctx));
  if (regime.applies.people) {
    const where = territoryLabel(regime);
    if (!p.counts) {
      parts.push({
        truth: 'unknown',
        missing: [],
        needsAssessment: true,
        because: [`applies if people in ${where} are affected`],
      });
    } else {
      const n = territoryCount(regime, p.counts);
      parts.push({
        truth: n > 0 ? 'yes' : 'no',
        missing: [],
        needsAssessment: false,
        because: [`${formatCount(n)} people in ${where}`],
      });
    }
  }
  if (parts.some((e) => e.truth === 'no')) return { ...parts.find((e) => e.truth === 'no')!, truth: 'no' };
  const open = parts.filter((e) => e.truth === 'unknown');
  if (open.length > 0) {
    return { truth: 'unknown', missing: [], needsAssessment: true, because: open.flatMap((e) => e.because) };
  }
  return { truth: 'yes', missing: [], needsAssessment: false, because: parts.flatMap((e) => e.because) };
}
