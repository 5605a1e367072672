// One page of the fan-out, as a pipeline of its steps per batch of people: wait for the channel's
// turn and rate, claim, render, send, record. Rounds repeat it for the people whose channel failed
// (`first` policy) until every person of the page is decided for this attempt.
import { ApplicationFailure } from '@temporalio/activity';
import {
  addressFor,
  type FanoutTotals,
  type NoticeChannel,
  type NoticePolicy,
} from '../../domain/fallback.js';
import type { ChannelSettings } from '../../platform/channel-config.js';
import type { Ledger, StoredAffectedUser } from '../../store/ledger.js';
import type { Channels } from '../channels/index.js';
import type { LanePriority } from '../throughput/lane-priority.js';
import type { NoticeActivityContext } from './activity-context.js';
import { claimBatchSize, claimSends } from './claim.js';
import type { SendGate } from './gate.js';
import { readNoticePage, type NoticePage } from './plan.js';
import { PageProgress } from './progress.js';
import { ChannelRecord, recordPeopleDecided, type OutcomeRecorder, type PageRecordInput } from './record.js';
import { holdForQuietHours } from './quiet-hold.js';
import { PageNotices } from './render.js';
import { sendThrough, sendUnits } from './send.js';

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

/** What every page of this worker shares. */
export interface NoticeSending {
  ledger: Pick<
    Ledger,
    'getIncident' | 'pageAffectedUsers' | 'claimDeliveries' | 'markPushTokenDead' | 'scheduleDeliveries'
  >;
  channels: Omit<Channels, 'close'>;
  settings: Pick<ChannelSettings, 'noticeBaseUrl' | 'linkSecret' | 'linkTtlDays' | 'emailDomain' | 'fanout'>;
  organisation?: string;
  gates: Record<NoticeChannel, SendGate>;
  outcomes: OutcomeRecorder;
  priority: Pick<LanePriority, 'enter' | 'turn'>;
  /** The clock quiet hours and claims are decided by; the system's unless a test sets one. */
  now?: () => number;
}

/** Error type of a page that left notices waiting for a retry (Temporal retries only what is unsent). */
export const NOTICES_PENDING = 'NoticesPending';

/** The longest a page waits for its retry when the provider asks for more. */
const RETRY_DELAY_MAX_MS = 10 * 60_000;
/** A page that stops heartbeating is taken for dead and retried elsewhere while it still sends. */
const HEARTBEAT_EVERY_MS = 5000;

class NoticePageRun {
  readonly progress: PageProgress;
  private readonly record: PageRecordInput;

  constructor(
    private readonly s: NoticeSending,
    private readonly input: SendNoticePageInput,
    private readonly activity: NoticeActivityContext,
    people: readonly StoredAffectedUser[],
    private readonly notices: PageNotices,
  ) {
    this.progress = new PageProgress(people);
    this.record = {
      outcomes: s.outcomes,
      ledger: s.ledger,
      progress: this.progress,
      incidentId: input.incidentId,
      noticeVersion: input.noticeVersion,
      lastAttempt: activity.attempt >= s.settings.fanout.maxSendAttempts,
    };
  }

  async rounds(): Promise<void> {
    for (;;) {
      const groups = this.progress.nextRound(this.input.policy, this.input.lane);
      if (groups.size === 0) return;
      // Channels of one round run side by side.
      await Promise.all([...groups].map(([c, group]) => this.channel(c, group)));
    }
  }

  private async channel(channel: NoticeChannel, group: readonly StoredAffectedUser[]): Promise<void> {
    const { progress } = this;
    if (!this.s.channels[channel]) {
      for (const p of group)
        progress.settle(p, channel, { kind: 'failed', reason: `${channel} is not configured` });
      return;
    }
    const withAddress: StoredAffectedUser[] = [];
    for (const p of group) {
      const a = addressFor(p, channel);
      if ('missing' in a) progress.settle(p, channel, { kind: 'failed', reason: a.missing });
      else withAddress.push(p);
    }
    const size = claimBatchSize(channel, this.s.gates[channel].batchSize);
    const leave = this.s.priority.enter(channel);
    try {
      for (let i = 0; i < withAddress.length; i += size)
        await this.batch(channel, withAddress.slice(i, i + size));
    } finally {
      leave();
    }
  }

  /** One batch through the steps. */
  private async batch(channel: NoticeChannel, batch: readonly StoredAffectedUser[]): Promise<void> {
    const { s, input, activity, progress } = this;
    const { incidentId, noticeVersion } = input;
    const gate = s.gates[channel];
    await s.priority.turn(channel, activity.signal);
    // Stop between batches when cancelled (incident cancelled, worker shutting down): nothing
    // claimed is left unsent, so the next attempt has nothing to take over.
    activity.signal.throwIfAborted();
    await gate.admit(batch.length, activity.signal);
    activity.signal.throwIfAborted();
    const at = { incidentId, channel, noticeVersion };
    const nowMs = s.now?.() ?? Date.now();
    const claimed = await claimSends(
      s.ledger,
      at,
      batch,
      s.settings.fanout.reclaimAfterMs,
      new Date(nowMs).toISOString(),
    );
    progress.totals.possibleDuplicates += claimed.possibleDuplicates;
    for (const { person, state } of claimed.decided) progress.settle(person, channel, state);
    const quietHours = s.settings.fanout.quietHours;
    claimed.toSend = await holdForQuietHours(
      { ledger: s.ledger, quietHours, nowMs, progress },
      at,
      claimed.toSend,
    );
    const record = new ChannelRecord(this.record, channel);
    try {
      this.notices.prepare(claimed.toSend, channel);
    } catch (err) {
      // A notice that cannot be written is our fault, not the person's: give the claims back and
      // let the page retry (and alert) until the content or its data is fixed.
      await record.givenBack(claimed.toSend, 'RENDER_ERROR', err);
      throw err;
    }
    if (claimed.toSend.length) {
      const send = {
        channels: s.channels,
        settings: s.settings,
        incidentId,
        noticeVersion,
        notices: this.notices,
      };
      await sendUnits(
        channel,
        claimed.toSend,
        gate,
        activity.signal,
        (unit) => sendThrough(send, channel, unit),
        record,
      );
    }
    progress.handled += batch.length;
    activity.heartbeat({ channel, handled: progress.handled });
  }

  /** People still waiting for a retry; for a whole page, the decided ones are recorded and counted. */
  async decide(): Promise<number> {
    const { input, progress } = this;
    if (input.lane) {
      // People are counted once, by the settling pass, not once per lane.
      progress.totals.people = 0;
      return progress.lanePending(input.lane);
    }
    const decided = await recordPeopleDecided(
      this.s.outcomes,
      input.policy,
      progress.people,
      (p) => progress.statesOf(p),
      { incidentId: input.incidentId, noticeVersion: input.noticeVersion },
    );
    progress.totals.reached = decided.reached;
    progress.totals.unreachable = decided.unreachable;
    return decided.pending;
  }
}

/**
 * Sends one page, exactly once per person, channel and notice version. Retryable failures are
 * recorded, then the activity fails retryably and the next attempt claims only those (plus claims
 * that an attempt which died left behind, after `reclaimAfterMs`).
 */
export async function sendNoticePage(
  s: NoticeSending,
  input: SendNoticePageInput,
  activity: NoticeActivityContext,
): Promise<FanoutTotals> {
  const { incidentId, noticeVersion } = input;
  const incident = await s.ledger.getIncident(incidentId);
  if (!incident) throw ApplicationFailure.nonRetryable(`incident ${incidentId} not found`, 'NotFound');
  const people = await readNoticePage(s.ledger, incidentId, input.page, input.lane);
  const notices = new PageNotices({
    settings: s.settings,
    incidentId,
    facts: incident.facts,
    noticeVersion,
    ...(s.organisation ? { organisation: s.organisation } : {}),
  });
  const run = new NoticePageRun(s, input, activity, people, notices);
  // Heartbeat while waiting too (for a rate-limited channel's slots, a slow provider).
  const beat = setInterval(() => activity.heartbeat({ handled: run.progress.handled }), HEARTBEAT_EVERY_MS);
  try {
    await run.rounds();
  } finally {
    clearInterval(beat);
  }
  const pending = await run.decide();
  const { totals, retryAfterMs } = run.progress;
  if (pending > 0) {
    throw ApplicationFailure.create({
      message: `${pending} of ${people.length} people on this page wait for a retry`,
      type: NOTICES_PENDING,
      nonRetryable: false,
      details: [totals],
      ...(retryAfterMs > 0 ? { nextRetryDelay: Math.min(retryAfterMs, RETRY_DELAY_MAX_MS) } : {}),
    });
  }
  return totals;
}
