// One lane of a notice fan-out: it walks the people its channel can reach (or, for a policy that
// falls back from channel to channel, everyone) in pages, a sliding window of page activities at a
// time, and continues as new every few hundred pages so its history stays short at any size.
import {
  ActivityCancellationType,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { NoticeActivities, NoticePage } from '../activities/notices.js';
import {
  addFanoutTotals,
  emptyFanoutTotals,
  fanoutProgressQuery,
  type FanoutTotals,
  type NoticeLaneInput,
} from './fanout-messages.js';
import { noticeLedger as ledger } from './notice-activities.js';

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

export async function noticeLaneWorkflow(input: NoticeLaneInput): Promise<FanoutTotals> {
  const { incidentId, noticeVersion, policy, lane, settings } = input;
  const run = (input.run ?? 0) + 1;
  const totals = input.totals ?? emptyFanoutTotals();
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

  const startPage = (page: NoticePage) => {
    inFlight++;
    pages
      .sendNoticePage({
        incidentId,
        noticeVersion,
        policy,
        page,
        ...(lane.channels ? { lane: lane.channels } : {}),
      })
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

  try {
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
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => condition(() => inFlight === 0));
    }
    throw err;
  }

  if (!lane.exhausted) {
    await continueAsNew<typeof noticeLaneWorkflow>({ ...input, lane, totals, run });
  }
  done = true;
  return totals;
}
