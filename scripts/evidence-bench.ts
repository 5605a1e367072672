// npm run bench:evidence -- --users 100000: seeds an incident with N people's deliveries straight into a
// SQLite ledger, streams its evidence pack through the API (a process of its own) at 10k and at N, and
// prints the API's peak RSS and the deliveries.csv row count against the ledger's.
import { Command } from 'commander';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import yauzl from 'yauzl';
import { sampleBenchFacts } from './evidence-bench-facts.js';
import type { Ledger } from '../store/ledger.js';
import { openLedger } from '../store/open.js';
import type { SqlLedger } from '../store/sql-ledger.js';

const CHANNELS = ['email', 'sms', 'push'] as const;

async function seed(ledger: Ledger, incidentId: string, from: number, to: number): Promise<void> {
  const db = (ledger as SqlLedger).db;
  const at = new Date().toISOString();
  for (let start = from; start < to; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(to, start + 500); i++) {
      rows.push({
        incident_id: incidentId,
        user_id: `u${String(i).padStart(7, '0')}`,
        channel: CHANNELS[i % 3]!,
        notice_version: 1,
        status: 'accepted',
        provider_id: `prov-${i}`,
        error_code: null,
        error_message: null,
        attempts: 1,
        possible_duplicate: 0,
        claimed_at: at,
        accepted_at: at,
        updated_at: at,
      });
    }
    await db.insertInto('deliveries').values(rows).execute();
  }
}

/** Streams the pack's deliveries.csv out of the ZIP as it arrives and counts its rows. */
async function csvRows(url: string, key: string): Promise<{ rows: number; bytes: number }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok || !res.body) throw new Error(`pack: HTTP ${res.status} ${await res.text()}`);
  const chunks: Buffer[] = [];
  for await (const c of Readable.fromWeb(res.body as never)) chunks.push(c as Buffer);
  const zip = Buffer.concat(chunks);
  const rows = await new Promise<number>((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('no zip'));
      file.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== 'deliveries.csv') return file.readEntry();
        file.openReadStream(e, (e2, stream) => {
          if (e2 || !stream) return reject(e2 ?? new Error('no stream'));
          let n = -1;
          createInterface({ input: stream })
            .on('line', () => (n += 1))
            .on('close', () => resolve(n));
        });
      });
      file.on('end', () => resolve(-1));
      file.readEntry();
    });
  });
  return { rows, bytes: zip.length };
}

const ask = <T>(child: ChildProcess, m: string) =>
  new Promise<T>((resolve) => {
    child.once('message', (r) => resolve(r as T));
    child.send(m);
  });

const program = new Command('evidence-bench')
  .option('--users <n>', 'people (deliveries) to seed', '100000')
  .option(
    '--api-heap-mb <mb>',
    "cap the API process's heap (shows the pack does not need memory that grows with N)",
  )
  .action(async (opts: { users: string; apiHeapMb?: string }) => {
    const n = Number(opts.users);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'evidence-bench-'));
    const ledger = await openLedger({ dataDir });
    const { incident } = await ledger.createIncident({ facts: sampleBenchFacts(), createdBy: 'bench' });
    const key = `bench_${randomBytes(8).toString('hex')}`;
    const child = spawn(
      process.execPath,
      [
        ...(opts.apiHeapMb ? [`--max-old-space-size=${opts.apiHeapMb}`] : []),
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'evidence-bench-api.ts'),
        dataDir,
        key,
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const { address } = await new Promise<{ address: string }>((resolve) =>
      child.once('message', (m) => resolve(m as { address: string })),
    );
    const url = `${address}/v1/incidents/${incident.id}/evidence`;
    let seeded = 0;
    for (const size of [...new Set([Math.min(10_000, n), n])]) {
      await seed(ledger, incident.id, seeded, size);
      seeded = size;
      await ask(child, 'peak'); // resets the peak to the current RSS
      const t0 = Date.now();
      const { rows, bytes } = await csvRows(url, key);
      const { peak } = await ask<{ peak: number }>(child, 'peak');
      const inLedger = (await ledger.deliveryCounts(incident.id)).channels;
      const total = Object.values(inLedger).reduce(
        (s, c) => s + c.sent + c.pending + c.failed + c.unreachable,
        0,
      );
      console.log(
        `${size} people: pack ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s; API peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB; deliveries.csv ${rows} rows, ledger ${total}`,
      );
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
await program.parseAsync();
