import type { JudgementKind } from './judgement.js';
import type { ClockStart, Condition, Regime, SubstituteTrigger } from './rule.js';
import type { RulesPack } from './rules-pack.js';

/**
 * Which regimes ask which question. A finding recorded without `regime` answers the question for all of them;
 * `own` lists the regimes that count only a finding recorded for themselves, because their law words the test
 * its own way. Derived from the pack, so the console and the docs cannot drift from the rules.
 */
export interface FindingAsked {
  kind: JudgementKind;
  regimes: string[];
  own: string[];
}

function walk(c: Condition | undefined, visit: (kind: JudgementKind, own: boolean) => void): void {
  if (!c) return;
  if ('all' in c) c.all.forEach((x) => walk(x, visit));
  else if ('any' in c) c.any.forEach((x) => walk(x, visit));
  else if ('not' in c) walk(c.not, visit);
  else if ('judgement' in c) visit(c.judgement.kind, c.judgement.own === true);
}

function clockKind(clock: ClockStart): JudgementKind | undefined {
  return clock.from === 'judgement' ? clock.kind : undefined;
}

function triggerKind(t: SubstituteTrigger): JudgementKind | undefined {
  return 'judgement' in t ? t.judgement : undefined;
}

/** The questions one regime asks, each with whether it needs a finding of its own. */
export function regimeFindings(regime: Regime): Map<JudgementKind, boolean> {
  const found = new Map<JudgementKind, boolean>();
  const visit = (kind: JudgementKind, own: boolean) => found.set(kind, (found.get(kind) ?? false) || own);
  walk(regime.applies.attributes, visit);
  walk(regime.triggers, visit);
  for (const rule of regime.obligations) {
    walk(rule.when, visit);
    rule.deadlineOverrides.forEach((o) => walk(o.when, visit));
    const kinds = [clockKind(rule.clock), rule.assessBy ? clockKind(rule.assessBy.clock) : undefined];
    if (rule.delayable) kinds.push('law_enforcement_delay');
    for (const k of kinds) if (k) visit(k, false);
  }
  for (const option of regime.substituteNotice) {
    for (const t of [...option.anyOf, ...option.allOf]) {
      const k = triggerKind(t);
      if (k) visit(k, false);
    }
  }
  return found;
}

/** Every judgement kind the pack asks about, in first-seen order, with the regimes asking it. */
export function findingsAsked(pack: RulesPack): FindingAsked[] {
  const out = new Map<JudgementKind, FindingAsked>();
  for (const regime of pack) {
    for (const [kind, own] of regimeFindings(regime)) {
      const entry = out.get(kind) ?? { kind, regimes: [], own: [] };
      entry.regimes.push(regime.id);
      if (own) entry.own.push(regime.id);
      out.set(kind, entry);
    }
  }
  return [...out.values()];
}

/** Regime id → the kinds it only accepts as a finding recorded for itself. */
export function ownFindingsByRegime(pack: RulesPack): Map<string, Set<JudgementKind>> {
  const out = new Map<string, Set<JudgementKind>>();
  for (const regime of pack) {
    const own = [...regimeFindings(regime)].filter(([, o]) => o).map(([k]) => k);
    if (own.length > 0) out.set(regime.id, new Set(own));
  }
  return out;
}
