// Whether a notice costs more late in the run than early: the worker's CPU time sampled through the run,
// and the run cut into tenths of its notices (by arrival at the local servers), each with the worker's
// CPU per notice and each channel's send rate. A cost that grows with N shows as a rising column.
import type { BenchChannel as Channel } from './people.js';

export interface CpuSample {
  at: number;
  cpuSeconds: number;
}

/** Samples `read` (the workers' CPU seconds) every `everyMs` until stopped. */
export function sampleCpu(read: () => number, everyMs = 1000): { samples: CpuSample[]; stop(): void } {
  const samples: CpuSample[] = [{ at: Date.now(), cpuSeconds: read() }];
  const timer = setInterval(() => samples.push({ at: Date.now(), cpuSeconds: read() }), everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      samples.push({ at: Date.now(), cpuSeconds: read() });
    },
  };
}

/** CPU seconds at `t`, between the samples around it. */
export function cpuAt(samples: readonly CpuSample[], t: number): number {
  let before = samples[0]!;
  for (const s of samples) {
    if (s.at >= t) {
      if (s.at === before.at) return s.cpuSeconds;
      return before.cpuSeconds + ((s.cpuSeconds - before.cpuSeconds) * (t - before.at)) / (s.at - before.at);
    }
    before = s;
  }
  return before.cpuSeconds;
}

export interface Tenth {
  from: number;
  to: number;
  notices: number;
  /** Worker CPU (all its threads) per notice of the tenth, in microseconds. */
  cpuMicros: number;
  /** Notices per second of each channel while the tenth lasted. */
  rates: Record<Channel, number>;
}

/** How many of the sorted `times` are in (from, to]. */
function between(times: readonly number[], from: number, to: number): number {
  const upTo = (t: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return upTo(to) - upTo(from);
}

export function tenthsOf(
  got: Record<Channel, number[]>,
  samples: readonly CpuSample[],
  startedAt: number,
): Tenth[] {
  const sorted = Object.fromEntries(
    Object.entries(got).map(([ch, ts]) => [ch, [...ts].sort((a, b) => a - b)]),
  ) as Record<Channel, number[]>;
  const all = [...sorted.email, ...sorted.sms, ...sorted.push].sort((a, b) => a - b);
  const out: Tenth[] = [];
  let from = startedAt;
  let done = 0;
  for (let k = 1; k <= 10 && all.length > 0; k++) {
    const upTo = Math.max(done, Math.floor((k * all.length) / 10));
    if (upTo === done) continue;
    const to = all[upTo - 1]!;
    const seconds = Math.max(0.001, (to - from) / 1000);
    const notices = upTo - done;
    out.push({
      from,
      to,
      notices,
      cpuMicros: ((cpuAt(samples, to) - cpuAt(samples, from)) * 1e6) / notices,
      rates: {
        email: between(sorted.email, from, to) / seconds,
        sms: between(sorted.sms, from, to) / seconds,
        push: between(sorted.push, from, to) / seconds,
      },
    });
    from = to;
    done = upTo;
  }
  return out;
}

/**
 * The tenths, with the worker's CPU per notice also against the bare loops' for the same notices: the
 * lanes' mix changes over the run (cheapest channel first), so the plain figure moves with the mix,
 * and the ratio to the loops is what stays flat when a notice costs the same early and late.
 */
export function printTenths(
  tenths: readonly Tenth[],
  startedAt: number,
  sending: readonly Channel[],
  loopMicros: Partial<Record<Channel, number>>,
): void {
  const vsLoops = (t: Tenth) => {
    const seconds = (t.to - t.from) / 1000;
    const loops = sending.reduce((sum, c) => sum + t.rates[c] * seconds * (loopMicros[c] ?? 0), 0);
    return loops > 0 ? (t.cpuMicros * t.notices) / loops : NaN;
  };
  console.log(
    `\n  tenth  until s  notices  worker CPU µs/notice  vs loops  ` +
      sending.map((c) => `${c}/s`.padStart(8)).join(' '),
  );
  tenths.forEach((t, i) => {
    console.log(
      `  ${String(i + 1).padStart(5)} ${((t.to - startedAt) / 1000).toFixed(1).padStart(8)} ${String(t.notices).padStart(8)} ` +
        `${t.cpuMicros.toFixed(0).padStart(20)} ${vsLoops(t).toFixed(2).padStart(9)}  ` +
        sending.map((c) => t.rates[c].toFixed(0).padStart(8)).join(' '),
    );
  });
  const first = tenths[0];
  const last = tenths.at(-1);
  if (first && last && first !== last && first.cpuMicros > 0) {
    const change = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(0)} %`;
    console.log(
      `  last tenth against the first: worker CPU per notice ${change(first.cpuMicros, last.cpuMicros)}, ` +
        `against the loops for the same notices ${change(vsLoops(first), vsLoops(last))}`,
    );
  }
}
