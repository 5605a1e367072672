import { ownFindingsByRegime } from './findings.js';
import type { JudgementKind } from './judgement.js';
import { OBLIGATION_STATUSES, type Obligation, type ObligationStatus } from './obligation.js';
import type { ObligationKind } from './rule.js';
import { RULES_PACK, type RulesPack } from './rules-pack.js';

/** What a responder needs first from a list of obligations: the next deadline, what is overdue, what blocks. */
export interface ObligationSummary {
  /** The earliest deadline still ahead among obligations that are due or waiting for a judgement. */
  nextDeadline: { id: string; regime: string; kind: ObligationKind; recipient: string; dueAt: string } | null;
  counts: Record<ObligationStatus, number>;
  overdue: string[];
  /** Judgements that would settle open obligations, in first-seen order. */
  judgementsNeeded: JudgementKind[];
  /**
   * For each missing judgement, the regimes whose open obligations it blocks; `needsOwnFinding` are those among
   * them that count only a finding recorded with their regime id (a general finding settles the others).
   */
  judgementsBlocking: { kind: JudgementKind; regimes: string[]; needsOwnFinding: string[] }[];
}

const ownFindingsCache = new WeakMap<RulesPack, Map<string, Set<JudgementKind>>>();

function ownFindings(pack: RulesPack): Map<string, Set<JudgementKind>> {
  let own = ownFindingsCache.get(pack);
  if (!own) {
    own = ownFindingsByRegime(pack);
    ownFindingsCache.set(pack, own);
  }
  return own;
}

export function summariseObligations(
  obligations: readonly Obligation[],
  pack: RulesPack = RULES_PACK,
): ObligationSummary {
  const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<
    ObligationStatus,
    number
  >;
  let next: ObligationSummary['nextDeadline'] = null;
  const needed: JudgementKind[] = [];
  const blocking = new Map<
    JudgementKind,
    { kind: JudgementKind; regimes: string[]; needsOwnFinding: string[] }
  >();
  const own = ownFindings(pack);
  for (const o of obligations) {
    counts[o.status] += 1;
    if ((o.status === 'due' || o.status === 'needs_judgement') && o.dueAt) {
      if (!next || Date.parse(o.dueAt) < Date.parse(next.dueAt)) {
        next = { id: o.id, regime: o.regime, kind: o.kind, recipient: o.recipient, dueAt: o.dueAt };
      }
    }
    if (o.status !== 'not_required' && o.status !== 'done') {
      for (const k of o.judgementsNeeded) {
        if (!needed.includes(k)) needed.push(k);
        const entry = blocking.get(k) ?? { kind: k, regimes: [], needsOwnFinding: [] };
        if (!entry.regimes.includes(o.regime)) {
          entry.regimes.push(o.regime);
          if (own.get(o.regime)?.has(k)) entry.needsOwnFinding.push(o.regime);
        }
        blocking.set(k, entry);
      }
    }
  }
  return {
    nextDeadline: next,
    counts,
    overdue: obligations.filter((o) => o.status === 'overdue').map((o) => o.id),
    judgementsNeeded: needed,
    judgementsBlocking: [...blocking.values()],
  };
}
