// Individual notices for everyone affected: the fan-out records its start, runs its lanes as child
// workflows (one per channel when the policy sends on every channel, so a fast channel never waits
// for a slow one; else one lane that falls back from channel to channel), decides who was reached,
// and records its end. Sends held for later (the person's quiet hours, a call nobody answered) are
// re-offered by later passes of the lanes, after a durable timer. Only cursors and counts pass here.
import {
  CancellationScope,
  executeChild,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { NoticeActivities } from '../activities/notices.js';
import { defaultNoticePolicy, type NoticePolicy } from '../domain/fallback.js';
import type { FanoutSettings } from '../domain/fanout-settings.js';
import type { Severity } from '../domain/incident.js';
import { noticeLaneWorkflow } from './fanout-lane.js';
import {
  addFanoutTotals,
  emptyFanoutTotals,
  fanoutProgressQuery,
  noticeFanoutWorkflowId,
  noticeLanePassId,
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

/** How often the fan-out looks again while calls still ring, and for how long at most per pass. */
const CALLS_POLL_MS = 15_000;
const CALLS_WAIT_MAX_MS = 30 * 60_000;

interface Pass {
  incidentId: string;
  noticeVersion: number;
  policy: NoticePolicy;
  settings: FanoutSettings;
  lanes: FanoutLane[];
  laneWorkflows: string[];
}

/** One walk of every lane (and, for `all`, the settling that decides per person). */
async function runPass(p: Pass, pass: number): Promise<FanoutTotals> {
  const { incidentId, noticeVersion, policy, settings } = p;
  const totals = emptyFanoutTotals();
  const results = await Promise.all(
    p.lanes.map((lane, i) =>
      executeChild(noticeLaneWorkflow, {
        workflowId: noticeLanePassId(p.laneWorkflows[i]!, pass),
        args: [{ incidentId, noticeVersion, policy, lane: { ...lane }, settings }],
      }),
    ),
  );
  // Pages: every lane's own (each walks the people its channel can reach).
  for (const r of results) addFanoutTotals(totals, r);
  if (p.lanes.length > 1) {
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
  return totals;
}

/** How long until the next held send is due; undefined when nothing waits (or nothing can be held). */
async function nextPassIn(p: Pass): Promise<number | undefined> {
  const { settings } = p;
  // Fan-outs started without these settings hold nothing, and replay without this activity.
  if (!settings.quietHours && !settings.voiceRetries) return undefined;
  const calling = settings.voiceRetries ? p.policy.order.includes('voice') : false;
  let waitedForCalls = 0;
  for (;;) {
    const due = await ledger.noticeSchedule({ incidentId: p.incidentId, noticeVersion: p.noticeVersion });
    // A call that rings now may come back unanswered and need another pass.
    if (calling && due.callsInFlight > 0 && waitedForCalls < CALLS_WAIT_MAX_MS) {
      await sleep(CALLS_POLL_MS);
      waitedForCalls += CALLS_POLL_MS;
      continue;
    }
    // Calls that ended unanswered for the last time fall back to the next channel in one more pass.
    if (due.nextAt === undefined) return waitedForCalls > 0 ? 0 : undefined;
    return Math.max(0, Date.parse(due.nextAt) - Date.now());
  }
}

export async function noticeFanoutWorkflow(input: NoticeFanoutInput): Promise<FanoutTotals> {
  const { incidentId, noticeVersion } = input;
  let totals = emptyFanoutTotals();
  let done = false;
  let laneWorkflows: string[] = [];

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
  const policy =
    input.severity && settings.orders ? defaultNoticePolicy(input.severity, settings.orders) : input.policy;
  const lanes: FanoutLane[] =
    policy.mode === 'all' && policy.order.length > 1 ? policy.order.map((c) => ({ channels: [c] })) : [{}];
  laneWorkflows = lanes.map((l) => noticeLaneWorkflowId(incidentId, noticeVersion, l.channels));
  const p: Pass = { incidentId, noticeVersion, policy, settings, lanes, laneWorkflows };
  await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'started' });
  try {
    let possibleDuplicates = 0;
    for (let pass = 0; ; pass++) {
      // Each pass sees every person's state in the ledger: its counts replace the last pass's.
      totals = await runPass(p, pass);
      possibleDuplicates += totals.possibleDuplicates;
      totals.possibleDuplicates = possibleDuplicates;
      const wait = await nextPassIn(p);
      if (wait === undefined) break;
      await sleep(wait);
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
        // Without an explicit policy the worker's configured order for the severity decides.
        ...(opts.policy ? {} : { severity: opts.severity }),
      },
    ],
  });
}
