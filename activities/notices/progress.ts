// What one page has found out so far: per person, what each channel did; the page's counts; how
// long the provider asked us to wait. The steps report into it, and the rounds read from it which
// channel each person needs next.
import {
  emptyFanoutTotals,
  nextChannel,
  type ChannelState,
  type FanoutTotals,
  type NoticeChannel,
  type NoticePolicy,
} from '../../domain/fallback.js';
import type { StoredAffectedUser } from '../../store/ledger.js';

export type ChannelStates = Partial<Record<NoticeChannel, ChannelState>>;

export class PageProgress {
  readonly totals: FanoutTotals = emptyFanoutTotals();
  /** The longest wait a provider asked for before a retry. */
  retryAfterMs = 0;
  /** People of the page whose batch went through claim, render, send and record. */
  handled = 0;
  private readonly states: Map<string, ChannelStates>;

  constructor(readonly people: readonly StoredAffectedUser[]) {
    this.totals.pages = 1;
    this.totals.people = people.length;
    this.states = new Map(people.map((p) => [p.userId, {}]));
  }

  /** What each channel did for a person so far. */
  statesOf(p: Pick<StoredAffectedUser, 'userId'>): ChannelStates {
    return this.states.get(p.userId)!;
  }

  settle(p: Pick<StoredAffectedUser, 'userId'>, channel: NoticeChannel, state: ChannelState): void {
    this.statesOf(p)[channel] = state;
    if (state.kind === 'sent') this.totals.channels[channel].sent++;
    if (state.kind === 'waiting') this.totals.scheduled = (this.totals.scheduled ?? 0) + 1;
  }

  /** Held for a later pass of the fan-out, which may send from `untilMs` on. */
  wait(p: Pick<StoredAffectedUser, 'userId'>, channel: NoticeChannel, untilMs: number): void {
    this.totals.resumeAt = Math.min(this.totals.resumeAt ?? Infinity, untilMs);
    this.settle(p, channel, { kind: 'waiting' });
  }

  /** The provider took the notice: one send more for the channel. */
  sent(p: Pick<StoredAffectedUser, 'userId'>, channel: NoticeChannel): void {
    this.settle(p, channel, { kind: 'sent' });
  }

  /** The provider refused for good (or retries ran out): one failure more for the channel. */
  failed(p: Pick<StoredAffectedUser, 'userId'>, channel: NoticeChannel, reason: string): void {
    this.totals.channels[channel].failed++;
    this.settle(p, channel, { kind: 'failed', reason });
  }

  /** Left for a retry of the page, not before `retryAfterMs` when the provider said so. */
  retry(p: Pick<StoredAffectedUser, 'userId'>, channel: NoticeChannel, retryAfterMs = 0): void {
    this.retryAfterMs = Math.max(this.retryAfterMs, retryAfterMs);
    this.settle(p, channel, { kind: 'pending' });
  }

  /**
   * The people each channel is to try in the next round: `all` tries every channel in the first
   * round; `first` moves to the next channel only for those whose previous one failed. A lane tries
   * only its own channels. Empty once every person is decided for this attempt.
   */
  nextRound(policy: NoticePolicy, lane?: readonly NoticeChannel[]): Map<NoticeChannel, StoredAffectedUser[]> {
    const groups = new Map<NoticeChannel, StoredAffectedUser[]>();
    for (const p of this.people) {
      const s = this.statesOf(p);
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
    return groups;
  }

  /** People a lane left waiting for a retry on one of its channels. */
  lanePending(lane: readonly NoticeChannel[]): number {
    return this.people.filter((p) => lane.some((c) => this.statesOf(p)[c]?.kind === 'pending')).length;
  }
}
