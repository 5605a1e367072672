// Providers' rate limits hold for every worker together: each worker takes its sends from one
// per-second count in the ledger (SQLite file or PostgreSQL), so two workers share one quota.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendGate } from '../activities/notices/gate.js';
import { SharedSendQuota } from '../activities/notices/send-quota.js';
import type { Ledger } from '../store/ledger.js';
import { openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

describe.each(STORE_KINDS)('shared send quota on %s', (kind) => {
  let store: TestStore;
  let other: Ledger;
  beforeAll(async () => {
    store = await openTestStore(kind);
    other = await store.reopen();
  });
  afterAll(async () => {
    await other?.close();
    await store?.cleanup();
  });

  it('takes from one count per channel and second, seen by every connection', async () => {
    const { ledger } = store;
    const second = 1_800_000_000;
    expect(await ledger.takeSendQuota('sms', second, 6, 10)).toBe(true);
    expect(await other.takeSendQuota('sms', second, 5, 10)).toBe(false);
    expect(await other.takeSendQuota('sms', second, 4, 10)).toBe(true);
    expect(await ledger.takeSendQuota('sms', second, 1, 10)).toBe(false);
    // Another channel and the next second have their own counts.
    expect(await ledger.takeSendQuota('push', second, 10, 10)).toBe(true);
    expect(await other.takeSendQuota('sms', second + 1, 10, 10)).toBe(true);
    // More than a second's limit is never granted.
    expect(await ledger.takeSendQuota('email', second, 11, 10)).toBe(false);
  });

  it('keeps two workers sending as fast as they can under one rate', async () => {
    const rate = 20;
    const workers = [store.ledger, other].map((ledger) => ({
      gate: new SendGate({ concurrency: 5, ratePerSecond: rate }, new SharedSendQuota(ledger, 'email', rate)),
      sent: [] as number[],
    }));
    const until = Date.now() + 3000;
    await Promise.all(
      workers.map(async (w) => {
        while (Date.now() < until) {
          await w.gate.admit(1);
          await w.gate.run(1, async () => w.sent.push(Date.now()));
        }
      }),
    );
    const all = workers.flatMap((w) => w.sent);
    const seconds = Math.floor(Math.max(...all) / 1000) - Math.floor(Math.min(...all) / 1000) + 1;
    // Alone, each worker would send `rate` a second: together twice the quota. Shared, every second's
    // sends were taken from that second's count, so at most `rate` per second spanned (plus one second
    // for a grant taken just before a second ended and used just after).
    expect(all.length).toBeLessThanOrEqual(rate * (seconds + 1));
    expect(all.length).toBeGreaterThanOrEqual(rate);
    for (const w of workers) expect(w.sent.length).toBeGreaterThan(0);
  });
});
