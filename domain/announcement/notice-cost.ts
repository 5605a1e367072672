// What notifying everyone individually would cost: the US state statutes let a substitute notice stand in
// when it would cost more than a threshold. Pure; the per-send prices come from configuration.
import type { AssessmentCounts } from '../assessment.js';
import { NOTICE_CHANNELS, perChannel, type NoticeChannel, type NoticePolicy } from '../fallback.js';

export type ChannelCostsUsd = Record<NoticeChannel, number>;

/** People reachable on each channel, from the assessment (a person may count on several). */
type Reach = AssessmentCounts['reachable'];

/**
 * The sends the fan-out would make under a policy: every reachable channel for `all`; for `first`, each
 * person once, on the first channel in order that reaches them. The assessment counts channels, not their
 * overlaps, so `first` assumes the earlier channels reach as many of the people as they can.
 */
export function plannedSends(
  assessment: Pick<AssessmentCounts, 'affected' | 'reachable'>,
  policy: NoticePolicy,
): Record<NoticeChannel, number> {
  const sends: Record<NoticeChannel, number> = perChannel(() => 0);
  const reach: Reach = assessment.reachable;
  if (policy.mode === 'all') {
    for (const c of policy.order) sends[c] = reach[c] ?? 0;
    return sends;
  }
  let left = Math.max(assessment.affected - reach.none, 0);
  for (const c of policy.order) {
    sends[c] = Math.min(left, reach[c] ?? 0);
    left -= sends[c];
  }
  return sends;
}

/** The price of the planned sends, in US dollars, rounded to cents. */
export function individualNoticeCostUsd(
  sends: Record<NoticeChannel, number>,
  costs: ChannelCostsUsd,
): number {
  // Policies recorded in histories before letters and calls carry no price for them.
  const total = NOTICE_CHANNELS.reduce((sum, c) => sum + (sends[c] ?? 0) * (costs[c] ?? 0), 0);
  return Math.round(total * 100) / 100;
}
