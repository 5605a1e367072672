// What a responder waiting on `GET /v1/incidents/:id` sees during the fan-out: a call a second through
// the whole run (the API in the bench's process; its answer asks the incident workflow for its live
// state and reads the kept counts), of which 100 spread evenly over the run are reported. The counts'
// own read is timed beside it, to tell the ledger's share from the workflow query's.
import type { Harness } from '../harness.js';

export interface ApiTimes {
  /** Each call's time in milliseconds, in call order. */
  api: number[];
  /** The same moments' reads of the kept counts alone. */
  counts: number[];
}

export interface ApiProbe {
  stop(): Promise<ApiTimes>;
}

export function probeIncidentApi(h: Harness, incidentId: string, everyMs = 1000): ApiProbe {
  const times: ApiTimes = { api: [], counts: [] };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const { status } = await h.get(`/v1/incidents/${incidentId}`);
      if (status !== 200) throw new Error(`GET /v1/incidents/${incidentId}: ${status}`);
      const answered = performance.now();
      await h.ledger.deliveryCounts(incidentId);
      times.api.push(answered - started);
      times.counts.push(performance.now() - answered);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return times;
    },
  };
}

/** `n` of `xs` spread evenly over it (all of them when there are fewer). */
export function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!);
}

export function percentile(times: readonly number[], p: number): number {
  if (times.length === 0) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
