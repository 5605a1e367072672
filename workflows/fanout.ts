// Individual notices for everyone affected: the fan-out records its start, runs its lanes as child
// workflows (one per channel when the policy sends on every channel, so a fast channel never waits
// for a slow one; else one lane that falls back from channel to channel), decides who was reached,
// and records its end. Only cursors and counts pass through here.
import {
  CancellationScope,
  executeChild,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { NoticeActivities } from '../activities/notices.js';
import { defaultNoticePolicy, type NoticePolicy } from '../domain/fallback.js';
import type { Severity } from '../domain/incident.js';
import { noticeLaneWorkflow } from './fanout-lane.js';
import {
  addFanoutTotals,
  emptyFanoutTotals,
  fanoutProgressQuery,
  noticeFanoutWorkflowId,
  noticeLaneWorkflowId,
  type FanoutLane,
  type FanoutTotals,
  type NoticeFanoutInput,
} from './fanout-messages.js';
import { noticeLedger as ledger } from './notice-activities.js';

// Settling reads every person once; it heartbeats, so a dead worker's pass is picked up again.
const settling = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function noticeFanoutWorkflow(input: NoticeFanoutInput): Promise<FanoutTotals> {
  const { incidentId, noticeVersion, policy } = input;
  const lanes: FanoutLane[] =
    policy.mode === 'all' && policy.order.length > 1 ? policy.order.map((c) => ({ channels: [c] })) : [{}];
  const laneWorkflows = lanes.map((l) => noticeLaneWorkflowId(incidentId, noticeVersion, l.channels));
  const totals = emptyFanoutTotals();
  let done = false;

  // The lanes answer for their own sends while they run; this adds them up once they are through.
  setHandler(fanoutProgressQuery, () => ({
    ...totals,
    incidentId,
    noticeVersion,
    run: 1,
    pagesInFlight: 0,
    done,
    laneWorkflows,
  }));

  const settings = await ledger.noticeFanoutSettings();
  await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'started' });
  try {
    const results = await Promise.all(
      lanes.map((lane, i) =>
        executeChild(noticeLaneWorkflow, {
          workflowId: laneWorkflows[i]!,
          args: [{ incidentId, noticeVersion, policy, lane, settings }],
        }),
      ),
    );
    // Pages: every lane's own (each walks the people its channel can reach).
    for (const r of results) addFanoutTotals(totals, r);
    if (lanes.length > 1) {
      // Each lane saw one channel: only now can a person be called reached or unreachable.
      addFanoutTotals(
        totals,
        await settling.settleNoticePages({
          incidentId,
          noticeVersion,
          policy,
          pageSize: Math.max(settings.pageSize, 2000),
        }),
      );
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() =>
        ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'cancelled', totals }),
      );
    }
    throw err;
  }

  done = true;
  await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'finished', totals });
  return totals;
}

/**
 * Called by the incident workflow in `notifying`: runs the fan-out as a child workflow and returns
 * its totals. Cancelling the caller's scope cancels the child, which stops its lanes within seconds.
 */
export async function sendIndividualNotices(opts: {
  incidentId: string;
  severity: Severity;
  noticeVersion?: number;
  policy?: NoticePolicy;
}): Promise<FanoutTotals> {
  const noticeVersion = opts.noticeVersion ?? 1;
  return executeChild(noticeFanoutWorkflow, {
    workflowId: noticeFanoutWorkflowId(opts.incidentId, noticeVersion),
    args: [
      {
        incidentId: opts.incidentId,
        noticeVersion,
        policy: opts.policy ?? defaultNoticePolicy(opts.severity),
      },
    ],
  });
}
