// `npm run chaos`: a fan-out of at least 20,000 people while the worker process is killed with
// SIGKILL at random moments (at least 5 times) and started again; then what the local servers
// received is checked against the people: none missing, duplicates only where the ledger says a
// send may have gone out twice (a claim taken over from a killed worker).
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { NOTICE_CHANNELS, type NoticeChannel } from '../domain/fallback.js';
import { benchPerson, runHarnessScript, seededRandom, startHarness, type WorkerProcess } from './harness.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '20000' },
      kills: { type: 'string', default: '6' },
    },
  });
  const users = Number(values.users);
  const kills = Number(values.kills);
  console.log(`chaos: ${users.toLocaleString('en')} people, ${kills} SIGKILLs of the worker`);

  const h = await startHarness({
    workerScript: new URL(import.meta.url).pathname,
    env: {
      // Paced so the fan-out lasts long enough to be killed several times, and a killed worker's
      // unrecorded claims are taken over quickly.
      EMAIL_RATE_PER_SECOND: '800',
      SMS_RATE_PER_SECOND: '500',
      PUSH_RATE_PER_SECOND: '500',
      FANOUT_PAGE_SIZE: '200',
      FANOUT_RECLAIM_AFTER_MS: '15000',
    },
  });
  try {
    const random = seededRandom(users + 7);
    const people: ReturnType<typeof benchPerson>[] = [];
    for (let i = 0; i < users; i++) people.push(benchPerson(i, random));
    const pages = function* () {
      for (let i = 0; i < people.length; i += 1000) yield people.slice(i, i + 1000);
    };
    let worker: WorkerProcess = h.startWorker();
    const id = await h.openIncident(pages(), 'high');
    await h.approve(id);
    const random2 = Math.random;
    let killed = 0;
    const sentSoFar = () => h.smtp.times.length + h.twilio.received.length + h.fcm.received.length;
    while (killed < kills) {
      // Let the new worker start (bundle load, connect) and send for a while, then kill it mid-send.
      const before = sentSoFar();
      const deadline = Date.now() + 60_000;
      const want = 500 + Math.floor(random2() * 2500);
      while (sentSoFar() - before < want && Date.now() < deadline) {
        if ((await h.phase(id)) !== 'notifying') break;
        await sleep(50);
      }
      if ((await h.phase(id)) !== 'notifying') break;
      worker.child.kill('SIGKILL');
      await worker.exited;
      killed++;
      console.log(`  kill ${killed}: SIGKILL after ${sentSoFar().toLocaleString('en')} notices in all`);
      await sleep(random2() * 2000);
      worker = h.startWorker();
    }
    if (killed < kills) console.log(`  ! the fan-out finished after only ${killed} kills; use more --users`);

    for (;;) {
      const phase = await h.phase(id);
      if (phase !== 'notifying') break;
      await sleep(500);
    }

    const tally = (keys: Iterable<string>) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const got: Record<NoticeChannel, Map<string, number>> = {
      email: h.smtp.counts,
      sms: tally(h.twilio.received.map((m) => m.to)),
      push: tally(h.fcm.received.map((m) => m.token)),
      letter: new Map(),
      voice: new Map(),
    };
    const want: Record<NoticeChannel, string[]> = {
      email: people.flatMap((p) => (p.email ? [p.email] : [])),
      sms: people.flatMap((p) => (p.phone ? [p.phone] : [])),
      push: people.flatMap((p) => (p.pushToken ? [p.pushToken] : [])),
      letter: [],
      voice: [],
    };
    let missing = 0;
    let duplicates = 0;
    for (const c of NOTICE_CHANNELS) {
      const m = want[c].filter((a) => !got[c].has(a)).length;
      const d = [...got[c].values()].reduce((s, n) => s + (n - 1), 0);
      missing += m;
      duplicates += d;
      console.log(
        `  ${c.padEnd(5)}: ${want[c].length} expected, ${got[c].size} received, ${m} missing, ${d} duplicates`,
      );
    }
    // Every duplicate must be one the ledger flagged: a claim taken over from a killed worker.
    const owner: Record<NoticeChannel, Map<string, string>> = {
      email: new Map(people.flatMap((p) => (p.email ? [[p.email, p.userId] as const] : []))),
      sms: new Map(people.flatMap((p) => (p.phone ? [[p.phone, p.userId] as const] : []))),
      push: new Map(people.flatMap((p) => (p.pushToken ? [[p.pushToken, p.userId] as const] : []))),
      letter: new Map(),
      voice: new Map(),
    };
    let unflagged = 0;
    for (const c of NOTICE_CHANNELS) {
      for (const [address, n] of got[c]) {
        if (n < 2) continue;
        const userId = owner[c].get(address);
        const row = userId
          ? await h.ledger.getDelivery({ incidentId: id, userId, channel: c, noticeVersion: 1 })
          : undefined;
        if (!row?.possibleDuplicate) unflagged++;
      }
    }
    const counts = await h.ledger.deliveryCounts(id);
    console.log(`\nkills: ${killed}`);
    console.log(`missing: ${missing}`);
    console.log(
      `duplicates: ${duplicates} (the ledger flags ${counts.possibleDuplicates} sends as possible duplicates; ` +
        `${unflagged} duplicates were not flagged)`,
    );
    const ok = missing === 0 && unflagged === 0 && duplicates <= counts.possibleDuplicates && killed >= 5;
    console.log(ok ? 'chaos: PASS' : 'chaos: FAIL');
    return ok ? 0 : 1;
  } finally {
    await h.close();
  }
}

await runHarnessScript(main);
