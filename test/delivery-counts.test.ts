// The kept progress counts equal a recount of the rows after every kind of write of a delivery (claims,
// acceptances, failures, retries, reclaims, SMS callbacks, unreachable marks, deletes), on both stores,
// and the reconciliation finds and repairs counts that drifted.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileNoticeCounts } from '../activities/notices/reconcile.js';
import type { Ledger } from '../store/ledger.js';
import type { SqlLedger } from '../store/sql-ledger.js';
import { newIncident, openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const people = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `u${String(from + i).padStart(3, '0')}`);

async function expectCountsEqualRows(ledger: Ledger, incidentId: string): Promise<void> {
  expect(await ledger.deliveryCounts(incidentId)).toEqual(await ledger.countDeliveryRows(incidentId));
  for (const noticeVersion of [1, 2])
    expect(await ledger.deliveryCounts(incidentId, { noticeVersion })).toEqual(
      await ledger.countDeliveryRows(incidentId, { noticeVersion }),
    );
  expect((await ledger.reconcileDeliveryCounts(incidentId)).drift).toEqual([]);
}

describe.each(STORE_KINDS)('delivery counts on %s', (kind) => {
  let store: TestStore;
  let ledger: Ledger;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ledger = store.ledger;
  });
  afterAll(() => store.cleanup());

  it('follow claims, sends, failures, retries, reclaims, receipts and unreachable marks', async () => {
    const id = await newIncident(ledger);
    const email = { incidentId: id, channel: 'email' as const, noticeVersion: 1 };
    const sms = { incidentId: id, channel: 'sms' as const, noticeVersion: 1 };
    const key = (b: typeof email | typeof sms, userId: string) => ({ ...b, userId });

    await ledger.claimDeliveries(email, people(10));
    await ledger.claimDeliveries(sms, people(6));
    await expectCountsEqualRows(ledger, id);
    expect((await ledger.deliveryCounts(id)).channels.email.pending).toBe(10);

    await ledger.recordDeliveryOutcomes([
      ...people(4).map((u, i) => ({
        key: key(email, u),
        outcome: { status: 'accepted' as const, providerId: `m${i}` },
      })),
      { key: key(email, 'u004'), outcome: { status: 'failed_retryable', errorCode: '451' } },
      { key: key(email, 'u005'), outcome: { status: 'failed_permanent', errorCode: '550' } },
      ...people(5).map((u, i) => ({
        key: key(sms, u),
        outcome: { status: 'accepted' as const, providerId: `SM${i}` },
      })),
      { key: key(sms, 'u005'), outcome: { status: 'failed_permanent', errorCode: '21211' } },
      { key: key(email, 'u005'), outcome: { status: 'unreachable', reason: 'bounced' } },
      { key: key(sms, 'u005'), outcome: { status: 'unreachable', reason: 'invalid number' } },
      // No claim is needed to mark someone unreachable.
      {
        key: { ...email, noticeVersion: 2, userId: 'u099' },
        outcome: { status: 'unreachable', reason: 'no address' },
      },
    ]);
    await expectCountsEqualRows(ledger, id);
    const after = await ledger.deliveryCounts(id);
    expect(after.unreachable).toBe(2);
    expect((await ledger.deliveryCounts(id, { noticeVersion: 1 })).unreachable).toBe(1);

    // SMS receipts move rows to delivered and failed; a stale duplicate callback changes nothing.
    await ledger.recordProviderCallback('sms', 'SM0', { status: 'delivered' }, key(sms, 'u000'));
    await ledger.recordProviderCallback('sms', 'SM1', { status: 'failed_permanent', errorCode: '30003' });
    await ledger.recordProviderCallback('sms', 'SM0', { status: 'delivered' }, key(sms, 'u000'));
    await expectCountsEqualRows(ledger, id);
    const received = await ledger.deliveryCounts(id);
    expect(received.channels.sms).toMatchObject({ delivered: 1, failed: 1 });

    // A retry takes the retryable failure again; a stale claim is taken over as a possible duplicate.
    const claims = await ledger.claimDeliveries(email, ['u004', 'u006', 'u000'], {
      reclaimAfterMs: 1,
      now: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(claims).toEqual(['claimed', 'reclaimed', 'already_accepted']);
    await expectCountsEqualRows(ledger, id);
    expect((await ledger.deliveryCounts(id)).possibleDuplicates).toBe(1);
  });

  it('the reconciliation repairs counts that drifted, and deleting the incident drops them', async () => {
    const id = await newIncident(ledger);
    const batch = { incidentId: id, channel: 'push' as const, noticeVersion: 1 };
    await ledger.claimDeliveries(batch, people(5));
    const db = (ledger as SqlLedger).db;
    // Drift no write path makes: a count moved by hand, and a cell no row has.
    await sql`update delivery_counts set n = n + 7 where incident_id = ${id} and status = 'claimed'`.execute(
      db,
    );
    await sql`insert into delivery_counts values (${id}, 1, 'push', 'delivered', 0, 3, 0)`.execute(db);
    const { drift } = await ledger.reconcileDeliveryCounts(id);
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'push', status: 'claimed', n: 5, kept: { n: 12, duplicates: 0 } }),
        expect.objectContaining({
          channel: 'push',
          status: 'delivered',
          n: 0,
          kept: { n: 3, duplicates: 0 },
        }),
      ]),
    );
    await expectCountsEqualRows(ledger, id);

    // The fan-out's reconciliation logs and audits a drift with the counts only.
    await sql`update delivery_counts set n = n - 2 where incident_id = ${id} and status = 'claimed' and slot = 0`.execute(
      db,
    );
    const warnings: unknown[] = [];
    const result = await reconcileNoticeCounts(ledger, id, { warn: (m, meta) => warnings.push({ m, meta }) });
    expect(result.drift).toHaveLength(1);
    expect(JSON.stringify(warnings)).toContain('"rows":5,"kept":3');
    expect(JSON.stringify(warnings)).not.toMatch(/u00\d/);
    const audit = await ledger.listAudit(id);
    expect(audit.map((a) => a.action)).toContain('notices:counts-repaired');
    expect(await reconcileNoticeCounts(ledger, id, { warn: (m) => warnings.push(m) })).toMatchObject({
      drift: [],
    });
    expect(warnings).toHaveLength(1);

    await ledger.deleteIncident(id);
    const left = await sql<{
      n: number;
    }>`select count(*) as n from delivery_counts where incident_id = ${id}`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
