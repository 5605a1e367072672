// The lookup's store on both ledgers, and its pure rules: reading addresses, judging codes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  judgeCode,
  lookupDigest,
  lookupKeyOf,
  lookupOpen,
  parseLookupAddress,
  type LookupState,
} from '../domain/announcement/lookup.js';
import { newIncident, openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

describe('reading what a person typed', () => {
  it('takes email addresses lower-cased and phone numbers in E.164, and says what is wrong otherwise', () => {
    expect(parseLookupAddress(' Ada@Example.COM ')).toEqual({ channel: 'email', address: 'ada@example.com' });
    expect(parseLookupAddress('+44 (0)7911-123 456')).toEqual({ channel: 'sms', address: '+447911123456' });
    expect(parseLookupAddress('0033 6 12 34 56 78')).toEqual({ channel: 'sms', address: '+33612345678' });
    expect(parseLookupAddress('06 12 34 56 78')).toEqual({ problem: 'phone_prefix' });
    expect(parseLookupAddress('+44 1')).toEqual({ problem: 'invalid' });
    expect(parseLookupAddress('ada@')).toEqual({ problem: 'invalid' });
    expect(parseLookupAddress('hello')).toEqual({ problem: 'invalid' });
    expect(parseLookupAddress('   ')).toEqual({ problem: 'required' });
  });
});

describe('judging a code', () => {
  const key = lookupKeyOf(randomBytes(32).toString('hex'));
  const now = new Date('2026-12-01T10:00:00Z');
  const state = (over: Partial<LookupState> = {}): LookupState => ({
    codeDigest: lookupDigest(key, 'code', '042137'),
    tries: 1,
    expiresAt: '2026-12-01T10:05:00Z',
    usedAt: null,
    ...over,
  });

  it('opens with the right code, counts wrong ones down, and is dead when expired, used or out of tries', () => {
    expect(judgeCode(state(), '042137', key, now)).toEqual({ status: 'ok' });
    expect(judgeCode(state(), '042138', key, now)).toEqual({ status: 'wrong', triesLeft: 4 });
    expect(judgeCode(state({ tries: 4 }), '000000', key, now)).toEqual({ status: 'wrong', triesLeft: 1 });
    expect(judgeCode(state({ tries: 5 }), '000000', key, now)).toEqual({ status: 'dead' });
    expect(judgeCode(state({ tries: 6 }), '042137', key, now)).toEqual({ status: 'dead' });
    expect(judgeCode(state({ expiresAt: '2026-12-01T10:00:00Z' }), '042137', key, now)).toEqual({
      status: 'dead',
    });
    expect(judgeCode(state({ usedAt: '2026-12-01T09:59:00Z' }), '042137', key, now)).toEqual({
      status: 'dead',
    });
    // No code (nobody has the address): every code is wrong.
    expect(judgeCode(state({ codeDigest: null }), '042137', key, now)).toEqual({
      status: 'wrong',
      triesLeft: 4,
    });
    // A code digest under another key matches nothing.
    const other = lookupKeyOf(randomBytes(32).toString('hex'));
    expect(judgeCode(state(), '042137', other, now).status).toBe('wrong');
  });

  it('is open only while personal data is kept and an announcement is published or archived', () => {
    const kept = { purgedAt: null };
    expect(lookupOpen(kept, [{ status: 'published' }])).toBe(true);
    expect(lookupOpen(kept, [{ status: 'awaiting_approval' }, { status: 'archived' }])).toBe(true);
    expect(lookupOpen(kept, [{ status: 'awaiting_approval' }])).toBe(false);
    expect(lookupOpen({ purgedAt: '2026-12-01T00:00:00Z' }, [{ status: 'published' }])).toBe(false);
    expect(lookupOpen(undefined, [{ status: 'published' }])).toBe(false);
  });
});

describe.each(STORE_KINDS)('the lookup store on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('counts lookups per address and window up to the limit', async () => {
    const { ledger } = store;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await ledger.countAddressLookup('d1', 1000, 3));
    expect(results).toEqual([true, true, true, false]);
    expect(await ledger.countAddressLookup('d1', 4600, 3)).toBe(true);
    expect(await ledger.countAddressLookup('d2', 1000, 3)).toBe(true);
    // Parallel lookups do not pass the limit together.
    const parallel = await Promise.all(
      Array.from({ length: 6 }, () => ledger.countAddressLookup('d3', 1000, 3)),
    );
    expect(parallel.filter(Boolean)).toHaveLength(3);
  });

  it('finds the affected person by address, counts tries, opens once, and prunes old lookups', async () => {
    const { ledger } = store;
    const id = await newIncident(ledger);
    await ledger.upsertAffectedUsers(id, [
      { userId: 'a', email: 'a@example.com' },
      { userId: 'b', phone: '+33612345678' },
    ]);
    const b = await ledger.getAffectedUser(id, 'b');
    expect(await ledger.findAffectedLinkRef(id, { channel: 'sms', address: '+33612345678' })).toBe(
      b!.linkRef,
    );
    expect(
      await ledger.findAffectedLinkRef(id, { channel: 'email', address: 'b@example.com' }),
    ).toBeUndefined();

    const at = new Date().toISOString();
    const expiresAt = new Date(Date.now() + 600_000).toISOString();
    await ledger.startLookup({
      id: 'ref-1',
      incidentId: id,
      channel: 'sms',
      addressDigest: 'x',
      at,
      expiresAt,
    });
    await ledger.settleLookup('ref-1', { outcome: 'sent', codeDigest: 'c0de', linkRef: b!.linkRef });
    expect(await ledger.tryLookupCode('ref-1', 'another-incident')).toBeUndefined();
    expect((await ledger.tryLookupCode('ref-1', id))?.tries).toBe(1);
    const second = await ledger.tryLookupCode('ref-1', id);
    expect(second).toMatchObject({
      tries: 2,
      outcome: 'sent',
      codeDigest: 'c0de',
      linkRef: b!.linkRef,
      usedAt: null,
    });
    expect(second?.expiresAt).toBe(expiresAt);
    expect(await ledger.useLookup('ref-1', at)).toBe(true);
    expect(await ledger.useLookup('ref-1', at)).toBe(false);

    await ledger.purgePersonalData(id);
    expect(await ledger.findAffectedLinkRef(id, { channel: 'sms', address: '+33612345678' })).toBeUndefined();

    expect(await ledger.pruneLookups(new Date(Date.now() + 1000).toISOString())).toBe(1);
    expect(await ledger.getLookup('ref-1')).toBeUndefined();
  });
});
