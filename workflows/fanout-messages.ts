// The notice fan-out's public surface: input, result, progress query and workflow id. Shared by the
// incident workflow, the activities and the API; counts and cursors only, never people.
import { defineQuery } from '@temporalio/workflow';
import type { FanoutProgress, FanoutTotals, NoticeChannel, NoticePolicy } from '../domain/fallback.js';

export {
  addFanoutTotals,
  emptyFanoutTotals,
  type ChannelTotals,
  type FanoutProgress,
  type FanoutTotals,
} from '../domain/fallback.js';

/** Tuning read by the worker from its configuration (FANOUT_* variables) when a fan-out starts. */
export interface FanoutSettings {
  /** People per page activity. */
  pageSize: number;
  /** Page activities in flight at once. */
  window: number;
  /** Pages per workflow run before it continues as new, which keeps every history short. */
  pagesPerRun: number;
}

/**
 * One walk through the affected set. A fan-out whose policy sends on every channel has one lane per
 * channel, so each channel goes at its own pace; otherwise one lane tries the channels in order.
 */
export interface FanoutLane {
  /** The channels of this lane; absent for the single lane that tries every channel of the policy. */
  channels?: NoticeChannel[];
  /** Where the lane's next page starts (the last userId of its previous page). */
  cursor?: string;
  exhausted?: boolean;
}

export interface NoticeFanoutInput {
  incidentId: string;
  /** 1 for the first notice; higher for supplemental notices with new facts. */
  noticeVersion: number;
  policy: NoticePolicy;
  /** Carried across continue-as-new: where each lane's next page starts. */
  lanes?: FanoutLane[];
  /** Where the next page started in runs recorded before lanes (read only, for their replay). */
  cursor?: string;
  totals?: FanoutTotals;
  run?: number;
  settings?: FanoutSettings;
}

/**
 * Live counts of a running fan-out (the latest run answers after continue-as-new). A fan-out with
 * lanes counts its lanes' sends when they finish; each lane workflow answers for itself meanwhile.
 */
export const fanoutProgressQuery = defineQuery<FanoutProgress>('fanoutProgress');

/** One fan-out per incident and notice version: starting it twice is refused by Temporal. */
export function noticeFanoutWorkflowId(incidentId: string, noticeVersion: number): string {
  return `notices-${incidentId}-v${noticeVersion}`;
}

/** The child workflow that sends one lane (one channel) of a fan-out. */
export function noticeLaneWorkflowId(
  incidentId: string,
  noticeVersion: number,
  channels: readonly NoticeChannel[],
): string {
  return `${noticeFanoutWorkflowId(incidentId, noticeVersion)}-${channels.join('-')}`;
}
