import { compare, formatCount } from './conditions.js';
import { currentJudgement, type Judgement } from './judgement.js';
import type { SubstituteOption, SubstituteTrigger } from './rule.js';
import { RULES_PACK, regimeById, type RulesPack } from './rules-pack.js';

/** The facts a substitute-notice decision turns on, per regime (head count is the regime's own people). */
export interface SubstituteSituation {
  headCount: number;
  peopleWithoutContact: number;
  /** Estimated cost of notifying everyone individually, in US dollars (the US statutes' test). */
  estimatedCostUsd?: number | undefined;
}

export interface SubstituteDecision {
  regime: string;
  /** True when at least one of the regime's options is open. */
  permitted: boolean;
  options: {
    covers: SubstituteOption['covers'];
    means: string[];
    postingDays: number | null;
    because: string;
    note: string | null;
  }[];
  /** Why nothing is permitted, when nothing is. */
  reason: string;
}

const METRIC_WORDS = {
  cost_usd: 'estimated cost of individual notice (USD)',
  head_count: 'people to notify',
  people_without_contact: 'people without usable contact details',
} as const;

function triggerMet(
  t: SubstituteTrigger,
  s: SubstituteSituation,
  judgements: readonly Judgement[],
  regime: string,
): string | null {
  if ('judgement' in t) {
    const j = currentJudgement(judgements, t.judgement, regime);
    return j?.value ? `judged ${t.judgement.replace(/_/g, ' ')} by ${j.decidedBy}: ${j.reason}` : null;
  }
  const actual =
    t.metric === 'cost_usd'
      ? s.estimatedCostUsd
      : t.metric === 'head_count'
        ? s.headCount
        : s.peopleWithoutContact;
  if (actual === undefined || !compare(actual, t.op, t.value)) return null;
  return `${METRIC_WORDS[t.metric]}: ${formatCount(actual)} (${t.op} ${formatCount(t.value)})`;
}

/**
 * Whether a regime lets a public or substitute notice stand in for individual notices, and what it must consist
 * of. Used by the announcement: it may only claim to replace individual notice where the regime allows it.
 */
export function substituteNotice(
  regimeId: string,
  situation: SubstituteSituation,
  judgements: readonly Judgement[] = [],
  pack: RulesPack = RULES_PACK,
): SubstituteDecision {
  const regime = regimeById(regimeId, pack);
  if (!regime)
    return { regime: regimeId, permitted: false, options: [], reason: `unknown regime ${regimeId}` };
  const options: SubstituteDecision['options'] = [];
  for (const option of regime.substituteNotice) {
    const met = option.anyOf
      .map((t) => triggerMet(t, situation, judgements, regime.id))
      .find((m) => m !== null);
    const alsoMet = option.allOf.every((t) => triggerMet(t, situation, judgements, regime.id) !== null);
    if (met && alsoMet) {
      options.push({
        covers: option.covers,
        means: [...option.means],
        postingDays: option.postingDays ?? null,
        because: met,
        note: option.note ?? null,
      });
    }
  }
  const reason =
    regime.substituteNotice.length === 0
      ? `${regime.name} provides no substitute for individual notice`
      : options.length === 0
        ? `none of ${regime.name}'s substitute-notice conditions holds`
        : `${regime.name} permits substitute notice`;
  return { regime: regime.id, permitted: options.length > 0, options, reason };
}

/**
 * The decision for every regime in a list of obligations (or any regime ids), once each, in order: what the
 * announcement may claim per regime. `situationFor` supplies each regime's own head count and reach.
 */
export function substituteNotices(
  regimeIds: readonly string[],
  situationFor: (regimeId: string) => SubstituteSituation,
  judgements: readonly Judgement[] = [],
  pack: RulesPack = RULES_PACK,
): SubstituteDecision[] {
  return [...new Set(regimeIds)].map((id) => substituteNotice(id, situationFor(id), judgements, pack));
}
