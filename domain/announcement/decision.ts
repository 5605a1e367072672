// Whether an incident is announced publicly, and why: every reason that holds is kept, so the audit log
// and the approver see all of them. Pure and deterministic; the incident workflow runs it on its own state.
import type { AssessmentCounts } from '../assessment.js';
import { defaultNoticePolicy, type FanoutTotals } from '../fallback.js';
import type { Severity } from '../incident.js';
import { formatCount } from '../obligations/conditions.js';
import type { Obligation } from '../obligations/engine.js';
import { MOMENT_KINDS, type Judgement } from '../obligations/judgement.js';
import { RULES_PACK, regimeById, type RulesPack } from '../obligations/rules-pack.js';
import { substituteNotice, type SubstituteDecision } from '../obligations/substitute.js';
import { territoryCount } from '../obligations/territory.js';
import type { AnnouncementReason } from './announcement.js';
import { individualNoticeCostUsd, plannedSends, type ChannelCostsUsd } from './notice-cost.js';

/** The configured thresholds and prices the decision turns on (passed in the workflow's input). */
export interface AnnouncementPolicy {
  /** After the notices, announce when more than this share (0..1) of the people were left unreachable. */
  unreachableShare: number;
  /** … or when more than this many were; absent: no count threshold. */
  unreachableCount?: number;
  /** How long it stays up when no applicable regime names a posting period. */
  defaultDays: number;
  /** Price of one individual notice per channel, for the statutes' cost test. */
  costUsd: ChannelCostsUsd;
}

export const DEFAULT_ANNOUNCEMENT_POLICY: AnnouncementPolicy = {
  unreachableShare: 0.1,
  defaultDays: 90,
  costUsd: { email: 0.001, sms: 0.008, push: 0, letter: 0.75, voice: 0.05 },
};

/**
 * Whose individual notices the announcement makes unnecessary: `everyone` (the fan-out is not run),
 * `people_without_contact` (they cannot be sent one anyway; the others still are), or `none`.
 */
export type NoticeReplacement = 'everyone' | 'people_without_contact' | 'none';

export interface AnnouncementDecision {
  announce: boolean;
  reasons: AnnouncementReason[];
  /** How many people the announcement stands in for, and why. */
  replacesIndividualNoticeFor: number;
  replacementReason: string | null;
  skipIndividualNotices: NoticeReplacement;
  /** The strictest applicable regime's posting period, else the configured default. */
  postingDays: number;
  postingDaysSource: string;
  /** The estimated cost of individual notice to everyone (before the notices only). */
  estimatedCostUsd?: number;
}

export interface AnnouncementRequest {
  by: string;
  reason: string;
  at: string;
}

export interface BeforeNoticesSituation {
  severity: Severity;
  obligations: readonly Obligation[];
  assessment: AssessmentCounts | undefined;
  judgements: readonly Judgement[];
  requests: readonly AnnouncementRequest[];
}

const HOLDS = new Set<Obligation['status']>(['due', 'overdue', 'waiting_for_event', 'done']);

/**
 * An obligation is the incident's once its conditions hold. `needs_judgement` counts only when what is missing
 * is a moment its clock starts from (awareness), not a finding that decides whether it exists at all.
 */
function applies(o: Obligation): boolean {
  if (HOLDS.has(o.status)) return true;
  return o.status === 'needs_judgement' && o.judgementsNeeded.every((k) => MOMENT_KINDS.includes(k));
}

/** Means that are themselves individual notices: an option listing one complements them, not replaces. */
const INDIVIDUAL_MEANS = /\b(e-?mail|letter|telephone)\b/i;

interface SubstituteHolding {
  regime: string;
  regimeName: string;
  option: SubstituteDecision['options'][number];
  alongside: boolean;
}

function requestedReasons(requests: readonly AnnouncementRequest[]): AnnouncementReason[] {
  return requests.map((r) => ({ code: 'requested', detail: `requested by ${r.by}: ${r.reason}` }));
}

/** Per applicable regime, its substitute option that holds, the broadest first. */
function substituteHoldings(
  s: BeforeNoticesSituation,
  costUsd: number,
  pack: RulesPack,
): { holdings: SubstituteHolding[]; regimes: string[] } {
  const a = s.assessment;
  if (!a || a.affected === 0) return { holdings: [], regimes: [] };
  const regimes = [
    ...new Set(
      s.obligations.filter((o) => o.kind === 'individual_notice' && applies(o)).map((o) => o.regime),
    ),
  ];
  const holdings: SubstituteHolding[] = [];
  for (const id of regimes) {
    const regime = regimeById(id, pack);
    if (!regime) continue;
    const headCount = territoryCount(regime, a);
    // The assessment counts people without contact overall, not per place: assume they may all be here.
    const situation = {
      headCount,
      peopleWithoutContact: Math.min(a.reachable.none, headCount),
      estimatedCostUsd: (costUsd * headCount) / a.affected,
    };
    const decision = substituteNotice(id, situation, s.judgements, pack);
    const option = [...decision.options].sort(
      (x, y) => Number(y.covers === 'everyone') - Number(x.covers === 'everyone'),
    )[0];
    if (option) {
      const alongside = option.means.some((m) => INDIVIDUAL_MEANS.test(m));
      holdings.push({ regime: id, regimeName: regime.name, option, alongside });
    }
  }
  return { holdings, regimes };
}

function holdingReason(h: SubstituteHolding): AnnouncementReason {
  const means = h.option.means.join(', ');
  return h.alongside
    ? {
        code: 'required_alongside',
        regime: h.regime,
        detail: `${h.regimeName} substitute notice (${h.option.because}) consists of ${means}`,
      }
    : {
        code: 'substitute_notice',
        regime: h.regime,
        detail: `${h.regimeName} permits substitute notice for ${h.option.covers.replace(/_/g, ' ')}: ${h.option.because}`,
      };
}

/** Public and media notices the law asks for besides the individual ones, where no substitute explains them. */
function requiredAlongside(
  obligations: readonly Obligation[],
  explained: ReadonlySet<string>,
): AnnouncementReason[] {
  return obligations
    .filter((o) => (o.kind === 'public_notice' || o.kind === 'media_notice') && applies(o))
    .filter((o) => !explained.has(o.regime))
    .map((o) => ({
      code: 'required_alongside' as const,
      regime: o.regime,
      detail: `${o.regimeName}: ${o.kind.replace(/_/g, ' ')} to ${o.recipient} (${o.reason})`,
    }));
}

function postingPeriod(
  holdings: readonly SubstituteHolding[],
  policy: AnnouncementPolicy,
): Pick<AnnouncementDecision, 'postingDays' | 'postingDaysSource'> {
  let best: { days: number; source: string } | undefined;
  for (const h of holdings) {
    const days = h.option.postingDays;
    if (days !== null && (!best || days > best.days)) best = { days, source: h.regime };
  }
  return best
    ? { postingDays: best.days, postingDaysSource: best.source }
    : { postingDays: policy.defaultDays, postingDaysSource: 'default' };
}

/** The decision taken with the approval of the notices: substitute notice, the law asking for both, requests. */
export function decideBeforeNotices(
  s: BeforeNoticesSituation,
  policy: AnnouncementPolicy,
  pack: RulesPack = RULES_PACK,
): AnnouncementDecision {
  const a = s.assessment;
  const costUsd = a
    ? individualNoticeCostUsd(plannedSends(a, defaultNoticePolicy(s.severity)), policy.costUsd)
    : 0;
  const { holdings, regimes } = substituteHoldings(s, costUsd, pack);
  const explained = new Set(holdings.map((h) => h.regime));
  const reasons = [
    ...holdings.map(holdingReason),
    ...requiredAlongside(s.obligations, explained),
    ...requestedReasons(s.requests),
  ];
  const replacing = holdings.filter((h) => !h.alongside);
  // The fan-out cannot leave out one regime's people: only when every regime lets a substitute stand in
  // for everyone are the individual notices skipped for everyone.
  const everyone =
    regimes.length > 0 &&
    regimes.every((id) => replacing.some((h) => h.regime === id && h.option.covers === 'everyone'));
  const withoutContact = !everyone && holdings.length > 0 && (a?.reachable.none ?? 0) > 0;
  const skip: NoticeReplacement = everyone ? 'everyone' : withoutContact ? 'people_without_contact' : 'none';
  const names = holdings.map((h) => h.regimeName).join(', ');
  return {
    announce: reasons.length > 0,
    reasons,
    replacesIndividualNoticeFor:
      skip === 'everyone'
        ? (a?.affected ?? 0)
        : skip === 'people_without_contact'
          ? (a?.reachable.none ?? 0)
          : 0,
    replacementReason:
      skip === 'everyone'
        ? `substitute notice for everyone permitted by ${names}`
        : skip === 'people_without_contact'
          ? `no usable contact details; substitute notice under ${names}`
          : null,
    skipIndividualNotices: skip,
    ...postingPeriod(holdings, policy),
    estimatedCostUsd: costUsd,
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** The decision after the notices went out: too many people left unreachable, or a responder's request. */
export function decideAfterNotices(
  totals: Pick<FanoutTotals, 'people' | 'unreachable'>,
  requests: readonly AnnouncementRequest[],
  policy: AnnouncementPolicy,
): AnnouncementDecision {
  const reasons: AnnouncementReason[] = [];
  const share = totals.people > 0 ? totals.unreachable / totals.people : 0;
  const left = `${formatCount(totals.unreachable)} of ${formatCount(totals.people)} people (${percent(share)}) no channel reached`;
  if (share > policy.unreachableShare) {
    reasons.push({
      code: 'unreachable_share',
      detail: `${left}, over the ${percent(policy.unreachableShare)} threshold`,
    });
  }
  if (policy.unreachableCount !== undefined && totals.unreachable > policy.unreachableCount) {
    reasons.push({
      code: 'unreachable_count',
      detail: `${left}, over the threshold of ${formatCount(policy.unreachableCount)} people`,
    });
  }
  reasons.push(...requestedReasons(requests));
  return {
    announce: reasons.length > 0,
    reasons,
    replacesIndividualNoticeFor: totals.unreachable,
    replacementReason: totals.unreachable > 0 ? 'no channel reached them with the individual notice' : null,
    skipIndividualNotices: 'none',
    postingDays: policy.defaultDays,
    postingDaysSource: 'default',
  };
}
