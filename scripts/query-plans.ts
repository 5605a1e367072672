// `npx tsx scripts/query-plans.ts [--people N] [--database-url postgres://…]`: seeds a ledger with N people
// (some already sent), runs one page of each step of the send path against it, and prints the plan of
// every statement those steps ran (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN), marking the
// lines that read or sort more as the incident grows, and the statements the counts' triggers run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { OpenIncidentRequest } from '../domain/incident.js';
import { openLedger } from '../store/open.js';
import { BENCH_INCIDENT, benchPerson, seededRandom } from './harness.js';
import { growsWithN, openCapturingLedger, type CapturingLedger } from './query-plans/capture.js';

const PAGE = 500;

async function seed(dataDir: string, people: number, databaseUrl?: string, schema?: string): Promise<string> {
  const ledger = await openLedger({ dataDir, ...(databaseUrl ? { databaseUrl, schema } : {}) });
  const facts = OpenIncidentRequest.parse({ ...BENCH_INCIDENT, severity: 'high' });
  const { incident } = await ledger.createIncident({ facts, createdBy: 'plans' });
  const random = seededRandom(people);
  const all = Array.from({ length: people }, (_, i) => benchPerson(i, random));
  for (let i = 0; i < people; i += PAGE)
    await ledger.upsertAffectedUsers(incident.id, all.slice(i, i + PAGE));
  // The first half already went out by email, as in the middle of a fan-out.
  const batch = { incidentId: incident.id, channel: 'email' as const, noticeVersion: 1 };
  for (let i = 0; i < people / 2; i += PAGE) {
    const ids = all.slice(i, i + PAGE).map((p) => p.userId);
    await ledger.claimDeliveries(batch, ids);
    await ledger.recordDeliveryOutcomes(
      ids.map((userId, j) => ({
        key: { ...batch, userId },
        outcome: { status: 'accepted', providerId: `m${i + j}` },
      })),
    );
  }
  await ledger.close();
  return incident.id;
}

/** One page of each step, in the middle of the affected set. */
async function sendPath(c: CapturingLedger, incidentId: string, people: number): Promise<void> {
  const { ledger } = c;
  const after = benchPerson(Math.floor(people / 2) + 1, () => 1).userId;
  const sms = { incidentId, channel: 'sms' as const, noticeVersion: 1 };
  let ids: string[] = [];
  await c.during('plan', async () => {
    ids = await ledger.pageAffectedUserIds(incidentId, {
      afterUserId: after,
      limit: PAGE,
      reachableBy: 'sms',
    });
  });
  await c.during('read page', () =>
    ledger.pageAffectedUsers(incidentId, {
      afterUserId: after,
      throughUserId: ids.at(-1)!,
      reachableBy: 'sms',
      limit: PAGE,
    }),
  );
  await c.during('incident', () => ledger.getIncident(incidentId));
  await c.during('send quota', () => ledger.takeSendQuota('sms', Math.floor(Date.now() / 1000), 10, 1000));
  await c.during('claim', async () => {
    await ledger.claimDeliveries(sms, ids);
    // Held claims take the retry, reclaim and held steps.
    await ledger.claimDeliveries(sms, ids, { reclaimAfterMs: 60_000 });
  });
  await c.during('record', () =>
    ledger.recordDeliveryOutcomes([
      ...ids.slice(2).map((userId, i) => ({
        key: { ...sms, userId },
        outcome: { status: 'accepted' as const, providerId: `SM${i}` },
      })),
      { key: { ...sms, userId: ids[0]! }, outcome: { status: 'failed_retryable', errorCode: '20429' } },
      { key: { ...sms, userId: ids[1]! }, outcome: { status: 'unreachable', reason: 'invalid number' } },
    ]),
  );
  await c.during('sms callback', () =>
    ledger.recordProviderCallback('sms', 'SM0', { status: 'delivered' }, { ...sms, userId: ids[2]! }),
  );
  await c.during('dead push token', () => ledger.markPushTokenDead(incidentId, ids[3]!));
  await c.during('settle', () => ledger.deliveriesOf(incidentId, 1, ids));
  await c.during('progress', () => ledger.deliveryCounts(incidentId));
  await c.during('progress', () => ledger.deliveryCounts(incidentId, { noticeVersion: 1 }));
  await c.during('page of deliveries (API)', () =>
    ledger.pageDeliveries(incidentId, { channel: 'email', limit: 50 }),
  );
}

/** The statements the counts' triggers run for each changed row, as plain queries. */
function triggerStatements(incidentId: string, userId: string) {
  return [
    {
      step: 'trigger: count cell',
      sql: `SELECT n FROM delivery_counts WHERE incident_id = ? AND notice_version = 1 AND channel = 'sms' AND status = 'accepted' AND slot = 0`,
      parameters: [incidentId],
    },
    {
      step: 'trigger: other unreachable row',
      sql: `SELECT 1 FROM deliveries d WHERE d.incident_id = ? AND d.user_id = ? AND (d.channel <> 'sms' OR d.notice_version <> 1) AND d.status = 'unreachable'`,
      parameters: [incidentId, userId],
    },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { people: { type: 'string', default: '20000' }, 'database-url': { type: 'string' } },
  });
  const people = Number(values.people);
  const databaseUrl = values['database-url'];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'query-plans-'));
  const schema = databaseUrl ? `plans_${process.pid}` : undefined;
  try {
    const incidentId = await seed(dataDir, people, databaseUrl, schema);
    const c = openCapturingLedger({ dataDir, ...(databaseUrl ? { databaseUrl, schema } : {}) });
    // Both planners choose by the tables' statistics, as a ledger in use has them.
    await sql`ANALYZE`.execute(c.ledger.db);
    await sendPath(c, incidentId, people);
    const pg = databaseUrl !== undefined;
    const extra = triggerStatements(incidentId, benchPerson(1, () => 1).userId).map((s) =>
      pg
        ? { ...s, sql: s.sql.replace(/\?/g, (_, i: number) => `$${s.sql.slice(0, i).split('?').length}`) }
        : s,
    );
    let flagged = 0;
    for (const s of [...c.statements, ...extra]) {
      const plan = await c.explain(s);
      const grows = plan.filter(growsWithN);
      flagged += grows.length ? 1 : 0;
      console.log(`\n[${s.step}] ${s.sql.replace(/\s+/g, ' ').slice(0, 220)}`);
      for (const line of plan) console.log(`  ${growsWithN(line) ? '!!' : '  '} ${line}`);
    }
    console.log(
      `\n${c.statements.length + extra.length} statements, ${flagged} with a plan that grows with N (!!)`,
    );
    if (pg) await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(c.ledger.db);
    await c.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
