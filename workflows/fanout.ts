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
  const inFlightPerLane = lanes.map(() => 0);
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
  }));

  const settings: FanoutSettings = input.settings ?? (await ledger.noticeFanoutSettings());
  if (run === 1) await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'started' });

  const startPage = (lane: number, page: NoticePage) => {
    const channels = lanes[lane]!.channels;
    inFlight++;
    inFlightPerLane[lane]!++;
    const settle = () => {
      inFlight--;
      inFlightPerLane[lane]!--;
    };
    pages
      .sendNoticePage({ incidentId, noticeVersion, policy, page, ...(channels ? { lane: channels } : {}) })
      .then(
        (result) => {
          addFanoutTotals(totals, result);
          // Lanes walk the same pages: count them once, on the first lane.
          if (channels && lane === 0) totals.pages++;
          settle();
        },
        (err: unknown) => {
          failure ??= err;
          settle();
        },
      );
  };

  // Pages of one run, all lanes together: the budget that keeps each run's history short.
  let pagesThisRun = 0;
  const walk = async (i: number) => {
    const lane = lanes[i]!;
    while (!lane.exhausted && pagesThisRun < settings.pagesPerRun) {
      const plan = await ledger.planNoticePages({
        incidentId,
        ...(lane.cursor !== undefined ? { after: lane.cursor } : {}),
        pageSize: settings.pageSize,
        pages: Math.min(settings.window, settings.pagesPerRun - pagesThisRun),
      });
      for (const page of plan.pages) {
        await condition(() => inFlightPerLane[i]! < settings.window || failure !== undefined);
        if (failure !== undefined) throw failure;
        startPage(i, page);
        pagesThisRun++;
      }
      if (plan.cursor !== undefined) lane.cursor = plan.cursor;
      lane.exhausted = plan.done;
    }
  };

  try {
    await Promise.all(lanes.map((_, i) => walk(i)));
    // Every page of this run finishes before the next run starts from the lanes' cursors.
    await condition(() => inFlight === 0);
    if (failure !== undefined) throw failure;
    if (lanes.some((l) => !l.exhausted)) {
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
    // Separate lanes each saw one channel: only now can a person be called reached or unreachable.
    if (lanes.length > 1) {
      addFanoutTotals(
        totals,
        await pages.settleNoticePages({
          incidentId,
          noticeVersion,
          policy,
          pageSize: Math.max(settings.pageSize, 2000),
        }),
      );
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(async () => {
        await condition(() => inFlight === 0);
        await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'cancelled', totals });
      });
    }
    throw err;
  }

  done = true;
  await ledger.recordNoticeFanout({ incidentId, noticeVersion, event: 'finished', totals });
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
    if (patched('fanout-channel-lanes')) return policy.order.map((c) => ({ channels: [c] }));
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
