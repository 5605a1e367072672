// The notice fan-out's public surface: input, result, progress query and workflow id. Shared by the
// incident workflow, the activities and the API; counts and cursors only, never people.
import { defineQuery } from '@temporalio/workflow';
import type { FanoutProgress, FanoutTotals, NoticeChannel, NoticePolicy } from '../domain/fallback.js';
import type { FanoutSettings } from '../domain/fanout-settings.js';
import type { Severity } from '../domain/incident.js';

export {
  addFanoutTotals,
  emptyFanoutTotals,
  type ChannelTotals,
  type FanoutProgress,
  type FanoutTotals,
} from '../domain/fallback.js';

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
  /** With it, the policy is the one the worker's settings give this severity (NOTICE_ORDER_*). */
  severity?: Severity;
}

export interface NoticeLaneInput extends NoticeFanoutInput {
  /** Carried across continue-as-new: where the lane's next page starts. */
  lane: FanoutLane;
  settings: FanoutSettings;
  totals?: FanoutTotals;
  run?: number;
}

/**
 * Live counts: each lane workflow answers for its own sends (its latest run, after continue-as-new);
 * the fan-out adds its lanes up once they are through and names them meanwhile.
 */
export const fanoutProgressQuery = defineQuery<FanoutProgress>('fanoutProgress');

/** One fan-out per incident and notice version: starting it twice is refused by Temporal. */
export function noticeFanoutWorkflowId(incidentId: string, noticeVersion: number): string {
  return `notices-${incidentId}-v${noticeVersion}`;
}

/** The child workflow that sends one lane of a fan-out: one channel's, or the fallback lane. */
export function noticeLaneWorkflowId(
  incidentId: string,
  noticeVersion: number,
  channels?: readonly NoticeChannel[],
): string {
  const lane = channels?.length ? channels.join('-') : 'fallback';
  return `${noticeFanoutWorkflowId(incidentId, noticeVersion)}-${lane}`;
}

/** A later pass of a lane, for the sends held for quiet hours or calls to try again. */
export function noticeLanePassId(laneWorkflowId: string, pass: number): string {
  return pass === 0 ? laneWorkflowId : `${laneWorkflowId}-pass${pass}`;
}
