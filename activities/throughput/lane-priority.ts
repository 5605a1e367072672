// Throughput device: while CPU is the limit, more people are reached early (cheapest channel first).
//
// When CPU is what limits sending (the worker's event loop busy nearly all the time, or the machine's
// cores all taken, as when the worker shares them with other workers or a local relay), the channel
// that reaches a person for the least CPU goes first: a push costs a fraction of an SMS, an SMS a
// fraction of an email. Everyone is reached by the same moment either way (the work is the same), but
// cheapest-first reaches most people soonest, and each push or SMS carries the link to the full notice.
// While the CPU has room to spare (providers slower than the worker, rate limits), nobody waits.
import { cpus, type CpuInfo } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NoticeChannel } from '../../domain/fallback.js';

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
 * A busy signal measured over windows of `windowMs` or so, when asked, so nothing runs while nobody
 * asks. `utilization` reads the busy share between two readings (undefined: too close to tell). Busy
 * from `threshold` on, and then until the share falls below `release`: a load that hovers around
 * the threshold would otherwise let a costlier batch through in every window that dips under it.
 * After `staleMs` without a question the last window is old news, and the answer is "busy" until a
 * fresh window says otherwise: a fan-out starting after a quiet spell would otherwise let every
 * costlier page through at once.
 */
function windowed<T>(
  read: () => T,
  utilization: (before: T, after: T) => number | undefined,
  { threshold, release, windowMs, staleMs }: BusyWindow,
): () => boolean {
  let last = read();
  let lastAt = performance.now();
  let busy = true;
  return () => {
    const now = performance.now();
    if (now - lastAt < windowMs) return busy;
    const current = read();
    if (now - lastAt > staleMs) busy = true;
    else {
      const share = utilization(last, current);
      if (share === undefined) return busy;
      busy = share >= (busy ? release : threshold);
    }
    last = current;
    lastAt = now;
    return busy;
  };
}

export interface BusyWindow {
  /** Busy share from which the signal says busy. */
  threshold: number;
  /** Once busy, the signal says so until the share falls below this. */
  release: number;
  windowMs: number;
  staleMs: number;
}

const BUSY: BusyWindow = { threshold: 0.9, release: 0.75, windowMs: 100, staleMs: 1000 };

/** True while this thread's event loop was busy (see `BusyWindow`) over the last window or so. */
export function eventLoopBusy(window: Partial<BusyWindow> = {}): () => boolean {
  return windowed(
    () => performance.eventLoopUtilization(),
    (before, after) => performance.eventLoopUtilization(after, before).utilization,
    { ...BUSY, ...window },
  );
}

/** CPU time of the machine so far, in ms: all of it, and the part spent idle. */
export interface CpuTimes {
  total: number;
  idle: number;
}

function machineCpuTimes(list: () => CpuInfo[] = cpus): CpuTimes {
  let total = 0;
  let idle = 0;
  for (const { times } of list()) {
    total += times.user + times.nice + times.sys + times.idle + times.irq;
    idle += times.idle;
  }
  return { total, idle };
}

/**
 * True while the machine's CPUs were busy (see `BusyWindow`) over the last window or so. A worker
 * that shares its machine (with other workers, or a provider's relay), or sends from a thread of its
 * own, can have an event loop with time to spare while the cores it would need are taken: that is
 * busy too.
 */
export function machineBusy(
  read: () => CpuTimes = machineCpuTimes,
  window: Partial<BusyWindow> = {},
): () => boolean {
  return windowed(
    read,
    (before, after) => {
      const total = after.total - before.total;
      // The kernel counts CPU time in ticks: a window without one says nothing new.
      if (total <= 0) return undefined;
      return 1 - (after.idle - before.idle) / total;
    },
    { ...BUSY, ...window },
  );
}

/** The worker's own event loop, or the machine under it, has no CPU to spare. */
export function workerBusy(list: () => CpuInfo[] = cpus): () => boolean {
  const loop = eventLoopBusy();
  // Where the platform does not say (os.cpus() empty), only the event loop decides: a machine signal
  // that never measured would answer "busy" for good and hold costlier channels behind cheaper ones.
  const machine = list().length > 0 ? machineBusy(() => machineCpuTimes(list)) : () => false;
  // Both are asked every time, so each keeps its window current.
  return () => {
    const a = loop();
    const b = machine();
    return a || b;
  };
}

export class LanePriority {
  /** Batches of each channel between `enter` and their leave, in this worker. */
  private readonly active = new Map<NoticeChannel, number>();

  constructor(
    private readonly order: readonly NoticeChannel[] = CHEAPEST_FIRST,
    private readonly busy: () => boolean = workerBusy(),
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
