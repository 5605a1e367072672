// The notice fan-out's public surface: input, result, progress query and workflow id. Shared by the
// incident workflow, the activities and the API; counts and cursors only, never people.
import { defineQuery } from '@temporalio/workflow';
import type { FanoutProgress, FanoutTotals, NoticePolicy } from '../domain/fallback.js';

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

export interface NoticeFanoutInput {
  incidentId: string;
  /** 1 for the first notice; higher for supplemental notices with new facts. */
  noticeVersion: number;
  policy: NoticePolicy;
  /** Carried across continue-as-new: where the next page starts (the last userId of the previous page). */
  cursor?: string;
  totals?: FanoutTotals;
  run?: number;
  settings?: FanoutSettings;
}

/** Live counts of a running fan-out (the latest run answers after continue-as-new). */
export const fanoutProgressQuery = defineQuery<FanoutProgress>('fanoutProgress');

/** One fan-out per incident and notice version: starting it twice is refused by Temporal. */
export function noticeFanoutWorkflowId(incidentId: string, noticeVersion: number): string {
  return `notices-${incidentId}-v${noticeVersion}`;
}
