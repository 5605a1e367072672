// The bench's verdict per channel: its end-to-end rate against its bare loop's (at once and alone),
// and the CPU each notice cost the worker against what it cost the loops.
import type { DeliveryCounts } from '../../store/ledger.js';
import type { BenchChannel as Channel } from './people.js';
import type { CeilingRates } from './ceilings.js';
import { most } from './machine.js';

const CHANNELS: Channel[] = ['email', 'sms', 'push'];

export interface RunResult {
  got: Record<Channel, number[]>;
  expected: Record<Channel, number>;
  counts: DeliveryCounts;
  approvedAt: number;
  workerCpuSeconds: number;
}

/** Channels whose notices did not all arrive, or that the ledger does not count as sent. */
export function printMissing({ got, expected, counts }: RunResult): void {
  for (const ch of CHANNELS) {
    const received = got[ch].length;
    const sent = counts.channels[ch].sent;
    if (received !== expected[ch] || sent !== expected[ch])
      console.log(`  ! ${ch}: expected ${expected[ch]}, server received ${received}, ledger sent ${sent}`);
  }
}

export function printRates(run: RunResult, rates: CeilingRates): void {
  const { got, approvedAt } = run;
  const alone = rates.alone as Record<Channel, number>;
  const together = rates.together as Record<Channel, number>;
  const sending = CHANNELS.filter((ch) => got[ch].length > 0);
  const all = sending.flatMap((ch) => got[ch]);
  // Seconds the ceilings would need for what the run sent: one channel after the other, or at once.
  let aloneSeconds = 0;
  let togetherSeconds = 0;
  console.log(`\n  channel      sent  end-to-end/s  ceiling at once/s  ratio  ceiling alone/s  ratio`);
  for (const ch of sending) {
    const times = got[ch];
    const rate = times.length / ((most(times) - approvedAt) / 1000);
    aloneSeconds += times.length / alone[ch];
    togetherSeconds = Math.max(togetherSeconds, times.length / together[ch]);
    console.log(
      `  ${ch.padEnd(6)} ${String(times.length).padStart(8)} ${rate.toFixed(0).padStart(13)} ` +
        `${together[ch].toFixed(0).padStart(16)} ${(rate / together[ch]).toFixed(2).padStart(6)} ` +
        `${alone[ch].toFixed(0).padStart(13)} ${(rate / alone[ch]).toFixed(2).padStart(6)}`,
    );
  }
  const e2eSeconds = (most(all) - approvedAt) / 1000;
  console.log(
    `  all    ${String(all.length).padStart(8)} ${(all.length / e2eSeconds).toFixed(0).padStart(13)} ` +
      `${(all.length / togetherSeconds).toFixed(0).padStart(16)} ${(togetherSeconds / e2eSeconds).toFixed(2).padStart(6)} ` +
      `${(all.length / aloneSeconds).toFixed(0).padStart(13)} ${(aloneSeconds / e2eSeconds).toFixed(2).padStart(6)}`,
  );
  console.log(
    "  end-to-end/s: a channel's notices from approval to its last one, all channels sending at once;\n" +
      '  ceiling at once/s: bare SDK loops in a process of their own (same SDKs, local servers, concurrency),\n' +
      '    the three channels at once;\n' +
      '  ceiling alone/s: the same loop for one channel with nothing else running;\n' +
      '  all: every notice; at once = the slowest channel, alone = the three one after the other.',
  );
  printCpu(run, rates, sending, all.length);
}

/** Where the time goes, without how the lanes share the CPU. */
function printCpu(run: RunResult, rates: CeilingRates, sending: Channel[], notices: number): void {
  const { got, approvedAt } = run;
  // What each notice cost the worker against what it cost the bare loops (each alone, weighted by the
  // run's notices per channel).
  const loopMicros = sending.reduce((sum, ch) => sum + got[ch].length * rates.cpuMicros.alone[ch]!, 0);
  console.log(
    `  CPU per notice: worker ${((run.workerCpuSeconds * 1e6) / notices).toFixed(0)} µs (all its threads: activities, workflows, Temporal core), ` +
      `bare loops ${(loopMicros / notices).toFixed(0)} µs alone (` +
      sending.map((ch) => `${ch} ${rates.cpuMicros.alone[ch]!.toFixed(0)}`).join(', ') +
      `), ${rates.cpuMicros.together.toFixed(0)} µs at once`,
  );
  if (rates.smsServiceHttp) {
    const sms = got.sms.length / ((most(got.sms) - approvedAt) / 1000);
    console.log(
      `  SMS ceilings use the Twilio SDK as it comes (its axios HTTP client); the same loop through the\n` +
        `    service's own HTTP client for the SDK: ${rates.smsServiceHttp.rate.toFixed(0)}/s alone, ` +
        `${rates.smsServiceHttp.cpuMicros.toFixed(0)} µs per SMS (end to end reaches ${(sms / rates.smsServiceHttp.rate).toFixed(2)} of it)`,
    );
  }
}
