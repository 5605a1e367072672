// `npm run bench:pages -- --channel push|sms --people N`: one lane's page activity (`sendNoticePage`)
// outside Temporal, against a bare loop sending the same notices through the same channel, in one
// process, round after round. The two share the process and the moment, so the machine's speed
// (which moves from one minute to the next on a shared host) cancels out of their ratio: what is left
// is what a notice costs the activity (ledger, notice text, bookkeeping) beyond the SDK's own work.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createChannels } from '../activities/channels/index.js';
import { createNoticeActivities, type NoticePage } from '../activities/notices.js';
import { startFcmStub } from '../dev/fcm-stub.js';
import { startTwilioServer } from '../dev/twilio-server.js';
import { OpenIncidentRequest } from '../domain/incident.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import type { Ledger } from '../store/ledger.js';
import { openLedger } from '../store/open.js';
import { ceiling, sampleNotices } from './ceiling-loop.js';
import { BENCH_INCIDENT, benchPerson, seededRandom } from './harness.js';

const ACCESS_TOKEN = 'page-bench';

interface LocalServers {
  fcm: { url: string; caFile: string };
  twilio: { url: string; accountSid: string; authToken: string };
}

/** The `--servers` side: the local FCM and Twilio endpoints in a process of their own, so they are not measured. */
async function runServers(): Promise<void> {
  const fcm = await startFcmStub({ accessToken: ACCESS_TOKEN });
  const twilio = await startTwilioServer({});
  // Only the answers matter here; forget what was received so a long run does not grow.
  setInterval(() => {
    fcm.received.length = 0;
    twilio.received.length = 0;
  }, 1000).unref();
  const servers: LocalServers = {
    fcm: { url: fcm.url, caFile: fcm.caFile },
    twilio: { url: twilio.url, accountSid: twilio.accountSid, authToken: twilio.authToken },
  };
  process.stdout.write(`${JSON.stringify(servers)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void Promise.all([fcm.close(), twilio.close()]).then(() => process.exit(0)));
}

/** Claims and acceptances answered without writing: how much of the difference is the ledger's. */
function withoutLedgerWrites(ledger: Ledger): void {
  ledger.claimDeliveries = async (_batch, userIds) => userIds.map(() => 'claimed' as const);
  ledger.recordDeliveryOutcomes = async (items) => items.map(() => 'accepted' as const);
}

interface BenchOptions {
  channel: 'push' | 'sms';
  people: number;
  rounds: number;
  window: number;
  skipLedgerWrites: boolean;
  only: 'pages' | 'loop' | undefined;
}

function options(): BenchOptions {
  const { values } = parseArgs({
    options: {
      channel: { type: 'string', default: 'push' },
      people: { type: 'string', default: '20000' },
      rounds: { type: 'string', default: '3' },
      window: { type: 'string', default: '8' },
      'skip-ledger-writes': { type: 'boolean', default: false },
      // One side only, e.g. under `node --cpu-prof` to see where that side's time goes.
      only: { type: 'string' },
    },
  });
  if (values.channel !== 'push' && values.channel !== 'sms') throw new Error('--channel is push or sms');
  const only = values.only;
  if (only !== undefined && only !== 'pages' && only !== 'loop') throw new Error('--only is pages or loop');
  return {
    channel: values.channel,
    people: Number(values.people),
    rounds: Number(values.rounds),
    window: Number(values.window),
    skipLedgerWrites: values['skip-ledger-writes'] === true,
    only,
  };
}

async function startServersChild() {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--servers'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const servers = JSON.parse(
    await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
  ) as LocalServers;
  return { child, servers };
}

function benchSettings({ fcm, twilio }: LocalServers) {
  return loadChannelSettings({
    NODE_ENV: 'development',
    NOTICE_LINK_SECRET: 'page-bench-'.padEnd(64, 'x'),
    NOTICE_BASE_URL: 'https://notify.acme.example',
    FCM_PROJECT_ID: 'page-bench',
    FCM_CREDENTIALS: JSON.stringify({ accessToken: ACCESS_TOKEN }),
    FCM_API_BASE_URL: fcm.url,
    FCM_CA_FILE: fcm.caFile,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_STATUS_CALLBACK_URL: 'https://notify.acme.example/webhooks/twilio/status',
  });
}

async function seedIncident(ledger: Ledger, { people, channel }: BenchOptions): Promise<string> {
  const { incident } = await ledger.createIncident({
    facts: OpenIncidentRequest.parse({ ...BENCH_INCIDENT, severity: 'high' }),
    createdBy: 'page-bench',
  });
  const random = seededRandom(1);
  const mix = { push: channel === 'push' ? 1 : 0, sms: channel === 'sms' ? 1 : 0, email: 0 };
  const affected = Array.from({ length: people }, (_, i) => benchPerson(i, random, mix));
  for (let i = 0; i < people; i += 1000) {
    await ledger.upsertAffectedUsers(incident.id, affected.slice(i, i + 1000));
  }
  return incident.id;
}

async function cpuPerNotice(people: number, fn: () => Promise<void>) {
  const before = process.cpuUsage();
  const started = Date.now();
  await fn();
  const used = process.cpuUsage(before);
  return { micros: (used.user + used.system) / people, rate: people / ((Date.now() - started) / 1000) };
}

/** Rounds of pages against the loop, each measured alone; prints each round and the median ratio. */
async function measure(
  o: BenchOptions,
  sendPages: (version: number) => Promise<void>,
  loop: () => Promise<void>,
) {
  const none = { micros: NaN, rate: NaN };
  if (o.only !== 'pages') await loop();
  if (o.only !== 'loop') await sendPages(1);
  const ratios: number[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    const page = o.only === 'loop' ? none : await cpuPerNotice(o.people, () => sendPages(round + 1));
    const bare = o.only === 'pages' ? none : await cpuPerNotice(o.people, loop);
    ratios.push(page.micros / bare.micros);
    console.log(
      `  round ${round}: pages ${page.micros.toFixed(0)} µs of CPU per notice (${page.rate.toFixed(0)}/s), ` +
        `loop ${bare.micros.toFixed(0)} µs (${bare.rate.toFixed(0)}/s), ratio ${(page.micros / bare.micros).toFixed(2)}`,
    );
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(`  median CPU per notice, pages against the loop: ${median.toFixed(2)}`);
}

async function main(): Promise<void> {
  const o = options();
  const { channel, people, window } = o;
  const { child, servers } = await startServersChild();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'page-bench-'));
  const settings = benchSettings(servers);
  const channels = createChannels(settings.channels);
  const ledger = await openLedger({ dataDir });
  try {
    const incidentId = await seedIncident(ledger, o);
    if (o.skipLedgerWrites) withoutLedgerWrites(ledger);
    const activities = createNoticeActivities({ ledger, channels, settings });
    const { pages } = await activities.planNoticePages({
      incidentId,
      pageSize: settings.fanout.pageSize,
      pages: Number.MAX_SAFE_INTEGER,
      reachableBy: channel,
    });
    // Each round is a new notice version, so every notice is claimed afresh.
    const sendPages = async (noticeVersion: number) => {
      const queue: NoticePage[] = [...pages];
      const env = new MockActivityEnvironment();
      const policy = { mode: 'all' as const, order: [channel] };
      await Promise.all(
        Array.from({ length: window }, async () => {
          for (let page = queue.shift(); page; page = queue.shift()) {
            await env.run(activities.sendNoticePage, {
              incidentId,
              noticeVersion,
              policy,
              page,
              lane: [channel],
            });
          }
        }),
      );
    };
    // The bench's ceiling loop: the run's notices through the same channel, as fast as it sends.
    const samples = sampleNotices(settings, 60);
    console.log(
      `page bench: ${people.toLocaleString('en-US')} ${channel === 'push' ? 'pushes' : 'SMS'}, pages of ${settings.fanout.pageSize}, ` +
        `${window} at once${o.skipLedgerWrites ? ', ledger writes skipped' : ''}`,
    );
    await measure(o, sendPages, async () => {
      await ceiling(channels, samples, channel, people);
    });
  } finally {
    await channels.close();
    await ledger.close();
    child.stdin!.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--servers')) await runServers();
else await main();
