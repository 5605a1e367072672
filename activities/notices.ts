// The fan-out's I/O: plan pages of the affected set, and send one page's notices exactly once per
// person, channel and notice version, falling through channels by the incident's policy.
// Activities take and return cursors and counts; the people are read here, from the ledger.
import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  addressFor,
  emptyFanoutTotals,
  type FanoutTotals,
  nextChannel,
  personOutcome,
  type ChannelState,
  type NoticeChannel,
  type NoticePolicy,
} from '../domain/fallback.js';
import { sealDeliveryRef } from '../domain/delivery-ref.js';
import { noticeWriter, type RenderedNotice } from '../domain/notice/index.js';
import { noticeIncident, noticePerson } from '../domain/notice/incident-notice.js';
import { signNoticeLink } from '../domain/notice/link.js';
import type { ChannelSettings, FanoutSettings } from '../platform/channel-config.js';
import type { ClaimResult, DeliveryRecord, Ledger, StoredAffectedUser } from '../store/ledger.js';
import { noticeMessageId, type Channels, type SendResult } from './channels/index.js';
import { LanePriority } from './lane-priority.js';
import { SendGate } from './notice-gate.js';
import { SharedSendQuota } from './send-quota.js';
import { OutcomeWriter } from './notice-outcomes.js';

/** A page of the affected set: the people after `after` (by userId), `size` of them. */
export interface NoticePage {
  after?: string;
  size: number;
  /** The page's last userId (absent in pages planned before it was recorded). */
  last?: string;
}

export interface PlanNoticePagesInput {
  incidentId: string;
  after?: string;
  pageSize: number;
  pages: number;
  /**
   * Pages of the people this one channel can reach, for a lane of it: a lane's page then holds
   * `pageSize` sends, not the few of `pageSize` people that have an address for its channel, so
   * each page's fixed cost is spread over a full page. Absent: pages of the whole affected set.
   */
  reachableBy?: NoticeChannel;
}
export interface NoticePagePlan {
  pages: NoticePage[];
  /** Where the page after these starts. */
  cursor?: string;
  /** No people after these pages. */
  done: boolean;
}

export interface SendNoticePageInput {
  incidentId: string;
  noticeVersion: number;
  policy: NoticePolicy;
  page: NoticePage;
  /**
   * Only these channels of an `all` policy, each channel sent as its own lane so a fast one does
   * not wait for a slow one; who was reached is then decided by `settleNoticePages`. Absent: the
   * page tries every channel of the policy and decides for its people itself.
   */
  lane?: NoticeChannel[];
}

export interface SettleNoticePagesInput {
  incidentId: string;
  noticeVersion: number;
  policy: NoticePolicy;
  pageSize: number;
}

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

/** Error type of a page that left notices waiting for a retry (Temporal retries only what is unsent). */
export const NOTICES_PENDING = 'NoticesPending';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * People claimed with one statement at most. A batch is claimed only when about to be sent, and
 * sized to the channel's concurrency, so a killed worker leaves few claims unsent behind it (each
 * one taken over later counts as a possible duplicate).
 */
const CLAIM_BATCH_MAX = 100;
/**
 * Push notices per `sendEach` call. Outcomes are known only when the whole call returns, so a
 * smaller batch narrows what a killed worker may send twice.
 */
const PUSH_UNIT = 100;

/**
 * A person's signed link to their notice's page, as their notice carries it. It names the person by
 * their link reference, never by userId, so any userId gives a short link without personal data.
 */
export function noticeLink(
  settings: Pick<ChannelSettings, 'noticeBaseUrl' | 'linkSecret' | 'linkTtlDays'>,
  incidentId: string,
  person: Pick<StoredAffectedUser, 'linkRef'>,
  noticeVersion: number,
): string {
  const token = signNoticeLink(
    {
      incidentId,
      linkRef: person.linkRef,
      noticeVersion,
      expiresAt: new Date(Date.now() + settings.linkTtlDays * DAY_MS),
    },
    settings.linkSecret,
  );
  return `${settings.noticeBaseUrl}/n/${token}`;
}

type States = Partial<Record<NoticeChannel, ChannelState>>;

export function createNoticeActivities(deps: NoticeActivityDeps) {
  const { ledger, channels, settings } = deps;
  const gate = (channel: NoticeChannel) => {
    const limits = settings.limits[channel];
    const rate = limits.ratePerSecond;
    return new SendGate(limits, rate ? new SharedSendQuota(ledger, channel, rate) : undefined);
  };
  const gates: Record<NoticeChannel, SendGate> = {
    email: gate('email'),
    sms: gate('sms'),
    push: gate('push'),
  };
  const outcomes = new OutcomeWriter(ledger);
  const priority = deps.priority ?? new LanePriority();

  async function send(
    channel: NoticeChannel,
    people: readonly StoredAffectedUser[],
    notices: Map<string, RenderedNotice>,
    links: Map<string, string>,
    incidentId: string,
    noticeVersion: number,
  ): Promise<SendResult[]> {
    const notice = (p: StoredAffectedUser) => notices.get(p.userId)!;
    switch (channel) {
      case 'email':
        return channels.email!.send(
          people.map((p) => ({
            key: p.userId,
            to: p.email!,
            ...notice(p).email,
            messageId: noticeMessageId({
              incidentId,
              recipientRef: p.userId,
              noticeVersion,
              domain: settings.emailDomain,
            }),
          })),
        );
      case 'sms': {
        const sms = channels.sms!;
        return sms.send(
          people.map((p) => ({
            key: p.userId,
            to: p.phone!,
            body: notice(p).sms,
            ...(sms.reportsStatus
              ? {
                  callbackRef: sealDeliveryRef(
                    { incidentId, userId: p.userId, channel: 'sms', noticeVersion },
                    settings.linkSecret,
                  ),
                }
              : {}),
          })),
        );
      }
      case 'push':
        return channels.push!.send(
          people.map((p) => ({
            key: p.userId,
            token: p.pushToken!,
            ...notice(p).push,
            link: links.get(p.userId)!,
            data: { incidentId, noticeVersion: String(noticeVersion) },
          })),
        );
    }
  }

  /**
   * Reached, still pending or unreachable, per person. No channel could reach the unreachable: every
   * channel of the policy is marked unreachable with its own reason, which the announcement
   * (substitute notice) counts and lists.
   */
  async function decideOutcomes(
    policy: NoticePolicy,
    people: readonly StoredAffectedUser[],
    statesOf: (p: StoredAffectedUser) => States,
    at: { incidentId: string; noticeVersion: number },
  ): Promise<{ reached: number; pending: number; unreachable: number }> {
    let reached = 0;
    let pending = 0;
    const unreachable: Array<{ p: StoredAffectedUser; reasons: Partial<Record<NoticeChannel, string>> }> = [];
    for (const p of people) {
      const o = personOutcome(policy, statesOf(p));
      if (o.reached) reached++;
      if (o.pending) pending++;
      if (o.unreachable) unreachable.push({ p, reasons: o.unreachable });
    }
    await Promise.all(
      unreachable.flatMap(({ p, reasons }) =>
        (Object.entries(reasons) as Array<[NoticeChannel, string]>).map(([channel, reason]) =>
          outcomes.record({ ...at, userId: p.userId, channel }, { status: 'unreachable', reason }),
        ),
      ),
    );
    return { reached, pending, unreachable: unreachable.length };
  }

  /** What the ledger says a channel did for a person, for a lane that has finished. */
  function ledgerState(p: StoredAffectedUser, channel: NoticeChannel, row?: DeliveryRecord): ChannelState {
    if (row) {
      switch (row.status) {
        case 'accepted':
        case 'delivered':
          return { kind: 'sent' };
        case 'failed_permanent':
          return {
            kind: 'failed',
            reason: `${channel} failed permanently${row.errorCode ? ` (${row.errorCode})` : ''}`,
          };
        case 'unreachable':
          return { kind: 'failed', reason: row.errorMessage ?? `${channel} unreachable` };
        default:
          return { kind: 'pending' };
      }
    }
    if (!channels[channel]) return { kind: 'failed', reason: `${channel} is not configured` };
    const a = addressFor(p, channel);
    // An address without a row: the lane has not been there (yet); decide nothing.
    return 'missing' in a ? { kind: 'failed', reason: a.missing } : { kind: 'pending' };
  }

  return {
    /** The worker's fan-out tuning, read once per fan-out so every page of it uses the same. */
    async noticeFanoutSettings(): Promise<Pick<FanoutSettings, 'pageSize' | 'window' | 'pagesPerRun'>> {
      const { pageSize, window, pagesPerRun } = settings.fanout;
      return { pageSize, window, pagesPerRun };
    },

    /**
     * The next pages of the affected set. Only boundaries leave the activity; the list is frozen
     * once notices start, so a page read again later holds the same people.
     */
    async planNoticePages(input: PlanNoticePagesInput): Promise<NoticePagePlan> {
      const pages: NoticePage[] = [];
      let cursor = input.after;
      for (let i = 0; i < input.pages; i++) {
        const ids = await ledger.pageAffectedUserIds(input.incidentId, {
          ...(cursor !== undefined ? { afterUserId: cursor } : {}),
          ...(input.reachableBy ? { reachableBy: input.reachableBy } : {}),
          limit: input.pageSize,
        });
        if (ids.length === 0) return { pages, ...(cursor !== undefined ? { cursor } : {}), done: true };
        const last = ids[ids.length - 1]!;
        pages.push({ ...(cursor !== undefined ? { after: cursor } : {}), size: ids.length, last });
        cursor = last;
        if (ids.length < input.pageSize) return { pages, cursor, done: true };
      }
      return { pages, ...(cursor !== undefined ? { cursor } : {}), done: false };
    },

    /**
     * After every lane of an `all` fan-out finished: who was reached, who no channel could reach
     * (recorded with the reasons), page by page from the ledger. A retry resumes after the last
     * page its heartbeat reported, with the counts so far.
     */
    async settleNoticePages(input: SettleNoticePagesInput): Promise<FanoutTotals> {
      const ctx = Context.current();
      const { incidentId, noticeVersion, policy } = input;
      const resume = ctx.info.heartbeatDetails as { after?: string; totals: FanoutTotals } | undefined;
      const totals = resume?.totals ?? emptyFanoutTotals();
      let after = resume?.after;
      for (;;) {
        ctx.cancellationSignal.throwIfAborted();
        const people = await ledger.pageAffectedUsers(incidentId, {
          ...(after !== undefined ? { afterUserId: after } : {}),
          limit: input.pageSize,
        });
        if (people.length === 0) break;
        const rows = new Map<string, Partial<Record<NoticeChannel, DeliveryRecord>>>();
        for (const r of await ledger.deliveriesOf(
          incidentId,
          noticeVersion,
          people.map((p) => p.userId),
        )) {
          const own = rows.get(r.userId) ?? {};
          own[r.channel] = r;
          rows.set(r.userId, own);
        }
        const decided = await decideOutcomes(
          policy,
          people,
          (p) =>
            Object.fromEntries(
              policy.order.map((c) => [c, ledgerState(p, c, rows.get(p.userId)?.[c])]),
            ) as States,
          { incidentId, noticeVersion },
        );
        // People are counted here, once; pages by the lanes.
        totals.people += people.length;
        totals.reached += decided.reached;
        totals.unreachable += decided.unreachable;
        after = people[people.length - 1]!.userId;
        ctx.heartbeat({ after, totals });
        if (people.length < input.pageSize) break;
      }
      return totals;
    },

    async recordNoticeFanout(e: NoticeFanoutEvent): Promise<void> {
      const counts = await ledger.deliveryCounts(e.incidentId, { noticeVersion: e.noticeVersion });
      await ledger.appendAudit({
        incidentId: e.incidentId,
        actor: 'system',
        action: `notices:${e.event}`,
        details: { noticeVersion: e.noticeVersion, ...(e.totals ? { totals: e.totals } : {}), counts },
      });
    },

    /**
     * Sends one page. Each send is claimed in the ledger under (incident, person, channel, notice
     * version) first, so a retry, a redelivered task or another worker never sends it again once the
     * provider took it. Retryable failures are recorded, then the activity fails retryably and the
     * next attempt claims only those (plus claims that an attempt which died left behind, after
     * `reclaimAfterMs`). On the last allowed attempt a retryable failure counts as permanent so the
     * person falls through to the next channel instead of waiting forever.
     */
    async sendNoticePage(input: SendNoticePageInput): Promise<FanoutTotals> {
      const ctx = Context.current();
      const { incidentId, noticeVersion, policy, lane } = input;
      const lastAttempt = ctx.info.attempt >= settings.fanout.maxSendAttempts;
      const incident = await ledger.getIncident(incidentId);
      if (!incident) throw ApplicationFailure.nonRetryable(`incident ${incidentId} not found`, 'NotFound');
      const { page } = input;
      // A lane of one channel reads only the people of the page that channel can reach: the others
      // are decided by the settling pass, which finds them without an address for it.
      const onlyReachable = lane?.length === 1 && page.last !== undefined ? lane[0] : undefined;
      const people = await ledger.pageAffectedUsers(incidentId, {
        ...(page.after !== undefined ? { afterUserId: page.after } : {}),
        ...(onlyReachable ? { throughUserId: page.last, reachableBy: onlyReachable } : {}),
        limit: page.size,
      });

      // Rendered once claimed, once per person whatever the number of channels, and only for people
      // whose notice is still to go, so a retried page costs little.
      const writeNotice = noticeWriter({
        ...(deps.organisation ? { organisation: deps.organisation } : {}),
        incident: noticeIncident(incident.facts),
        noticeVersion,
      });
      const notices = new Map<string, RenderedNotice>();
      const links = new Map<string, string>();
      const prepare = (batch: readonly StoredAffectedUser[], channel: NoticeChannel) => {
        for (const p of batch) {
          let notice = notices.get(p.userId);
          if (!notice) {
            const link = noticeLink(settings, incidentId, p, noticeVersion);
            links.set(p.userId, link);
            notice = writeNotice({ locale: p.locale, person: noticePerson(p), noticeUrl: link });
            notices.set(p.userId, notice);
          }
          // Writes this channel's text now, so a notice that cannot be written fails here, not mid-send.
          void notice[channel];
        }
      };

      const totals = emptyFanoutTotals();
      totals.pages = 1;
      totals.people = people.length;
      const states = new Map<string, States>(people.map((p) => [p.userId, {}]));
      let retryAfterMs = 0;
      let handled = 0;

      const settle = (p: StoredAffectedUser, channel: NoticeChannel, state: ChannelState) => {
        states.get(p.userId)![channel] = state;
        if (state.kind === 'sent') totals.channels[channel].sent++;
      };

      const giveBack = async (
        channel: NoticeChannel,
        unit: readonly StoredAffectedUser[],
        errorCode: string,
        err: unknown,
      ) => {
        await Promise.all(
          unit.map((p) =>
            outcomes.record(
              { incidentId, userId: p.userId, channel, noticeVersion },
              { status: 'failed_retryable', errorCode, errorMessage: String(err) },
            ),
          ),
        );
      };

      const record = async (channel: NoticeChannel, p: StoredAffectedUser, r: SendResult) => {
        const key = { incidentId, userId: p.userId, channel, noticeVersion };
        if (r.outcome === 'accepted') {
          await outcomes.record(key, {
            status: 'accepted',
            providerId: r.providerId ?? `${channel}:${p.userId}`,
          });
          settle(p, channel, { kind: 'sent' });
        } else if (r.outcome === 'permanent' || lastAttempt) {
          const code = r.outcome === 'permanent' ? r.code : `RETRIES_EXHAUSTED:${r.code ?? ''}`;
          await outcomes.record(key, {
            status: 'failed_permanent',
            ...(code ? { errorCode: code } : {}),
            ...(r.message ? { errorMessage: r.message } : {}),
          });
          if (r.deadToken) await ledger.markPushTokenDead(incidentId, p.userId);
          totals.channels[channel].failed++;
          settle(p, channel, {
            kind: 'failed',
            reason: `${channel} failed permanently${r.code ? ` (${r.code})` : ''}`,
          });
        } else {
          await outcomes.record(key, {
            status: 'failed_retryable',
            ...(r.code ? { errorCode: r.code } : {}),
            ...(r.message ? { errorMessage: r.message } : {}),
          });
          retryAfterMs = Math.max(retryAfterMs, r.retryAfterMs ?? 0);
          settle(p, channel, { kind: 'pending' });
        }
      };

      const runChannel = async (channel: NoticeChannel, group: StoredAffectedUser[]) => {
        if (!channels[channel]) {
          for (const p of group)
            settle(p, channel, { kind: 'failed', reason: `${channel} is not configured` });
          return;
        }
        const withAddress: StoredAffectedUser[] = [];
        for (const p of group) {
          const a = addressFor(p, channel);
          if ('missing' in a) settle(p, channel, { kind: 'failed', reason: a.missing });
          else withAddress.push(p);
        }
        const gate = gates[channel];
        const claimBatch = Math.min(
          channel === 'push' ? PUSH_UNIT : CLAIM_BATCH_MAX,
          Math.max(10, gate.batchSize),
        );
        const leave = priority.enter(channel);
        try {
          await sendBatches(channel, withAddress, gate, claimBatch);
        } finally {
          leave();
        }
      };

      const sendBatches = async (
        channel: NoticeChannel,
        withAddress: readonly StoredAffectedUser[],
        gate: SendGate,
        claimBatch: number,
      ) => {
        for (let i = 0; i < withAddress.length; i += claimBatch) {
          await priority.turn(channel, ctx.cancellationSignal);
          // Stop between batches when cancelled (incident cancelled, worker shutting down): nothing
          // claimed is left unsent, so the next attempt has nothing to take over.
          ctx.cancellationSignal.throwIfAborted();
          const batch = withAddress.slice(i, i + claimBatch);
          await gate.admit(batch.length);
          ctx.cancellationSignal.throwIfAborted();
          const claims = await ledger.claimDeliveries(
            { incidentId, channel, noticeVersion },
            batch.map((p) => p.userId),
            { reclaimAfterMs: settings.fanout.reclaimAfterMs },
          );
          const toSend: StoredAffectedUser[] = [];
          batch.forEach((p, j) => {
            const claim = claims[j] as ClaimResult;
            switch (claim) {
              case 'reclaimed':
                totals.possibleDuplicates++;
                toSend.push(p);
                break;
              case 'claimed':
                toSend.push(p);
                break;
              case 'already_accepted':
                settle(p, channel, { kind: 'sent' });
                break;
              case 'already_claimed':
                settle(p, channel, { kind: 'pending' });
                break;
              case 'already_failed':
                settle(p, channel, { kind: 'failed', reason: `${channel} failed permanently` });
                break;
              case 'already_unreachable':
                settle(p, channel, { kind: 'failed', reason: `${channel} unreachable` });
                break;
            }
          });
          try {
            prepare(toSend, channel);
          } catch (err) {
            // A notice that cannot be written is our fault, not the person's: give the claims back
            // and let the page retry (and alert) until the content or its data is fixed.
            await giveBack(channel, toSend, 'RENDER_ERROR', err);
            throw err;
          }
          if (toSend.length) {
            // Email and SMS go one request per person, each holding one slot of the channel's gate,
            // so the provider sees a steady `concurrency` in flight across every page this worker
            // runs; push goes in `sendEach` batches of PUSH_UNIT holding as many slots. Each outcome is
            // recorded as soon as it is known: that gap is the only window for a duplicate.
            const units: StoredAffectedUser[][] = [];
            const unitSize = channel === 'push' ? PUSH_UNIT : 1;
            for (let k = 0; k < toSend.length; k += unitSize) units.push(toSend.slice(k, k + unitSize));
            let sendError: unknown;
            await Promise.all(
              units.map(async (unit) => {
                let results: SendResult[];
                let cancelled = false;
                try {
                  results = await gate.run(unit.length, async () => {
                    // Cancelled while waiting for a slot: do not start sends nobody wants any more.
                    if (ctx.cancellationSignal.aborted) {
                      cancelled = true;
                      return [];
                    }
                    return send(channel, unit, notices, links, incidentId, noticeVersion);
                  });
                } catch (err) {
                  // The channel classifies provider answers itself; an exception here is
                  // unexpected, and whether anything went out is unknown: give the claims back.
                  sendError ??= err;
                  await giveBack(channel, unit, 'SEND_ERROR', err);
                  return;
                }
                if (cancelled) {
                  await giveBack(channel, unit, 'CANCELLED', 'cancelled before sending');
                  return;
                }
                const byKey = new Map(unit.map((p) => [p.userId, p]));
                await Promise.all(results.map((r) => record(channel, byKey.get(r.key)!, r)));
              }),
            );
            if (sendError !== undefined) throw sendError;
          }
          handled += batch.length;
          ctx.heartbeat({ channel, handled });
        }
      };

      const sendRounds = async () => {
        // Rounds: `all` tries every channel in the first round; `first` moves to the next channel
        // only for the people whose previous one failed. Channels of one round run side by side.
        for (;;) {
          const groups = new Map<NoticeChannel, StoredAffectedUser[]>();
          for (const p of people) {
            const s = states.get(p.userId)!;
            const todo = lane
              ? lane.filter((c) => !s[c])
              : policy.mode === 'all'
                ? policy.order.filter((c) => !s[c])
                : [nextChannel(policy, s)].filter((c): c is NoticeChannel => c !== undefined);
            for (const c of todo) {
              const group = groups.get(c);
              if (group) group.push(p);
              else groups.set(c, [p]);
            }
          }
          if (groups.size === 0) break;
          await Promise.all([...groups].map(([c, group]) => runChannel(c, group)));
        }
      };

      // Heartbeat while waiting too (for a rate-limited channel's slots, a slow provider): a page
      // that stops heartbeating is taken for dead and retried elsewhere while it still sends.
      const beat = setInterval(() => ctx.heartbeat({ handled }), 5000);
      try {
        await sendRounds();
      } finally {
        clearInterval(beat);
      }

      let pending = 0;
      if (lane) {
        // People are counted once, by the settling pass, not once per lane.
        totals.people = 0;
        for (const p of people) {
          const s = states.get(p.userId)!;
          if (lane.some((c) => s[c]?.kind === 'pending')) pending++;
        }
      } else {
        const decided = await decideOutcomes(policy, people, (p) => states.get(p.userId)!, {
          incidentId,
          noticeVersion,
        });
        pending = decided.pending;
        totals.reached = decided.reached;
        totals.unreachable = decided.unreachable;
      }

      if (pending > 0) {
        throw ApplicationFailure.create({
          message: `${pending} of ${people.length} people on this page wait for a retry`,
          type: NOTICES_PENDING,
          nonRetryable: false,
          details: [totals],
          ...(retryAfterMs > 0 ? { nextRetryDelay: Math.min(retryAfterMs, 10 * 60_000) } : {}),
        });
      }
      return totals;
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
