// A large upload streams: 200,000 generated rows go into the SQLite ledger while the process's
// resident memory is sampled; the file itself never exists as a whole, in memory or on disk.
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAffectedUsers } from '../store/affected-user-import.js';
import { newIncident, openTestStore, type TestStore } from './support/stores.js';

const ROWS = 200_000;
const MB = 1024 * 1024;
const COUNTRIES = [
  ['DE', 'DE-BE', 'de', '+49 151 2', 'password'],
  ['FR', 'FR-IDF', 'fr', '+33 6 1', 'email'],
  ['US', 'US-CA', 'en-US', '+1 213 555 0', 'payment_card;name'],
  ['CN', 'CN-BJ', 'zh-CN', '+86 138 0', 'address'],
] as const;

interface Expected {
  email: number;
  sms: number;
  push: number;
  none: number;
  byCountry: Record<string, number>;
  rejected: number;
}

/** Yields CSV lines one at a time and tallies what the assessment must find. */
function generate(expected: Expected): Readable {
  return Readable.from(
    (function* () {
      yield 'userId,name,email,phone,pushToken,locale,country,region,dataCategories\n';
      for (let i = 0; i < ROWS; i++) {
        const [country, region, locale, prefix, categories] = COUNTRIES[i % COUNTRIES.length]!;
        const bad = i % 10_000 === 9_999;
        const hasEmail = i % 10 !== 0;
        const hasPhone = i % 2 === 0;
        const hasPush = i % 5 < 2;
        // US numbers stay in the 555-01xx range reserved for fiction; the others get 7 more digits.
        const suffix = country === 'US' ? `1${String(i % 100).padStart(2, '0')}` : String(i).padStart(7, '0');
        const phone = hasPhone ? `${prefix}${suffix}` : '';
        const email = bad ? 'broken@@example.com' : hasEmail ? `person${i}@example.com` : '';
        if (bad) {
          expected.rejected++;
        } else {
          expected.byCountry[country] = (expected.byCountry[country] ?? 0) + 1;
          if (hasEmail) expected.email++;
          if (hasPhone) expected.sms++;
          if (hasPush) expected.push++;
          if (!hasEmail && !hasPhone && !hasPush) expected.none++;
        }
        yield `user-${i},Person ${i},${email},${phone},${hasPush ? `fcm-token-${i}` : ''},${locale},${country},${region},${categories}\n`;
      }
    })(),
  );
}

describe('a large affected-user upload', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it(
    `imports ${ROWS.toLocaleString('en')} rows with bounded memory and exact counts`,
    { timeout: 300_000 },
    async () => {
      const id = await newIncident(store.ledger);
      const expected: Expected = { email: 0, sms: 0, push: 0, none: 0, byCountry: {}, rejected: 0 };

      // A forced collection now and then measures what is really held, not what V8 has yet to collect.
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      gc();
      const baseline = process.memoryUsage();
      let peakRss = baseline.rss;
      let peakLive = baseline.heapUsed;
      let ticks = 0;
      const sampler = setInterval(() => {
        if (++ticks % 40 === 0) {
          gc();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 25);
      const started = Date.now();
      let result;
      try {
        result = await importAffectedUsers(store.ledger, id, generate(expected), 'csv');
      } finally {
        clearInterval(sampler);
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const seconds = (Date.now() - started) / 1000;
      const rssGrowth = (peakRss - baseline.rss) / MB;
      const liveGrowth = (peakLive - baseline.heapUsed) / MB;
      console.log(
        `import of ${ROWS} rows: ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s); ` +
          `RSS ${(baseline.rss / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB ` +
          `(+${rssGrowth.toFixed(0)} MB); live heap after GC at most +${liveGrowth.toFixed(0)} MB ` +
          `(${Math.floor(ticks / 40)} samples)`,
      );
      expect(ticks).toBeGreaterThan(40);

      const valid = ROWS - expected.rejected;
      expect(expected.rejected).toBe(20);
      expect(result).toMatchObject({ accepted: valid, merged: 0, rejected: 20, inserted: valid });
      expect(result.errors).toHaveLength(20);
      expect(result.errors[0]).toEqual({
        line: 10_001,
        field: 'email',
        message: 'is not a valid email address',
      });

      const counts = await store.ledger.assess(id);
      expect(counts.affected).toBe(valid);
      expect(counts.byCountry).toEqual(expected.byCountry);
      expect(counts.reachable).toEqual({
        email: expected.email,
        sms: expected.sms,
        push: expected.push,
        // Nobody here has a postal address; everyone with a phone can be called.
        letter: 0,
        voice: expected.sms,
        none: expected.none,
      });
      expect(counts.byRisk).toEqual({
        high: expected.byCountry.DE! + expected.byCountry.US!,
        medium: expected.byCountry.CN!,
        low: expected.byCountry.FR!,
      });
      // The rows are about 25 MB of CSV and well over 100 MB as objects: holding them would break
      // both bounds. RSS also carries garbage V8 has not collected yet, hence its looser bound.
      expect(rssGrowth).toBeLessThan(200);
      expect(liveGrowth).toBeLessThan(48);
    },
  );
});
