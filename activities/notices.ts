// The fan-out's activities: plan pages of the affected set, send one page's notices exactly once per
// person, channel and notice version (falling through channels by the incident's policy), settle
// the lanes of an `all` fan-out, and note the fan-out in the audit log. Activities take and return
// cursors and counts; the people are read from the ledger by the steps in ./notices/.
import { log } from '@temporalio/activity';
import { perChannel, type FanoutTotals, type NoticeChannel } from '../domain/fallback.js';
import type { FanoutSettings } from '../domain/fanout-settings.js';
import type { ChannelSettings } from '../platform/channel-config.js';
import type { Ledger, ScheduleState } from '../store/ledger.js';
import type { Channels } from './channels/index.js';
import { LanePriority } from './throughput/lane-priority.js';
import { currentActivity } from './notices/activity-context.js';
import { SendGate } from './notices/gate.js';
import { OutcomeWriter } from './notices/outcome-writer.js';
import { reconcileNoticeCounts } from './notices/reconcile.js';
import { planNoticePages, type NoticePagePlan, type PlanNoticePagesInput } from './notices/plan.js';
import { sendNoticePage, type NoticeSending, type SendNoticePageInput } from './notices/send-page.js';
import { SharedSendQuota } from './notices/send-quota.js';
import { settleNoticePages, type SettleNoticePagesInput } from './notices/settle.js';

export type { NoticePage, NoticePagePlan, PlanNoticePagesInput } from './notices/plan.js';
export { NOTICES_PENDING, type SendNoticePageInput } from './notices/send-page.js';
export type { SettleNoticePagesInput } from './notices/settle.js';
export { noticeLink } from './notices/render.js';

export interface NoticeFanoutEvent {
  incidentId: string;
  noticeVersion: number;
  event: 'started' | 'finished' | 'cancelled';
  totals?: FanoutTotals;
}

export interface NoticeActivityDeps {
  ledger: Ledger;
  channels: Omit<Channels, 'close'>;
  settings: Pick<
    ChannelSettings,
    'limits' | 'noticeBaseUrl' | 'linkSecret' | 'linkTtlDays' | 'emailDomain' | 'fanout'
  >;
  /** Shown as the sender in notices; the incident's contact name when absent. */
  organisation?: string;
  /** Which channel's sends go first while the worker's CPU is the limit; cheapest first by default. */
  priority?: LanePriority;
}

/** Each channel's gate, shared by every page this worker runs; its rate shared with every worker. */
function sendGates(ledger: Ledger, limits: ChannelSettings['limits']): Record<NoticeChannel, SendGate> {
  const gate = (channel: NoticeChannel) => {
    const rate = limits[channel].ratePerSecond;
    return new SendGate(limits[channel], rate ? new SharedSendQuota(ledger, channel, rate) : undefined);
  };
  return perChannel(gate);
}

export function createNoticeActivities(deps: NoticeActivityDeps) {
  const { ledger, channels, settings } = deps;
  const outcomes = new OutcomeWriter(ledger);
  const sending: NoticeSending = {
    ledger,
    channels,
    settings,
    ...(deps.organisation ? { organisation: deps.organisation } : {}),
    gates: sendGates(ledger, settings.limits),
    outcomes,
    priority: deps.priority ?? new LanePriority(),
  };

  return {
    /** The worker's fan-out tuning, read once per fan-out so every page of it uses the same. */
    async noticeFanoutSettings(): Promise<FanoutSettings> {
      return settings.fanout;
    },

    /** When the fan-out's next held send is due, and how many calls still await their outcome. */
    noticeSchedule(input: { incidentId: string; noticeVersion: number }): Promise<ScheduleState> {
      return ledger.deliveryScheduleState(input.incidentId, input.noticeVersion);
    },

    planNoticePages(input: PlanNoticePagesInput): Promise<NoticePagePlan> {
      return planNoticePages(ledger, input);
    },

    settleNoticePages(input: SettleNoticePagesInput): Promise<FanoutTotals> {
      return settleNoticePages({ ledger, channels, outcomes }, input, currentActivity());
    },

    async recordNoticeFanout(e: NoticeFanoutEvent): Promise<void> {
      // At the end the kept counts are proved against the rows before they are written down.
      const reconciled =
        e.event === 'started' ? undefined : await reconcileNoticeCounts(ledger, e.incidentId, log);
      const counts = await ledger.deliveryCounts(e.incidentId, { noticeVersion: e.noticeVersion });
      await ledger.appendAudit({
        incidentId: e.incidentId,
        actor: 'system',
        action: `notices:${e.event}`,
        details: {
          noticeVersion: e.noticeVersion,
          ...(e.totals ? { totals: e.totals } : {}),
          counts,
          ...(reconciled ? { countsRepaired: reconciled.drift.length } : {}),
        },
      });
    },

    sendNoticePage(input: SendNoticePageInput): Promise<FanoutTotals> {
      return sendNoticePage(sending, input, currentActivity());
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
