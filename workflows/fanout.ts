// Individual notices for everyone affected: pages of the affected set go to page activities in a
// sliding window, and the workflow continues as new every few hundred pages, so its history stays
// short whatever the number of people. Only cursors and counts pass through here.
import {
  ActivityCancellationType,
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { NoticeActivities, NoticePage } from '../activities/notices.js';
import { defaultNoticePolicy, type NoticePolicy } from '../domain/fallback.js';
import type { Severity } from '../domain/incident.js';
import {
  addFanoutTotals,
  emptyFanoutTotals,
  fanoutProgressQuery,
  noticeFanoutWorkflowId,
  noticeLaneWorkflowId,
  type FanoutLane,
  type FanoutSettings,
  type FanoutTotals,
  type NoticeFanoutInput,
} from './fanout-messages.js';

const ledger = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// A page retries until its notices are out: the activity itself turns retryable failures into
// permanent ones after FANOUT_MAX_SEND_ATTEMPTS, so people fall through to the next channel.
// The heartbeat timeout is how soon a page of a dead worker is picked up again.
const pages = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  // On cancel, wait until the page has stopped sending, so the counts reported afterwards are final.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function noticeFanoutWorkflow(input: NoticeFanoutInput): Promise<FanoutTotals> {
  const { incidentId, noticeVersion, policy } = input;
  const run = (input.run ?? 0) + 1;
  const totals = input.totals ?? emptyFanoutTotals();
  const lanes: FanoutLane[] = input.lanes ?? firstLanes(input);
  const laneWorkflows =
    lanes.length > 1
      ? lanes.map((l) => noticeLaneWorkflowId(incidentId, noticeVersion, l.channels ?? []))
      : undefined;
  // One channel's lane of a fan-out: the fan-out itself records the start and end, and settles.
  const isLane = lanes.length === 1 && lanes[0]!.channels !== undefined;
  let inFlight = 0;
  let done = false;
  let failure: unknown;

  setHandler(fanoutProgressQuery, () => ({
    ...totals,
    incidentId,
    noticeVersion,
    run,
    pagesInFlight: inFlight,
    done,
    ...(laneWorkflows ? { laneWorkflows } : {}),
  }));

  const settings: FanoutSettings = input.settings ?? (await ledger.noticeFanoutSettings());
  if (run === 1 && !isLane) {
    await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'started' });
  }

  const startPage = (page: NoticePage) => {
    const channels = lanes[0]!.channels;
    inFlight++;
    pages
      .sendNoticePage({ incidentId, noticeVersion, policy, page, ...(channels ? { lane: channels } : {}) })
      .then(
        (result) => {
          addFanoutTotals(totals, result);
          inFlight--;
        },
        (err: unknown) => {
          failure ??= err;
          inFlight--;
        },
      );
  };

  /** This run's pages, in a sliding window; true when the affected set is through. */
  const walk = async (lane: FanoutLane): Promise<boolean> => {
    let pagesThisRun = 0;
    while (!lane.exhausted && pagesThisRun < settings.pagesPerRun) {
      const plan = await ledger.planNoticePages({
        incidentId,
        ...(lane.cursor !== undefined ? { after: lane.cursor } : {}),
        ...(lane.channels?.length === 1 ? { reachableBy: lane.channels[0] } : {}),
        pageSize: settings.pageSize,
        pages: Math.min(settings.window, settings.pagesPerRun - pagesThisRun),
      });
      for (const page of plan.pages) {
        await condition(() => inFlight < settings.window || failure !== undefined);
        if (failure !== undefined) throw failure;
        startPage(page);
        pagesThisRun++;
      }
      if (plan.cursor !== undefined) lane.cursor = plan.cursor;
      lane.exhausted = plan.done;
    }
    // Every page of this run finishes before the next run starts from the cursor.
    await condition(() => inFlight === 0);
    if (failure !== undefined) throw failure;
    return lane.exhausted === true;
  };

  try {
    if (laneWorkflows) {
      // One child workflow per channel: each walks the pages and continues as new at its own pace,
      // so a fast channel never waits for a slow one, not even at a run's end.
      const results = await Promise.all(
        lanes.map((lane, i) =>
          executeChild(noticeFanoutWorkflow, {
            workflowId: laneWorkflows[i]!,
            args: [{ incidentId, noticeVersion, policy, lanes: [lane], settings }],
          }),
        ),
      );
      // Pages: every lane's own (each walks the people its channel can reach).
      for (const r of results) addFanoutTotals(totals, r);
      // Each lane saw one channel: only now can a person be called reached or unreachable.
      addFanoutTotals(
        totals,
        await pages.settleNoticePages({
          incidentId,
          noticeVersion,
          policy,
          pageSize: Math.max(settings.pageSize, 2000),
        }),
      );
    } else if (!(await walk(lanes[0]!))) {
      await continueAsNew<typeof noticeFanoutWorkflow>({
        incidentId,
        noticeVersion,
        policy,
        lanes,
        totals,
        run,
        settings,
      });
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(async () => {
        await condition(() => inFlight === 0);
        if (!isLane) {
          await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'cancelled', totals });
        }
      });
    }
    throw err;
  }

  done = true;
  if (!isLane) {
    await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'finished', totals });
  }
  return totals;
}

/**
 * The lanes a fan-out starts with: one per channel when the policy sends on every channel, so a
 * fast channel is not held back by a slow one. Runs recorded before lanes (and their replays) keep
 * the one lane they had.
 */
function firstLanes(input: NoticeFanoutInput): FanoutLane[] {
  const { policy } = input;
  if (input.cursor === undefined && policy.mode === 'all' && policy.order.length > 1) {
    if (patched('fanout-lane-workflows')) return policy.order.map((c) => ({ channels: [c] }));
  }
  return [input.cursor !== undefined ? { cursor: input.cursor } : {}];
}

/**
 * Called by the incident workflow in `notifying`: runs the fan-out as a child workflow and returns
 * its totals. Cancelling the caller's scope cancels the child, which stops its pages within seconds.
 * Histories recorded before fan-out existed replay without it (undefined).
 */
export async function sendIndividualNotices(opts: {
  incidentId: string;
  severity: Severity;
  noticeVersion?: number;
  policy?: NoticePolicy;
}): Promise<FanoutTotals | undefined> {
  if (!patched('notice-fanout')) return undefined;
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
