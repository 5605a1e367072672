// `npm run bench -- --users N`: a real incident end to end (Temporal dev server, worker process,
// local SMTP / Twilio / FCM servers) for N generated people, then each channel's ceiling: a bare
// loop sending the same notices through the same SDK to the same local server.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createChannels, type Channels } from '../activities/channels/index.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import type { ChannelMix as StockMix } from './harness.js';

/** The channels the bench measures: the ones the local servers answer at SDK speed. */
type Channel = keyof StockMix;
import { noticeFanoutWorkflowId, noticeLaneWorkflowId } from '../workflows/fanout-messages.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { ceiling, sampleNotices } from './ceiling-loop.js';
import {
  benchPerson,
  type ChannelMix,
  runHarnessScript,
  seededRandom,
  startHarness,
  type Harness,
} from './harness.js';
import { stockSmsChannel } from './stock-sms.js';

const CHANNELS: Channel[] = ['email', 'sms', 'push'];

// Spreading 100,000 timestamps into Math.min/max overflows the stack.
const least = (xs: readonly number[]) => xs.reduce((a, b) => (b < a ? b : a), Infinity);
const most = (xs: readonly number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

async function historyLengths(h: Harness, workflowId: string): Promise<number[]> {
  const lengths: number[] = [];
  for await (const e of h.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await h.client.workflow.getHandle(workflowId, e.runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
  }
  return lengths;
}

/** The machine's CPU time counters (all CPUs), to tell how much a virtual machine's host took. */
function cpuTimes(): { steal: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
}

/** Share of CPU time the host took (steal) since `since`: figures measured under much steal are low. */
function stealSince(since: { steal: number; total: number }): string {
  const now = cpuTimes();
  const total = now.total - since.total;
  return total > 0 ? `${(((now.steal - since.steal) / total) * 100).toFixed(0)} %` : 'n/a';
}

/** Resolves when the incident has left `notifying`, calling `progress` every five seconds until then. */
async function untilNotified(h: Harness, id: string, progress?: () => Promise<void>): Promise<void> {
  let lastPrint = Date.now();
  for (;;) {
    // The ledger's phase, not GET /v1/incidents/:id: that one also counts every delivery, and
    // doing so four times a second would take CPU from the worker being measured.
    const phase = (await h.ledger.getIncident(id))?.phase;
    if (phase !== 'notifying' && phase !== 'awaiting_approval') return;
    if (progress && Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      await progress();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Arrival times per channel at the local servers, from index `from` on. */
function arrivals(h: Harness, from: Record<Channel, number> = { email: 0, sms: 0, push: 0 }) {
  return {
    email: h.smtp.times.slice(from.email),
    sms: h.twilio.received.slice(from.sms).map((m) => m.receivedAt.getTime()),
    push: h.fcm.received.slice(from.push).map((m) => m.receivedAt.getTime()),
  } satisfies Record<Channel, number[]>;
}

interface CeilingRates {
  alone: Partial<Record<Channel, number>>;
  together: Partial<Record<Channel, number>>;
  /** CPU time of the loop's process per notice, in microseconds: each loop alone, and all at once. */
  cpuMicros: { alone: Partial<Record<Channel, number>>; together: number };
  /** SMS alone through the service's own HTTP client for the SDK, beside the SDK as it comes. */
  smsServiceHttp?: { rate: number; cpuMicros: number };
}

/** Runs `loop` (which sends `count` notices) and returns the process's CPU time per notice in µs. */
async function cpuPerNotice<T>(count: number, loop: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const result = await loop();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / count];
}

/**
 * The `--ceiling` side: the bare loops in a process of their own, as the worker is, so a loop does
 * not share its thread with the local servers (which would lower the ceiling and flatter the ratio).
 */
async function runCeilings(): Promise<void> {
  const sizes = JSON.parse(process.env.BENCH_CEILING_SIZES!) as Record<Channel, number>;
  const settings = loadChannelSettings(process.env);
  const service = createChannels(settings.channels);
  // The simplest way to send with each SDK: email and push through the channels (the SDKs' own
  // transports), SMS through the Twilio SDK's own HTTP client rather than the service's.
  const channels: Channels = {
    ...service,
    ...(settings.channels.sms ? { sms: stockSmsChannel(settings.channels.sms) } : {}),
  };
  // 60 people: the run's six-language cycle ten times over.
  const samples = sampleNotices(settings, 60);
  const sending = CHANNELS.filter((ch) => sizes[ch] > 0);
  const rates: CeilingRates = { alone: {}, together: {}, cpuMicros: { alone: {}, together: 0 } };
  try {
    // Warm up first (connections, JIT), so the first loop measured is not the only cold one.
    for (const ch of sending) await ceiling(channels, samples, ch, Math.min(500, sizes[ch]));
    for (const ch of sending) {
      [rates.alone[ch], rates.cpuMicros.alone[ch]] = await cpuPerNotice(sizes[ch], () =>
        ceiling(channels, samples, ch, sizes[ch]),
      );
    }
    // The same work as the run: the channels' loops at once, sharing this process's CPU as the
    // worker's lanes share the worker's.
    const started = Date.now();
    const total = sending.reduce((n, ch) => n + sizes[ch], 0);
    const [together, cpu] = await cpuPerNotice(total, () =>
      Promise.all(sending.map((ch) => ceiling(channels, samples, ch, sizes[ch], started))),
    );
    sending.forEach((ch, i) => (rates.together[ch] = together[i]!));
    rates.cpuMicros.together = cpu;
    if (sizes.sms > 0 && service.sms) {
      const [rate, cpuMicros] = await cpuPerNotice(sizes.sms, () =>
        ceiling(service, samples, 'sms', sizes.sms),
      );
      rates.smsServiceHttp = { rate, cpuMicros };
    }
  } finally {
    await service.close();
  }
  process.stdout.write(`${JSON.stringify(rates)}\n`);
}

/** Runs the ceilings in a child process against the harness's local servers. */
async function measureCeilings(h: Harness, sizes: Record<Channel, number>): Promise<CeilingRates> {
  // HARNESS_WORKER_NODE_ARGS (e.g. `--cpu-prof`) apply here too, to compare the loops with the worker.
  const nodeArgs = (process.env.HARNESS_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const script = new URL(import.meta.url).pathname;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, '--ceiling'], {
    env: { ...process.env, ...h.workerEnv, BENCH_CEILING_SIZES: JSON.stringify(sizes) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`ceiling process exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as CeilingRates;
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

async function main(): Promise<void> {
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
    return;
  }
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1) throw new Error('--users must be a positive integer');
  const ceilingMax = Number(values['ceiling-max']);
  const mix = parseMix(values.mix);
  console.log(
    `bench: ${users.toLocaleString('en')} people (${values.mix}), severity ${values.severity}, ${values.workers} worker process(es)`,
  );

  const h = await startHarness({ workerScript: new URL(import.meta.url).pathname });
  try {
    const random = seededRandom(users);
    const expected: Record<Channel, number> = { email: 0, sms: 0, push: 0 };
    function* pages() {
      for (let i = 0; i < users; i += 1000) {
        const page = Array.from({ length: Math.min(1000, users - i) }, (_, j) =>
          benchPerson(i + j, random, mix),
        );
        for (const p of page) {
          if (p.email) expected.email++;
          if (p.phone) expected.sms++;
          if (p.pushToken) expected.push++;
        }
        yield page;
      }
    }
    const workers = Array.from({ length: Math.max(1, Number(values.workers)) }, () => h.startWorker());
    const peakMiB = () => Math.max(...workers.map((w) => w.peakRssMiB()));
    const warmup = Number(values.warmup);
    if (warmup > 0) {
      const warmupRandom = seededRandom(warmup + 1);
      // Other people than the measured ones, so the SMTP server's count of duplicates stays true.
      const warmupPeople = Array.from({ length: warmup }, (_, i) =>
        benchPerson(users + i, warmupRandom, mix),
      );
      const warmupStart = Date.now();
      const warmupId = await h.openIncident([warmupPeople], values.severity);
      await h.approve(warmupId);
      await untilNotified(h, warmupId);
      console.log(
        `worker warmed up on ${warmup.toLocaleString('en')} people in ${((Date.now() - warmupStart) / 1000).toFixed(1)} s`,
      );
    }
    // Arrivals of the measured incident start here.
    const from = { email: h.smtp.times.length, sms: h.twilio.received.length, push: h.fcm.received.length };
    const seedStart = Date.now();
    const id = await h.openIncident(pages(), values.severity);
    console.log(
      `seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s: email ${expected.email}, sms ${expected.sms}, push ${expected.push}`,
    );

    const approvedAt = Date.now();
    const runCpu = cpuTimes();
    const workerCpu = () => workers.reduce((sum, w) => sum + w.cpuSeconds(), 0);
    const workerCpuAtApproval = workerCpu();
    await h.approve(id);
    await untilNotified(h, id, async () => {
      const c = await h.ledger.deliveryCounts(id);
      console.log(
        `  ${((Date.now() - approvedAt) / 1000).toFixed(0)} s: ` +
          CHANNELS.map((ch) => `${ch} ${c.channels[ch].sent}`).join(', ') +
          `, worker peak ${peakMiB().toFixed(0)} MiB`,
      );
    });
    const doneAt = Date.now();
    const workerCpuSeconds = workerCpu() - workerCpuAtApproval;
    const runSteal = stealSince(runCpu);
    const got = arrivals(h, from);
    const all = [...got.email, ...got.sms, ...got.push];
    const counts = await h.ledger.deliveryCounts(id);
    const incidentHistory = await historyLengths(h, incidentWorkflowId(id));
    const fanoutHistory = await historyLengths(h, noticeFanoutWorkflowId(id, 1));
    // With every channel to send, each has its own lane workflow.
    const laneHistory: number[] = [];
    for (const ch of CHANNELS)
      laneHistory.push(...(await historyLengths(h, noticeLaneWorkflowId(id, 1, [ch]))));
    const peak = peakMiB();
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));

    const duplicates = [...h.smtp.counts.values()].filter((n) => n > 1).length;
    console.log(
      `\nend to end: ${((doneAt - approvedAt) / 1000).toFixed(1)} s from approval to the incident leaving notifying`,
    );
    console.log(`  first notice ${(least(all) - approvedAt).toLocaleString('en')} ms after approval`);
    console.log(`  last notice ${(most(all) - approvedAt).toLocaleString('en')} ms after approval`);
    console.log(`  peak worker memory ${peak.toFixed(0)} MiB (resident, largest worker process)`);
    console.log(
      `  largest workflow history: ${Math.max(...incidentHistory, ...fanoutHistory, ...laneHistory)} events ` +
        `(incident ${Math.max(...incidentHistory)}, fan-out ${fanoutHistory.length} runs, largest ${Math.max(...fanoutHistory)}` +
        (laneHistory.length
          ? `; channel lanes ${laneHistory.length} runs, largest ${Math.max(...laneHistory)})`
          : ')'),
    );
    console.log(
      `  unreachable ${counts.unreachable}, possible duplicates ${counts.possibleDuplicates}, email duplicates at the server ${duplicates}`,
    );

    const rows: string[] = [];
    // The run's notices, scaled down alike to at most --ceiling-max for the busiest channel, so the
    // loops at once share the CPU in the run's proportions.
    const scale = Math.min(1, ceilingMax / Math.max(...CHANNELS.map((ch) => got[ch].length)));
    const sizes = Object.fromEntries(
      CHANNELS.map((ch) => [ch, got[ch].length && Math.max(100, Math.round(got[ch].length * scale))]),
    ) as Record<Channel, number>;
    const sending = CHANNELS.filter((ch) => sizes[ch] > 0);
    const ceilingCpu = cpuTimes();
    const rates = await measureCeilings(h, sizes);
    const ceilingSteal = stealSince(ceilingCpu);
    const alone = rates.alone as Record<Channel, number>;
    const together = rates.together as Record<Channel, number>;
    // Seconds the ceilings would need for what the run sent: one channel after the other, or at once.
    let aloneSeconds = 0;
    let togetherSeconds = 0;
    for (const ch of CHANNELS) {
      const received = got[ch].length;
      const sent = counts.channels[ch].sent;
      if (received !== expected[ch] || sent !== expected[ch]) {
        console.log(`  ! ${ch}: expected ${expected[ch]}, server received ${received}, ledger sent ${sent}`);
      }
    }
    for (const ch of sending) {
      const times = got[ch];
      const rate = times.length / ((most(times) - approvedAt) / 1000);
      aloneSeconds += times.length / alone[ch];
      togetherSeconds = Math.max(togetherSeconds, times.length / together[ch]);
      rows.push(
        `  ${ch.padEnd(6)} ${String(times.length).padStart(8)} ${rate.toFixed(0).padStart(13)} ` +
          `${together[ch].toFixed(0).padStart(16)} ${(rate / together[ch]).toFixed(2).padStart(6)} ` +
          `${alone[ch].toFixed(0).padStart(13)} ${(rate / alone[ch]).toFixed(2).padStart(6)}`,
      );
    }
    const e2eSeconds = (most(all) - approvedAt) / 1000;
    const allRate = all.length / e2eSeconds;
    console.log(`\n  channel      sent  end-to-end/s  ceiling at once/s  ratio  ceiling alone/s  ratio`);
    for (const r of rows) console.log(r);
    console.log(
      `  all    ${String(all.length).padStart(8)} ${allRate.toFixed(0).padStart(13)} ` +
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
    // Where the time goes, without how the lanes share the CPU: what each notice cost the worker
    // against what it cost the bare loops (each alone, weighted by the run's notices per channel).
    const loopMicros = sending.reduce((sum, ch) => sum + got[ch].length * rates.cpuMicros.alone[ch]!, 0);
    console.log(
      `  CPU per notice: worker ${((workerCpuSeconds * 1e6) / all.length).toFixed(0)} µs (all its threads: activities, workflows, Temporal core), ` +
        `bare loops ${(loopMicros / all.length).toFixed(0)} µs alone (` +
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
    // On a shared virtual machine the host takes CPU time at will; a run and its ceilings measured
    // under different steal do not compare, and the run is worth repeating.
    console.log(`  CPU stolen by the host: ${runSteal} during the run, ${ceilingSteal} during the ceilings`);
  } finally {
    await h.close();
  }
}

if (process.argv.includes('--ceiling')) await runCeilings();
else await runHarnessScript(main);
