// A provider's rate limit holds for the account, not for one worker: every worker takes its sends
// from the same per-second count in the ledger before it sends. Sends are taken in blocks (a tenth
// of a second's worth) so a worker asks the ledger a few times a second, not once per notice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { NoticeChannel } from '../../domain/fallback.js';
import type { Ledger } from '../../store/ledger.js';

export class SharedSendQuota {
  private second = 0;
  /** Sends this worker already took for `second` and has not used yet. */
  private inHand = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: Pick<Ledger, 'takeSendQuota'>,
    private readonly channel: NoticeChannel,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when `n` more sends fit in the current second for every worker together. */
  take(n: number, signal?: AbortSignal): Promise<void> {
    // One taker at a time, in arrival order, so a large request is not overtaken by small ones.
    const turn = this.queue.then(() => this.takeNow(n, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(n: number, signal?: AbortSignal): Promise<void> {
    let need = n;
    while (need > 0) {
      signal?.throwIfAborted();
      const second = Math.floor(this.now() / 1000);
      // What was taken for a second that is over cannot be used any more.
      if (second !== this.second) {
        this.second = second;
        this.inHand = 0;
      }
      if (this.inHand > 0) {
        const use = Math.min(this.inHand, need);
        this.inHand -= use;
        need -= use;
        continue;
      }
      const block = Math.min(this.perSecond, Math.max(need, Math.ceil(this.perSecond / 10)));
      if (await this.ledger.takeSendQuota(this.channel, second, block, this.perSecond)) {
        if (Math.floor(this.now() / 1000) === second) this.inHand += block;
        continue;
      }
      const smallest = Math.min(need, this.perSecond);
      if (
        smallest < block &&
        (await this.ledger.takeSendQuota(this.channel, second, smallest, this.perSecond))
      ) {
        if (Math.floor(this.now() / 1000) === second) this.inHand += smallest;
        continue;
      }
      // Every worker together used this second: wait for the next one.
      await sleep(1000 - (this.now() % 1000) + 1, undefined, { signal });
    }
  }
}
