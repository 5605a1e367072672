// `npm run bench -- --users N`: a real incident end to end (Temporal dev server, worker process,
// local SMTP / Twilio / FCM servers) for N generated people, then each channel's ceiling: a bare
// loop sending the same notices through the same SDK to the same local server. Along the way: the
// worker's CPU per notice and each channel's rate per tenth of the run (scripts/bench/growth.ts), the
// answer times of GET /v1/incidents/:id during the fan-out, and the kept counts against the rows.
import { parseArgs } from 'node:util';
import type { BenchChannel as Channel } from './bench/people.js';
import { noticeFanoutWorkflowId, noticeLaneWorkflowId } from '../workflows/fanout-messages.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { percentile, probeIncidentApi, spread } from './bench/api-latency.js';
import { measureCeilings, runCeilings } from './bench/ceilings.js';
import { printTenths, sampleCpu, tenthsOf } from './bench/growth.js';
import { arrivals, cpuTimes, historyLengths, least, most, stealSince } from './bench/machine.js';
import { printMissing, printRates, type RunResult } from './bench/report.js';
import {
  benchPerson,
  type ChannelMix,
  runHarnessScript,
  seededRandom,
  startHarness,
  type Harness,
  type WorkerProcess,
} from './harness.js';

const CHANNELS: Channel[] = ['email', 'sms', 'push'];
const SCRIPT = new URL(import.meta.url).pathname;
/** Calls of GET /v1/incidents/:id spread over the fan-out. */
const API_CALLS = 100;

/** Resolves when the incident has left `notifying`, calling `progress` every five seconds until then. */
async function untilNotified(h: Harness, id: string, progress?: () => Promise<void>): Promise<void> {
  let lastPrint = Date.now();
  for (;;) {
    // The ledger's phase, not GET /v1/incidents/:id: that one also asks the workflow for its state,
    // and doing so four times a second would take CPU from the worker being measured.
    const phase = (await h.ledger.getIncident(id))?.phase;
    if (phase !== 'notifying' && phase !== 'awaiting_approval') return;
    if (progress && Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      await progress();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function parseMix(text: string): ChannelMix {
  const mix: ChannelMix = { email: 0, sms: 0, push: 0 };
  for (const part of text.split(',')) {
    const [channel, share] = part.split('=');
    if (!CHANNELS.includes(channel as Channel) || !(Number(share) >= 0 && Number(share) <= 1)) {
      throw new Error(
        `--mix: expected channel=share pairs such as email=0.9,sms=0.5,push=0.4, got "${part}"`,
      );
    }
    mix[channel as Channel] = Number(share);
  }
  return mix;
}

interface BenchOptions {
  users: number;
  severity: string;
  ceilingMax: number;
  warmup: number;
  workers: number;
  mix: ChannelMix;
  mixText: string;
}

function options(): BenchOptions | undefined {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '100000' },
      severity: { type: 'string', default: 'high' },
      // As many notices as the run sent, up to this many for the busiest channel: a loop of a few
      // seconds measures a burst (before its heap settles), not a pace it keeps.
      'ceiling-max': { type: 'string', default: '100000' },
      // People of a small incident sent first, unmeasured: the worker warms up (JIT, connections)
      // as a long-running production worker has, and as the ceilings' loops do.
      warmup: { type: 'string', default: '2000' },
      workers: { type: 'string', default: '1' },
      // e.g. `--mix push=1,email=0,sms=0` to look at one channel alone.
      mix: { type: 'string', default: 'email=0.9,sms=0.5,push=0.4' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'npm run bench -- [--users N] [--workers K] [--mix email=0.9,sms=0.5,push=0.4] [--severity high]\n' +
        '                 [--warmup 2000] [--ceiling-max 100000]\n' +
        'Runs an incident for N people end to end (Temporal dev server, worker processes, local SMTP /\n' +
        "Twilio / FCM servers) and compares each channel's rate with a bare SDK loop's (docs/benchmarks.md).",
    );
    return undefined;
  }
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1) throw new Error('--users must be a positive integer');
  return {
    users,
    severity: values.severity,
    ceilingMax: Number(values['ceiling-max']),
    warmup: Number(values.warmup),
    workers: Math.max(1, Number(values.workers)),
    mix: parseMix(values.mix),
    mixText: values.mix,
  };
}

/** An unmeasured small incident first. */
async function warmUp(h: Harness, o: BenchOptions): Promise<void> {
  if (o.warmup <= 0) return;
  const random = seededRandom(o.warmup + 1);
  // Other people than the measured ones, so the SMTP server's count of duplicates stays true.
  const people = Array.from({ length: o.warmup }, (_, i) => benchPerson(o.users + i, random, o.mix));
  const started = Date.now();
  const id = await h.openIncident([people], o.severity);
  await h.approve(id);
  await untilNotified(h, id);
  const seconds = (Date.now() - started) / 1000;
  console.log(`worker warmed up on ${o.warmup.toLocaleString('en')} people in ${seconds.toFixed(1)} s`);
}

async function seedIncident(h: Harness, o: BenchOptions) {
  const random = seededRandom(o.users);
  const expected: Record<Channel, number> = { email: 0, sms: 0, push: 0 };
  function* pages() {
    for (let i = 0; i < o.users; i += 1000) {
      const page = Array.from({ length: Math.min(1000, o.users - i) }, (_, j) =>
        benchPerson(i + j, random, o.mix),
      );
      for (const p of page) {
        if (p.email) expected.email++;
        if (p.phone) expected.sms++;
        if (p.pushToken) expected.push++;
      }
      yield page;
    }
  }
  const started = Date.now();
  const id = await h.openIncident(pages(), o.severity);
  console.log(
    `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: email ${expected.email}, sms ${expected.sms}, push ${expected.push}`,
  );
  return { id, expected };
}

/** Approves and waits for the fan-out, sampling the workers' CPU and calling the API meanwhile. */
async function fanOut(h: Harness, workers: WorkerProcess[], id: string) {
  const peakMiB = () => Math.max(...workers.map((w) => w.peakRssMiB()));
  const workerCpu = () => workers.reduce((sum, w) => sum + w.cpuSeconds(), 0);
  const approvedAt = Date.now();
  const cpu = sampleCpu(workerCpu);
  const runCpu = cpuTimes();
  await h.approve(id);
  const api = probeIncidentApi(h, id);
  await untilNotified(h, id, async () => {
    const c = await h.ledger.deliveryCounts(id);
    console.log(
      `  ${((Date.now() - approvedAt) / 1000).toFixed(0)} s: ` +
        CHANNELS.map((ch) => `${ch} ${c.channels[ch].sent}`).join(', ') +
        `, worker peak ${peakMiB().toFixed(0)} MiB`,
    );
  });
  const doneAt = Date.now();
  cpu.stop();
  const apiTimes = await api.stop();
  return {
    approvedAt,
    doneAt,
    samples: cpu.samples,
    runSteal: stealSince(runCpu),
    apiTimes,
    peak: peakMiB(),
  };
}

async function historySummary(h: Harness, id: string): Promise<string> {
  const incident = await historyLengths(h, incidentWorkflowId(id));
  const fanout = await historyLengths(h, noticeFanoutWorkflowId(id, 1));
  // With every channel to send, each has its own lane workflow.
  const lanes: number[] = [];
  for (const ch of CHANNELS) lanes.push(...(await historyLengths(h, noticeLaneWorkflowId(id, 1, [ch]))));
  return (
    `  largest workflow history: ${Math.max(...incident, ...fanout, ...lanes)} events ` +
    `(incident ${Math.max(...incident)}, fan-out ${fanout.length} runs, largest ${Math.max(...fanout)}` +
    (lanes.length ? `; channel lanes ${lanes.length} runs, largest ${Math.max(...lanes)})` : ')')
  );
}

/** The kept counts against a recount of the rows, with what each read took. */
async function countsAgainstRows(h: Harness, id: string) {
  const t0 = performance.now();
  const counts = await h.ledger.deliveryCounts(id);
  const t1 = performance.now();
  const rows = await h.ledger.countDeliveryRows(id);
  const t2 = performance.now();
  const equal = JSON.stringify(counts) === JSON.stringify(rows);
  console.log(
    `  counts ${equal ? 'equal to' : 'DIFFER FROM'} the rows: kept counts read in ${(t1 - t0).toFixed(1)} ms, ` +
      `the rows counted in ${(t2 - t1).toFixed(0)} ms`,
  );
  if (!equal) console.log(`    kept ${JSON.stringify(counts)}\n    rows ${JSON.stringify(rows)}`);
  return counts;
}

async function main(): Promise<void> {
  const o = options();
  if (!o) return;
  console.log(
    `bench: ${o.users.toLocaleString('en')} people (${o.mixText}), severity ${o.severity}, ${o.workers} worker process(es)`,
  );
  const h = await startHarness({ workerScript: SCRIPT });
  try {
    const workers = Array.from({ length: o.workers }, () => h.startWorker());
    await warmUp(h, o);
    // Arrivals of the measured incident start here.
    const from = { email: h.smtp.times.length, sms: h.twilio.received.length, push: h.fcm.received.length };
    const { id, expected } = await seedIncident(h, o);
    const run = await fanOut(h, workers, id);
    const got = arrivals(h, from);
    const all = [...got.email, ...got.sms, ...got.push];
    const history = await historySummary(h, id);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    const workerCpuSeconds = run.samples.at(-1)!.cpuSeconds - run.samples[0]!.cpuSeconds;

    const duplicates = [...h.smtp.counts.values()].filter((n) => n > 1).length;
    console.log(
      `\nend to end: ${((run.doneAt - run.approvedAt) / 1000).toFixed(1)} s from approval to the incident leaving notifying`,
    );
    console.log(`  first notice ${(least(all) - run.approvedAt).toLocaleString('en')} ms after approval`);
    console.log(`  last notice ${(most(all) - run.approvedAt).toLocaleString('en')} ms after approval`);
    console.log(`  peak worker memory ${run.peak.toFixed(0)} MiB (resident, largest worker process)`);
    console.log(history);
    const counts = await countsAgainstRows(h, id);
    console.log(
      `  unreachable ${counts.unreachable}, possible duplicates ${counts.possibleDuplicates}, email duplicates at the server ${duplicates}`,
    );
    const api = spread(run.apiTimes.api, API_CALLS);
    const reads = spread(run.apiTimes.counts, API_CALLS);
    console.log(
      `  GET /v1/incidents/:id during the fan-out: ${api.length} calls spread over ${run.apiTimes.api.length}, ` +
        `p95 ${percentile(api, 95).toFixed(1)} ms, median ${percentile(api, 50).toFixed(1)} ms; ` +
        `its counts alone p95 ${percentile(reads, 95).toFixed(1)} ms`,
    );
    const sending = CHANNELS.filter((ch) => got[ch].length > 0);

    const result: RunResult = { got, expected, counts, approvedAt: run.approvedAt, workerCpuSeconds };
    printMissing(result);
    // The run's notices, scaled down alike to at most --ceiling-max for the busiest channel, so the
    // loops at once share the CPU in the run's proportions.
    const scale = Math.min(1, o.ceilingMax / Math.max(...CHANNELS.map((ch) => got[ch].length)));
    const sizes = Object.fromEntries(
      CHANNELS.map((ch) => [ch, got[ch].length && Math.max(100, Math.round(got[ch].length * scale))]),
    ) as Record<Channel, number>;
    const ceilingCpu = cpuTimes();
    const rates = await measureCeilings(h, sizes, SCRIPT);
    printRates(result, rates);
    printTenths(tenthsOf(got, run.samples, run.approvedAt), run.approvedAt, sending, rates.cpuMicros.alone);
    // On a shared virtual machine the host takes CPU time at will; a run and its ceilings measured
    // under different steal do not compare, and the run is worth repeating.
    console.log(
      `  CPU stolen by the host: ${run.runSteal} during the run, ${stealSince(ceilingCpu)} during the ceilings`,
    );
  } finally {
    await h.close();
  }
}

if (process.argv.includes('--ceiling')) await runCeilings();
else await runHarnessScript(main);
