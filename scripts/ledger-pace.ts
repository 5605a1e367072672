// `npx tsx scripts/ledger-pace.ts [--people N] [--database-url postgres://…]`: the ledger's share of a
// fan-out alone: claim and record acceptance for N people, a page at a time on one channel, and print
// the time per 1,000 notices for each tenth of the run, so a cost that grows with N shows without the
// channels, Temporal or the rest of the machine's noise in between.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { OpenIncidentRequest } from '../domain/incident.js';
import { openLedger } from '../store/open.js';
import type { SqlLedger } from '../store/sql-ledger.js';
import { BENCH_INCIDENT, benchPerson, seededRandom } from './harness.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    page: { type: 'string', default: '500' },
    'database-url': { type: 'string' },
  },
});
const people = Number(values.people);
const page = Number(values.page);
const databaseUrl = values['database-url'];
const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-pace-'));
const schema = databaseUrl ? `pace_${process.pid}` : undefined;
const ledger = await openLedger({ dataDir, ...(databaseUrl ? { databaseUrl, schema } : {}) });
try {
  const facts = OpenIncidentRequest.parse({ ...BENCH_INCIDENT, severity: 'high' });
  const { incident } = await ledger.createIncident({ facts, createdBy: 'pace' });
  const random = seededRandom(people);
  const all = Array.from({ length: people }, (_, i) => benchPerson(i, random).userId);
  const batch = { incidentId: incident.id, channel: 'email' as const, noticeVersion: 1 };
  const tenth = Math.ceil(people / 10);
  let started = performance.now();
  let cpu = process.cpuUsage();
  const line: string[] = [];
  for (let i = 0; i < people; i += page) {
    const ids = all.slice(i, i + page);
    await ledger.claimDeliveries(batch, ids);
    await ledger.recordDeliveryOutcomes(
      ids.map((userId, j) => ({
        key: { ...batch, userId },
        outcome: { status: 'accepted', providerId: `m${i + j}` },
      })),
    );
    const done = Math.min(i + page, people);
    if (done % tenth < page || done === people) {
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      line.push(
        `${Math.round((done / people) * 100)}%: ${((ms / tenth) * 1000).toFixed(0)} ms wall, ` +
          `${(((used.user + used.system) / 1000 / tenth) * 1000).toFixed(0)} ms cpu per 1,000`,
      );
      started = performance.now();
      cpu = process.cpuUsage();
    }
  }
  console.log(`${ledger.kind}, ${people} people, pages of ${page}:\n  ${line.join('\n  ')}`);
  const t = performance.now();
  const counts = await ledger.deliveryCounts(incident.id);
  const kept = performance.now() - t;
  const t2 = performance.now();
  const rows = await ledger.countDeliveryRows(incident.id);
  console.log(
    `counts ${kept.toFixed(1)} ms (kept) vs ${(performance.now() - t2).toFixed(0)} ms (from the rows); ` +
      `equal: ${JSON.stringify(counts) === JSON.stringify(rows)}`,
  );
  if (schema) await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute((ledger as SqlLedger).db);
} finally {
  await ledger.close();
  rmSync(dataDir, { recursive: true, force: true });
}
