// The preview's one grouped query over the affected people, on both stores.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleFacts, STORE_KINDS, type TestStore } from './support/stores.js';

let store: TestStore | undefined;
afterEach(async () => {
  await store?.cleanup();
  store = undefined;
});

describe.each(STORE_KINDS)('reachGroups (%s)', (kind) => {
  it('sums people by reachable channels and language, leaving dead push tokens out', async () => {
    store = await openTestStore(kind);
    const { ledger } = store;
    const { incident } = await ledger.createIncident({ facts: sampleFacts(), createdBy: 'alice' });
    await ledger.upsertAffectedUsers(incident.id, [
      { userId: 'u1', email: 'a@x.example', locale: 'en' },
      { userId: 'u2', email: 'b@x.example', locale: 'en' },
      { userId: 'u3', phone: '+4915123456789', pushToken: 't3', locale: 'de' },
      { userId: 'u4', pushToken: 't4' },
    ]);
    await ledger.markPushTokenDead(incident.id, 'u4');
    const { groups, lastChangedAt } = await ledger.reachGroups(incident.id);
    expect(groups).toEqual([
      { email: false, sms: false, push: false, letter: false, locale: null, people: 1 },
      { email: false, sms: true, push: true, letter: false, locale: 'de', people: 1 },
      { email: true, sms: false, push: false, letter: false, locale: 'en', people: 2 },
    ]);
    expect(Date.parse(lastChangedAt ?? '')).toBeGreaterThan(0);
    expect((await ledger.reachGroups('inc_none')).groups).toEqual([]);
  });
});
