// When a worker's CPU is what limits sending (its event loop busy nearly all the time), the channel
// that reaches a person for the least CPU goes first: a push costs a fraction of an SMS, an SMS a
// fraction of an email. Everyone is reached by the same moment either way (the work is the same), but
// cheapest-first reaches most people soonest, and each push or SMS carries the link to the full notice.
// While the CPU has room to spare (providers slower than the worker, rate limits), nobody waits.
import { performance } from 'node:perf_hooks';
import type { NoticeChannel } from '../domain/fallback.js';

/** Cheapest per notice first, as measured by `npm run bench` (CPU per notice of each loop alone). */
export const CHEAPEST_FIRST: readonly NoticeChannel[] = ['push', 'sms', 'email'];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * True while this thread's event loop was busy at least `threshold` of the last `windowMs` or so:
 * measured when asked, so nothing runs while nobody asks.
 */
export function eventLoopBusy(threshold = 0.9, windowMs = 100): () => boolean {
  let last = performance.eventLoopUtilization();
  let lastAt = performance.now();
  let busy = false;
  return () => {
    const now = performance.now();
    if (now - lastAt >= windowMs) {
      const current = performance.eventLoopUtilization();
      busy = performance.eventLoopUtilization(current, last).utilization >= threshold;
      last = current;
      lastAt = now;
    }
    return busy;
  };
}

export class LanePriority {
  /** Batches of each channel between `enter` and their leave, in this worker. */
  private readonly active = new Map<NoticeChannel, number>();

  constructor(
    private readonly order: readonly NoticeChannel[] = CHEAPEST_FIRST,
    private readonly busy: () => boolean = eventLoopBusy(),
    private readonly pollMs = 20,
  ) {}

  /** Counts `channel` as having sends to make until the returned function is called. */
  enter(channel: NoticeChannel): () => void {
    this.active.set(channel, (this.active.get(channel) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active.set(channel, this.active.get(channel)! - 1);
    };
  }

  /**
   * Resolves when `channel` may start its next sends: at once unless the worker is busy and a
   * cheaper channel has sends to make. Called before sends are claimed, so waiting holds no claims.
   */
  async turn(channel: NoticeChannel, signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted && this.cheaperActive(channel) && this.busy()) {
      await sleep(this.pollMs, signal);
    }
  }

  private cheaperActive(channel: NoticeChannel): boolean {
    const rank = this.order.indexOf(channel);
    for (let i = 0; i < rank; i++) if ((this.active.get(this.order[i]!) ?? 0) > 0) return true;
    return false;
  }
}
