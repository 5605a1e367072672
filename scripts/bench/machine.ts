// What the bench reads of the machine and the run: the host's CPU steal, workflow history lengths,
// arrival times at the local servers.
import { readFileSync } from 'node:fs';
import type { BenchChannel as Channel } from './people.js';
import type { Harness } from '../harness.js';

// Spreading 100,000 timestamps into Math.min/max overflows the stack.
export const least = (xs: readonly number[]) => xs.reduce((a, b) => (b < a ? b : a), Infinity);
export const most = (xs: readonly number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

export async function historyLengths(h: Harness, workflowId: string): Promise<number[]> {
  const lengths: number[] = [];
  for await (const e of h.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await h.client.workflow.getHandle(workflowId, e.runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
  }
  return lengths;
}

/** The machine's CPU time counters (all CPUs), to tell how much a virtual machine's host took. */
export function cpuTimes(): { steal: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
}

/** Share of CPU time the host took (steal) since `since`: figures measured under much steal are low. */
export function stealSince(since: { steal: number; total: number }): string {
  const now = cpuTimes();
  const total = now.total - since.total;
  return total > 0 ? `${(((now.steal - since.steal) / total) * 100).toFixed(0)} %` : 'n/a';
}

/** Arrival times per channel at the local servers, from index `from` on. */
export function arrivals(h: Harness, from: Record<Channel, number> = { email: 0, sms: 0, push: 0 }) {
  return {
    email: h.smtp.times.slice(from.email),
    sms: h.twilio.received.slice(from.sms).map((m) => m.receivedAt.getTime()),
    push: h.fcm.received.slice(from.push).map((m) => m.receivedAt.getTime()),
  } satisfies Record<Channel, number[]>;
}
