// Each channel's ceiling: a bare loop sending the same notices through the same SDK to the same local
// server, in a process of its own (bench.ts run with --ceiling), alone and all channels at once.
import { spawn } from 'node:child_process';
import { createChannels, type Channels } from '../../activities/channels/index.js';
import { loadChannelSettings } from '../../platform/channel-config.js';
import type { BenchChannel as Channel } from './people.js';
import { ceiling, sampleNotices } from '../ceiling-loop.js';
import type { Harness } from '../harness.js';
import { stockSmsChannel } from '../stock-sms.js';

const CHANNELS: Channel[] = ['email', 'sms', 'push'];

export interface CeilingRates {
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
export async function runCeilings(): Promise<void> {
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
export async function measureCeilings(
  h: Harness,
  sizes: Record<Channel, number>,
  script: string,
): Promise<CeilingRates> {
  // HARNESS_WORKER_NODE_ARGS (e.g. `--cpu-prof`) apply here too, to compare the loops with the worker.
  const nodeArgs = (process.env.HARNESS_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
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
