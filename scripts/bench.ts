// `npm run bench -- --users N`: a real incident end to end (Temporal dev server, worker process,
// local SMTP / Twilio / FCM servers) for N generated people, then each channel's ceiling: a bare
// loop sending the same notices through the same SDK to the same local server.
import { parseArgs } from 'node:util';
import { createChannels, type Channels, type SendResult } from '../activities/channels/index.js';
import { renderNotice } from '../domain/notice/index.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import type { Channel } from '../store/ledger.js';
import { noticeFanoutWorkflowId } from '../workflows/fanout-messages.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import {
  benchPerson,
  runHarnessWorker,
  seededRandom,
  startHarness,
  type Harness,
} from '../test/support/fanout-harness.js';

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

/** Arrival times per channel at the local servers, from index `from` on. */
function arrivals(h: Harness, from: Record<Channel, number> = { email: 0, sms: 0, push: 0 }) {
  return {
    email: h.smtp.times.slice(from.email),
    sms: h.twilio.received.slice(from.sms).map((m) => m.receivedAt.getTime()),
    push: h.fcm.received.slice(from.push).map((m) => m.receivedAt.getTime()),
  } satisfies Record<Channel, number[]>;
}

function sample(channel: Channel, i: number) {
  const n = String(i).padStart(7, '0');
  const notice = renderNotice({
    locale: ['en', 'zh-CN', 'es', 'fr'][i % 4],
    incident: {
      title: 'Customer database copied by an attacker',
      description: 'An attacker used a stolen support account to copy customer records over three days.',
      discoveredAt: '2026-11-20T08:30:00Z',
      dataCategories: ['email', 'phone', 'name'],
      measuresTaken: 'We disabled the account, rotated keys and reviewed access logs.',
      userActions: ['Be wary of messages asking for your password.'],
      contact: { name: 'Privacy Office', email: 'privacy@acme.example' },
    },
    person: { name: `Person ${n}` },
    noticeVersion: 1,
    noticeUrl: 'https://notify.acme.example/n/AQHvYx2mM8Sx0Ee6nVxkBhM3AbcdEfGhIjKlMnOpQrSt',
  });
  return { n, notice, channel };
}

/** Sends `count` notices through one channel as fast as its configured concurrency allows. */
async function ceiling(channels: Channels, channel: Channel, count: number): Promise<number> {
  const samples = Array.from({ length: 50 }, (_, i) => sample(channel, i));
  const started = Date.now();
  const chunk = 1000;
  let accepted = 0;
  for (let i = 0; i < count; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, count - i) }, (_, j) => i + j);
    let results: SendResult[];
    if (channel === 'email') {
      results = await channels.email!.send(
        ids.map((k) => {
          const s = samples[k % samples.length]!;
          return {
            key: String(k),
            to: `ceiling${k}@example.com`,
            ...s.notice.email,
            messageId: `<ceiling.${k}.${started}@acme.example>`,
          };
        }),
      );
    } else if (channel === 'sms') {
      results = await channels.sms!.send(
        ids.map((k) => ({
          key: String(k),
          to: `+1666${String(k).padStart(7, '0')}`,
          body: samples[k % 50]!.notice.sms,
        })),
      );
    } else {
      results = await channels.push!.send(
        ids.map((k) => ({
          key: String(k),
          token: `ceiling-${k}`,
          ...samples[k % 50]!.notice.push,
          link: 'https://notify.acme.example/n/AQHvYx2mM8Sx0Ee6nVxkBhM3AbcdEfGhIjKlMnOpQrSt',
          data: { incidentId: 'ceiling', noticeVersion: '1' },
        })),
      );
    }
    accepted += results.filter((r) => r.outcome === 'accepted').length;
  }
  if (accepted !== count) throw new Error(`${channel} ceiling: ${accepted} of ${count} accepted`);
  return count / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '100000' },
      severity: { type: 'string', default: 'high' },
      'ceiling-max': { type: 'string', default: '20000' },
      workers: { type: 'string', default: '1' },
    },
  });
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1) throw new Error('--users must be a positive integer');
  const ceilingMax = Number(values['ceiling-max']);
  console.log(
    `bench: ${users.toLocaleString('en')} people, severity ${values.severity}, ${values.workers} worker process(es)`,
  );

  const h = await startHarness({ workerScript: new URL(import.meta.url).pathname });
  try {
    const random = seededRandom(users);
    const expected: Record<Channel, number> = { email: 0, sms: 0, push: 0 };
    function* pages() {
      for (let i = 0; i < users; i += 1000) {
        const page = Array.from({ length: Math.min(1000, users - i) }, (_, j) => benchPerson(i + j, random));
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
    const seedStart = Date.now();
    const id = await h.openIncident(pages(), values.severity);
    console.log(
      `seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s: email ${expected.email}, sms ${expected.sms}, push ${expected.push}`,
    );

    const approvedAt = Date.now();
    await h.approve(id);
    let lastPrint = 0;
    for (;;) {
      const phase = await h.phase(id);
      if (phase !== 'notifying' && phase !== 'awaiting_approval') break;
      if (Date.now() - lastPrint > 5000) {
        lastPrint = Date.now();
        const c = await h.ledger.deliveryCounts(id);
        console.log(
          `  ${((Date.now() - approvedAt) / 1000).toFixed(0)} s: ` +
            CHANNELS.map((ch) => `${ch} ${c.channels[ch].sent}`).join(', ') +
            `, worker peak ${peakMiB().toFixed(0)} MiB`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const doneAt = Date.now();
    const got = arrivals(h);
    const all = [...got.email, ...got.sms, ...got.push];
    const counts = await h.ledger.deliveryCounts(id);
    const incidentHistory = await historyLengths(h, incidentWorkflowId(id));
    const fanoutHistory = await historyLengths(h, noticeFanoutWorkflowId(id, 1));
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
      `  largest workflow history: ${Math.max(...incidentHistory, ...fanoutHistory)} events ` +
        `(incident ${Math.max(...incidentHistory)}, fan-out ${fanoutHistory.length} runs, largest ${Math.max(...fanoutHistory)})`,
    );
    console.log(
      `  unreachable ${counts.unreachable}, possible duplicates ${counts.possibleDuplicates}, email duplicates at the server ${duplicates}`,
    );

    const settings = loadChannelSettings(h.workerEnv);
    const channels = createChannels(settings.channels);
    const rows: string[] = [];
    // Seconds the three channels' ceilings would need, one after the other, for what the run sent.
    let ceilingSeconds = 0;
    try {
      for (const ch of CHANNELS) {
        const times = got[ch];
        const sent = counts.channels[ch].sent;
        if (times.length !== expected[ch] || sent !== expected[ch]) {
          console.log(
            `  ! ${ch}: expected ${expected[ch]}, server received ${times.length}, ledger sent ${sent}`,
          );
        }
        const rate = times.length / ((most(times) - approvedAt) / 1000);
        const n = Math.min(Math.max(times.length, 1000), ceilingMax);
        const top = await ceiling(channels, ch, n);
        ceilingSeconds += times.length / top;
        rows.push(
          `  ${ch.padEnd(6)} ${String(times.length).padStart(8)} ${rate.toFixed(0).padStart(14)} ${top.toFixed(0).padStart(11)} ${(rate / top).toFixed(2).padStart(7)}`,
        );
      }
    } finally {
      await channels.close();
    }
    const lastAt = most(all);
    const e2eSeconds = (lastAt - approvedAt) / 1000;
    console.log(`\n  channel      sent  end-to-end/s   ceiling/s   ratio`);
    for (const r of rows) console.log(r);
    console.log(
      `  all      ${String(all.length).padStart(8)} ${(all.length / e2eSeconds).toFixed(0).padStart(14)} ${(all.length / ceilingSeconds).toFixed(0).padStart(11)} ${(ceilingSeconds / e2eSeconds).toFixed(2).padStart(7)}`,
    );
    console.log(
      "  end-to-end/s: notices from approval to that channel's last one, all channels sending at once;\n" +
        '  ceiling/s: a bare SDK loop, one channel alone, same local server and concurrency;\n' +
        '  all: every notice, against the three ceilings one after the other.',
    );
  } finally {
    await h.close();
  }
}

if (process.argv.includes('--worker')) {
  await runHarnessWorker();
} else {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
