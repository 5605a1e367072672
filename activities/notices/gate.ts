// Per-channel limits: sends in flight (per worker) and sends per second (per worker, and for every
// worker together through a shared quota), shared by every page activity the worker runs, so a
// provider sees the configured load however many pages and workers run at once.
import { setTimeout as sleep } from 'node:timers/promises';

export interface GateLimits {
  concurrency: number;
  ratePerSecond?: number;
}

export class SendGate {
  private available: number;
  private readonly waiting: Array<{ n: number; wake: () => void }> = [];
  /** When the next send may start under the rate limit (virtual scheduling, so bursts stay smooth). */
  private nextStartAt = 0;

  constructor(
    private readonly limits: GateLimits,
    /** Takes sends from the rate every worker shares; absent, the rate holds for this worker only. */
    private readonly shared?: { take(n: number, signal?: AbortSignal): Promise<void> },
  ) {
    this.available = limits.concurrency;
  }

  /** The largest batch worth sending at once through this gate. */
  get batchSize(): number {
    return this.limits.concurrency;
  }

  /**
   * Resolves when the rate allows `n` more sends. Called before the sends are claimed, so claims are
   * taken only when they can go out at once: a worker killed while waiting for the rate leaves no
   * claims behind it to be taken over as possible duplicates. A cancelled activity stops waiting.
   */
  async admit(n: number, signal?: AbortSignal): Promise<void> {
    const rate = this.limits.ratePerSecond;
    if (!rate) return;
    const now = Date.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + (n / rate) * 1000;
    if (startAt > now) await sleep(startAt - now, undefined, { signal });
    await this.shared?.take(n, signal);
  }

  /** Runs `fn` once `n` send slots are free (the rate is `admit`'s). */
  async run<T>(n: number, fn: () => Promise<T>): Promise<T> {
    const slots = Math.max(1, Math.min(n, this.limits.concurrency));
    await this.acquire(slots);
    try {
      return await fn();
    } finally {
      this.release(slots);
    }
  }

  private acquire(n: number): Promise<void> {
    if (this.waiting.length === 0 && this.available >= n) {
      this.available -= n;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ n, wake: resolve }));
  }

  private release(n: number): void {
    this.available += n;
    // First come, first served: a large batch is not starved by small ones behind it.
    while (this.waiting.length && this.available >= (this.waiting[0]?.n ?? Infinity)) {
      const next = this.waiting.shift()!;
      this.available -= next.n;
      next.wake();
    }
  }
}
