// `npm run bench:pages -- --people N`: the push lane's page activity (`sendNoticePage`) outside
// Temporal, against a bare loop sending the same notices through the same channel, in one process,
// round after round. The two share the process and the moment, so the machine's speed (which moves
// from one minute to the next on a shared host) cancels out of their ratio: what is left is what a
// push costs the activity (ledger, notice text, bookkeeping) beyond the SDK's own work.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createChannels } from '../activities/channels/index.js';
import { createNoticeActivities, noticeLink, type NoticePage } from '../activities/notices.js';
import { startFcmStub } from '../dev/fcm-stub.js';
import { OpenIncidentRequest } from '../domain/incident.js';
import { noticeWriter } from '../domain/notice/index.js';
import { noticeIncident, noticePerson } from '../domain/notice/incident-notice.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import type { Ledger } from '../store/ledger.js';
import { openLedger } from '../store/open.js';
import { BENCH_INCIDENT, benchPerson, seededRandom } from './harness.js';

const ACCESS_TOKEN = 'page-bench';

/** The `--stub` side: the local FCM endpoint in a process of its own, so it is not measured. */
async function runStub(): Promise<void> {
  const fcm = await startFcmStub({ accessToken: ACCESS_TOKEN });
  // Only the answers matter here; forget what was received so a long run does not grow.
  setInterval(() => (fcm.received.length = 0), 1000).unref();
  process.stdout.write(`${JSON.stringify({ url: fcm.url, caFile: fcm.caFile })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void fcm.close().then(() => process.exit(0)));
}

/** Claims and acceptances answered without writing: how much of the difference is the ledger's. */
function withoutLedgerWrites(ledger: Ledger): void {
  ledger.claimDeliveries = async (_batch, userIds) => userIds.map(() => 'claimed' as const);
  ledger.recordDeliveryOutcomes = async (items) => items.map(() => 'accepted' as const);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '20000' },
      rounds: { type: 'string', default: '3' },
      window: { type: 'string', default: '8' },
      'skip-ledger-writes': { type: 'boolean', default: false },
    },
  });
  const people = Number(values.people);
  const window = Number(values.window);
  const stub = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--stub'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const fcm = JSON.parse(
    await new Promise<string>((resolve) => createInterface({ input: stub.stdout! }).once('line', resolve)),
  ) as { url: string; caFile: string };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'page-bench-'));
  const settings = loadChannelSettings({
    NODE_ENV: 'development',
    NOTICE_LINK_SECRET: 'page-bench-'.padEnd(64, 'x'),
    NOTICE_BASE_URL: 'https://notify.acme.example',
    FCM_PROJECT_ID: 'page-bench',
    FCM_CREDENTIALS: JSON.stringify({ accessToken: ACCESS_TOKEN }),
    FCM_API_BASE_URL: fcm.url,
    FCM_CA_FILE: fcm.caFile,
  });
  const channels = createChannels(settings.channels);
  const ledger = await openLedger({ dataDir });
  try {
    const { incident } = await ledger.createIncident({
      facts: OpenIncidentRequest.parse({ ...BENCH_INCIDENT, severity: 'high' }),
      createdBy: 'page-bench',
    });
    const random = seededRandom(1);
    const affected = Array.from({ length: people }, (_, i) =>
      benchPerson(i, random, { push: 1, email: 0, sms: 0 }),
    );
    for (let i = 0; i < people; i += 1000) {
      await ledger.upsertAffectedUsers(incident.id, affected.slice(i, i + 1000));
    }
    if (values['skip-ledger-writes']) withoutLedgerWrites(ledger);
    const activities = createNoticeActivities({ ledger, channels, settings });
    const { pages } = await activities.planNoticePages({
      incidentId: incident.id,
      pageSize: settings.fanout.pageSize,
      pages: Number.MAX_SAFE_INTEGER,
      reachableBy: 'push',
    });

    // Each round is a new notice version, so every push is claimed afresh.
    const sendPages = async (noticeVersion: number) => {
      const queue: NoticePage[] = [...pages];
      const env = new MockActivityEnvironment();
      await Promise.all(
        Array.from({ length: window }, async () => {
          for (let page = queue.shift(); page; page = queue.shift()) {
            await env.run(activities.sendNoticePage, {
              incidentId: incident.id,
              noticeVersion,
              policy: { mode: 'all' as const, order: ['push' as const] },
              page,
              lane: ['push' as const],
            });
          }
        }),
      );
    };
    // The bench's ceiling loop: the same notices (60 people's worth), as fast as the channel sends.
    const write = noticeWriter({ incident: noticeIncident(incident.facts), noticeVersion: 1 });
    const samples = affected.slice(0, 60).map((p) => {
      const link = noticeLink(settings, incident.id, p.userId, 1);
      return { link, notice: write({ locale: p.locale, person: noticePerson(p), noticeUrl: link }) };
    });
    const loop = async () => {
      for (let i = 0; i < people; i += 1000) {
        const results = await channels.push!.send(
          Array.from({ length: Math.min(1000, people - i) }, (_, j) => {
            const s = samples[(i + j) % samples.length]!;
            return {
              key: String(i + j),
              token: `loop-${i + j}`,
              ...s.notice.push,
              link: s.link,
              data: { incidentId: incident.id, noticeVersion: '1' },
            };
          }),
        );
        if (results.some((r) => r.outcome !== 'accepted')) throw new Error('the loop was refused a push');
      }
    };
    const cpuPerPush = async (fn: () => Promise<void>) => {
      const before = process.cpuUsage();
      const started = Date.now();
      await fn();
      const used = process.cpuUsage(before);
      return { micros: (used.user + used.system) / people, rate: people / ((Date.now() - started) / 1000) };
    };

    console.log(
      `page bench: ${people.toLocaleString('en-US')} pushes, pages of ${settings.fanout.pageSize}, ` +
        `${window} at once${values['skip-ledger-writes'] ? ', ledger writes skipped' : ''}`,
    );
    await loop();
    await sendPages(1);
    const ratios: number[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const page = await cpuPerPush(() => sendPages(round + 1));
      const bare = await cpuPerPush(loop);
      ratios.push(page.micros / bare.micros);
      console.log(
        `  round ${round}: pages ${page.micros.toFixed(0)} µs of CPU per push (${page.rate.toFixed(0)}/s), ` +
          `loop ${bare.micros.toFixed(0)} µs (${bare.rate.toFixed(0)}/s), ratio ${(page.micros / bare.micros).toFixed(2)}`,
      );
    }
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    console.log(`  median CPU per push, pages against the loop: ${median.toFixed(2)}`);
  } finally {
    await channels.close();
    await ledger.close();
    stub.stdin!.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--stub')) await runStub();
else await main();
