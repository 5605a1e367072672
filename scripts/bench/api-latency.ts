// What a responder waiting on `GET /v1/incidents/:id` sees during the fan-out: calls spread over the
// run (the API in the bench's process, its answer with the workflow's live state and the counts).
import type { Harness } from '../harness.js';

export interface ApiProbe {
  /** Stops calling; resolves with each call's time in milliseconds. */
  stop(): Promise<number[]>;
}

export function probeIncidentApi(h: Harness, incidentId: string, calls: number, everyMs: number): ApiProbe {
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped && times.length < calls) {
      const started = performance.now();
      const { status } = await h.get(`/v1/incidents/${incidentId}`);
      if (status !== 200) throw new Error(`GET /v1/incidents/${incidentId}: ${status}`);
      times.push(performance.now() - started);
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

export function percentile(times: readonly number[], p: number): number {
  if (times.length === 0) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
