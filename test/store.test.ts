// The ledger contract, run against both stores: incidents, audit, the affected-user snapshot,
// assessment, deliveries (the exactly-once claim) and the retention purge.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffectedUser } from '../domain/affected-user.js';
import {
  AffectedUsersFrozenError,
  IncidentNotFoundError,
  InvalidCursorError,
  type DeliveryKey,
  type Ledger,
} from '../store/ledger.js';
import { SQLITE_FILE } from '../store/open.js';
import { SqlLedger } from '../store/sql-ledger.js';
import { newIncident, openTestStore, sampleFacts, STORE_KINDS, type TestStore } from './support/stores.js';
import { claimOne, recordOne } from './support/deliveries.js';

const key = (incidentId: string, userId: string, channel: DeliveryKey['channel'] = 'email'): DeliveryKey => ({
  incidentId,
  userId,
  channel,
  noticeVersion: 1,
});

describe.each(STORE_KINDS)('ledger on %s', (kind) => {
  let store: TestStore;
  let ledger: Ledger;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ledger = store.ledger;
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  describe('incidents', () => {
    it('creates once per externalId and returns the existing incident after', async () => {
      const facts = sampleFacts({ externalId: `ext-${kind}-1` });
      const first = await ledger.createIncident({ facts, createdBy: 'alice' });
      const again = await ledger.createIncident({ facts, createdBy: 'bob' });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.incident.id).toBe(first.incident.id);
      expect(again.incident.createdBy).toBe('alice');
      expect(again.incident.facts).toEqual(facts);
      expect(again.incident.externalId).toBe(`ext-${kind}-1`);
    });

    it('creates one incident from concurrent requests with the same externalId', async () => {
      const facts = sampleFacts({ externalId: `ext-${kind}-race` });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => ledger.createIncident({ facts, createdBy: `r${i}` })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.incident.id)).size).toBe(1);
    });

    it('creates separate incidents without an externalId', async () => {
      const a = await ledger.createIncident({ facts: sampleFacts(), createdBy: 'alice' });
      const b = await ledger.createIncident({ facts: sampleFacts(), createdBy: 'alice' });
      expect(a.created && b.created).toBe(true);
      expect(a.incident.id).not.toBe(b.incident.id);
      expect(a.incident.externalId).toBeNull();
    });

    it('moves phases, stamps closing, and refuses an unknown incident', async () => {
      const { incident } = await ledger.createIncident({ facts: sampleFacts(), createdBy: 'alice' });
      expect(incident.phase).toBe('opened');
      await ledger.setIncidentPhase(incident.id, 'assessing', '2026-11-20T09:00:00.000Z');
      let got = await ledger.getIncident(incident.id);
      expect(got?.phase).toBe('assessing');
      expect(got?.closedAt).toBeNull();
      await ledger.setIncidentPhase(incident.id, 'closed', '2026-11-21T09:00:00.000Z');
      got = await ledger.getIncident(incident.id);
      expect(got?.phase).toBe('closed');
      expect(got?.closedAt).toBe('2026-11-21T09:00:00.000Z');
      expect(got?.updatedAt).toBe('2026-11-21T09:00:00.000Z');
      await expect(ledger.setIncidentPhase('nope', 'closed', got!.updatedAt)).rejects.toBeInstanceOf(
        IncidentNotFoundError,
      );
      expect(await ledger.getIncident('nope')).toBeUndefined();
    });

    it('lists newest first in pages, filtered by phase', async () => {
      const fresh = await store.reopen();
      try {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const { incident } = await fresh.createIncident({
            facts: sampleFacts(),
            createdBy: 'lister',
            createdAt: `2030-01-01T00:00:0${i}.000Z`,
            phase: i % 2 ? 'monitoring' : 'opened',
          });
          ids.push(incident.id);
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await fresh.listIncidents({ limit: 2, cursor });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor && seen.length < 5);
        expect(seen.slice(0, 5)).toEqual([...ids].reverse());

        const monitoring = await fresh.listIncidents({ phase: 'monitoring', limit: 10 });
        expect(monitoring.items.map((i) => i.id)).toEqual([ids[3], ids[1]]);
        expect(monitoring.nextCursor).toBeUndefined();
        await expect(fresh.listIncidents({ limit: 2, cursor: 'garbage' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      } finally {
        await fresh.close();
      }
    });

    it('deletes an incident with its snapshot but keeps its audit trail', async () => {
      const id = await newIncident(ledger);
      await ledger.upsertAffectedUsers(id, [{ userId: 'u1', email: 'u1@example.com' }]);
      await claimOne(ledger, { incidentId: id, userId: 'u1', channel: 'email', noticeVersion: 1 });
      await ledger.appendAudit({ incidentId: id, actor: 'alice', action: 'incident:opened' });
      expect(await ledger.deleteIncident(id)).toBe(true);
      expect(await ledger.getIncident(id)).toBeUndefined();
      expect(await ledger.getAffectedUser(id, 'u1')).toBeUndefined();
      expect(
        await ledger.getDelivery({ incidentId: id, userId: 'u1', channel: 'email', noticeVersion: 1 }),
      ).toBe(undefined);
      expect((await ledger.listAudit(id)).map((a) => a.action)).toEqual(['incident:opened']);
      expect(await ledger.deleteIncident(id)).toBe(false);
    });
  });

  describe('audit log', () => {
    it('appends and lists entries in order with their details', async () => {
      const id = await newIncident(ledger);
      await ledger.appendAudit({
        incidentId: id,
        actor: 'alice',
        action: 'incident:approved',
        reason: 'high risk to people',
        details: { note: 'approved after review', n: 3 },
        at: '2026-11-20T10:00:00.000Z',
      });
      await ledger.appendAudit({ incidentId: id, actor: 'system', action: 'phase:notifying' });
      await ledger.appendAudit({ incidentId: 'other', actor: 'system', action: 'x' });
      const entries = await ledger.listAudit(id);
      expect(entries.map((e) => e.action)).toEqual(['incident:approved', 'phase:notifying']);
      expect(entries[0]).toMatchObject({
        incidentId: id,
        actor: 'alice',
        reason: 'high risk to people',
        details: { note: 'approved after review', n: 3 },
        at: '2026-11-20T10:00:00.000Z',
      });
      expect(entries[1]!.id).toBeGreaterThan(entries[0]!.id);
      expect(entries[1]!.reason).toBeNull();
    });

    it('refuses to rewrite or delete an entry', async () => {
      const entry = await ledger.appendAudit({ incidentId: 'tamper', actor: 'mallory', action: 'x' });
      const db = (ledger as SqlLedger).db;
      await expect(
        db.updateTable('audit_log').set({ actor: 'nobody' }).where('id', '=', entry.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_log').where('id', '=', entry.id).execute()).rejects.toThrow(
        /append-only/,
      );
      expect((await ledger.listAudit('tamper'))[0]?.actor).toBe('mallory');
    });
  });

  describe('affected users', () => {
    it('inserts, merges duplicates and changes nothing when the same rows come again', async () => {
      const id = await newIncident(ledger);
      const rows: AffectedUser[] = [
        { userId: 'a', email: 'a@example.com', country: 'DE', dataCategories: ['email'] },
        { userId: 'b', phone: '+4915123456789', country: 'DE' },
        { userId: 'a', phone: '+4915111111111', dataCategories: ['password'] },
      ];
      expect(await ledger.upsertAffectedUsers(id, rows)).toEqual({
        inserted: 2,
        merged: 0,
        unchanged: 0,
        duplicates: 1,
      });
      expect(await ledger.getAffectedUser(id, 'a')).toEqual({
        userId: 'a',
        linkRef: 1,
        email: 'a@example.com',
        phone: '+4915111111111',
        country: 'DE',
        dataCategories: ['email', 'password'],
        risk: 'high',
        pushTokenDead: false,
        purged: false,
      });
      // Without own categories a person carries the incident's (email, name, phone: medium).
      expect((await ledger.getAffectedUser(id, 'b'))?.risk).toBe('medium');

      expect(await ledger.upsertAffectedUsers(id, rows)).toEqual({
        inserted: 0,
        merged: 0,
        unchanged: 2,
        duplicates: 1,
      });
      expect(await ledger.upsertAffectedUsers(id, [{ userId: 'b', name: 'Bea' }, { userId: 'c' }])).toEqual({
        inserted: 1,
        merged: 1,
        unchanged: 0,
        duplicates: 0,
      });
      expect(await ledger.getAffectedUser(id, 'b')).toMatchObject({ name: 'Bea', phone: '+4915123456789' });
    });

    it('numbers the people of an incident for their notice links, and finds them by that number', async () => {
      const id = await newIncident(ledger);
      const other = await newIncident(ledger);
      await ledger.upsertAffectedUsers(id, [{ userId: 'zoe@example.com' }, { userId: 'b' }]);
      await ledger.upsertAffectedUsers(other, [{ userId: 'b' }]);
      // A later upload merges known people (they keep their number) and numbers new ones after the last.
      await ledger.upsertAffectedUsers(id, [{ userId: 'b', name: 'Bea' }, { userId: 'a' }, { userId: 'c' }]);
      const refs = Object.fromEntries(
        (await ledger.pageAffectedUsers(id, { limit: 10 })).map((p) => [p.userId, p.linkRef]),
      );
      expect(refs).toEqual({ 'zoe@example.com': 1, b: 2, a: 3, c: 4 });
      expect((await ledger.getAffectedUser(other, 'b'))?.linkRef).toBe(1);
      expect(await ledger.getAffectedUserByLinkRef(id, 2)).toMatchObject({ userId: 'b', name: 'Bea' });
      expect((await ledger.getAffectedUserByLinkRef(other, 1))?.userId).toBe('b');
      expect(await ledger.getAffectedUserByLinkRef(id, 5)).toBeUndefined();
      expect(await ledger.getAffectedUserByLinkRef('missing', 1)).toBeUndefined();
    });

    it('numbers concurrent uploads to one incident without a clash', async () => {
      const id = await newIncident(ledger);
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          ledger.upsertAffectedUsers(
            id,
            Array.from({ length: 50 }, (_, j) => ({ userId: `c${i}-${j}` })),
          ),
        ),
      );
      const refs = (await ledger.pageAffectedUsers(id, { limit: 1000 })).map((p) => p.linkRef);
      expect(refs.sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    });

    it('counts rows seen earlier in the same import as duplicates', async () => {
      const id = await newIncident(ledger);
      const opts = { importId: 'import-1' };
      await ledger.upsertAffectedUsers(id, [{ userId: 'a' }, { userId: 'b' }], opts);
      const second = await ledger.upsertAffectedUsers(id, [{ userId: 'a' }, { userId: 'c' }], opts);
      expect(second).toEqual({ inserted: 1, merged: 0, unchanged: 0, duplicates: 1 });
      const third = await ledger.upsertAffectedUsers(id, [{ userId: 'b', name: 'B' }], opts);
      expect(third).toEqual({ inserted: 0, merged: 0, unchanged: 0, duplicates: 1 });
      expect((await ledger.getAffectedUser(id, 'b'))?.name).toBe('B');
      const next = await ledger.upsertAffectedUsers(id, [{ userId: 'a' }], { importId: 'import-2' });
      expect(next).toEqual({ inserted: 0, merged: 0, unchanged: 1, duplicates: 0 });
    });

    it('refuses changes once notices have started and for unknown incidents', async () => {
      const id = await newIncident(ledger);
      await ledger.upsertAffectedUsers(id, [{ userId: 'a' }]);
      await ledger.setIncidentPhase(id, 'notifying', new Date().toISOString());
      const err = await ledger.upsertAffectedUsers(id, [{ userId: 'b' }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AffectedUsersFrozenError);
      expect((err as AffectedUsersFrozenError).phase).toBe('notifying');
      expect(await ledger.getAffectedUser(id, 'b')).toBeUndefined();
      await expect(ledger.upsertAffectedUsers('missing', [{ userId: 'a' }])).rejects.toBeInstanceOf(
        IncidentNotFoundError,
      );
    });

    it('pages by userId and filters by reachable channel', async () => {
      const id = await newIncident(ledger);
      const rows: AffectedUser[] = Array.from({ length: 25 }, (_, i) => ({
        userId: `user-${String(i).padStart(3, '0')}`,
        ...(i % 2 ? { email: `p${i}@example.com` } : {}),
        ...(i % 5 === 0 ? { pushToken: `token-${i}` } : {}),
      }));
      await ledger.upsertAffectedUsers(id, rows);
      const all: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await ledger.pageAffectedUsers(id, { afterUserId: after, limit: 10 });
        if (!page.length) break;
        all.push(...page.map((u) => u.userId));
        after = page[page.length - 1]!.userId;
      }
      expect(all).toEqual(rows.map((r) => r.userId));
      const email = await ledger.pageAffectedUsers(id, { limit: 100, reachableBy: 'email' });
      expect(email).toHaveLength(12);
      await ledger.markPushTokenDead(id, 'user-010');
      const push = await ledger.pageAffectedUsers(id, { limit: 100, reachableBy: 'push' });
      expect(push.map((u) => u.userId)).toEqual(['user-000', 'user-005', 'user-015', 'user-020']);
      expect((await ledger.getAffectedUser(id, 'user-010'))?.pushTokenDead).toBe(true);
      // A lane's pages: ids of the people its channel reaches, then each page read back by its bounds.
      const first = await ledger.pageAffectedUserIds(id, { limit: 3, reachableBy: 'push' });
      expect(first).toEqual(['user-000', 'user-005', 'user-015']);
      const rest = await ledger.pageAffectedUserIds(id, {
        afterUserId: first[2],
        limit: 3,
        reachableBy: 'push',
      });
      expect(rest).toEqual(['user-020']);
      const second = await ledger.pageAffectedUsers(id, {
        afterUserId: first[2],
        throughUserId: rest[0],
        limit: 3,
        reachableBy: 'push',
      });
      expect(second.map((u) => u.userId)).toEqual(rest);
      expect(await ledger.pageAffectedUserIds(id, { limit: 100, reachableBy: 'sms' })).toEqual([]);
      expect(await ledger.pageAffectedUserIds(id, { afterUserId: 'user-020', limit: 100 })).toHaveLength(4);
      // A new token revives the channel.
      await ledger.upsertAffectedUsers(id, [{ userId: 'user-010', pushToken: 'token-10b' }]);
      expect((await ledger.getAffectedUser(id, 'user-010'))?.pushTokenDead).toBe(false);
    });

    it('assesses the snapshot with exact counts', async () => {
      const id = await newIncident(ledger, { dataCategories: ['email', 'name'] });
      await ledger.upsertAffectedUsers(id, [
        { userId: '1', email: '1@x.de', country: 'DE', locale: 'de' },
        { userId: '2', email: '2@x.de', phone: '+4915123456789', country: 'DE', locale: 'de' },
        {
          userId: '3',
          phone: '+12015550123',
          country: 'US',
          region: 'US-CA',
          locale: 'en-US',
          dataCategories: ['payment_card'],
        },
        {
          userId: '4',
          pushToken: 'tok-4',
          country: 'US',
          region: 'US-CA',
          locale: 'en-US',
          dataCategories: ['address'],
        },
        { userId: '5', pushToken: 'tok-5', country: 'CN', region: 'CN-BJ', locale: 'zh-CN' },
        { userId: '6', country: 'CN', locale: 'zh-CN', dataCategories: ['national_id'] },
        { userId: '7' },
      ]);
      await ledger.markPushTokenDead(id, '5');
      const counts = await ledger.assess(id);
      expect(counts).toEqual({
        affected: 7,
        byCountry: { CN: 2, DE: 2, US: 2, unknown: 1 },
        byRegion: { 'CN-BJ': 1, 'US-CA': 2, unknown: 4 },
        reachable: { email: 2, sms: 2, push: 1, letter: 0, voice: 2, none: 3 },
        byLocale: { de: 2, 'en-US': 2, 'zh-CN': 2, unknown: 1 },
        byRisk: { high: 2, medium: 1, low: 4 },
      });
      const saved = await ledger.latestAssessment(id);
      expect(saved?.counts).toEqual(counts);
      expect(await ledger.assess(await newIncident(ledger))).toMatchObject({ affected: 0, byCountry: {} });
    });
  });

  describe('deliveries', () => {
    it('claims a key once; an accepted send is never claimed again', async () => {
      const id = await newIncident(ledger);
      const k = key(id, 'u1');
      expect(await claimOne(ledger, k)).toBe('claimed');
      expect(await claimOne(ledger, k)).toBe('already_claimed');
      expect(await recordOne(ledger, k, { status: 'accepted', providerId: 'msg-1' })).toBe('accepted');
      expect(await claimOne(ledger, k)).toBe('already_accepted');
      expect(await claimOne(ledger, k, { reclaimAfterMs: 0, now: '2099-01-01T00:00:00.000Z' })).toBe(
        'already_accepted',
      );
      const row = await ledger.getDelivery(k);
      expect(row).toMatchObject({
        status: 'accepted',
        providerId: 'msg-1',
        attempts: 1,
        possibleDuplicate: false,
      });
      // Another notice version or channel is another send.
      expect(await claimOne(ledger, { ...k, noticeVersion: 2 })).toBe('claimed');
      expect(await claimOne(ledger, { ...k, channel: 'sms' })).toBe('claimed');
    });

    it('gives a contended key to exactly one of many concurrent claimers', async () => {
      const id = await newIncident(ledger);
      const other = await store.reopen();
      try {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => claimOne(i % 2 ? other : ledger, key(id, 'hot'))),
        );
        expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
        expect(results.filter((r) => r === 'already_claimed')).toHaveLength(11);
      } finally {
        await other.close();
      }
    });

    it('retries a retryable failure, takes over a stale claim and counts it as a possible duplicate', async () => {
      const id = await newIncident(ledger);
      const k = key(id, 'u2', 'sms');
      await claimOne(ledger, k, { now: '2026-11-20T10:00:00.000Z' });
      expect(
        await recordOne(ledger, k, {
          status: 'failed_retryable',
          errorCode: '20429',
          errorMessage: 'busy',
        }),
      ).toBe('failed_retryable');
      expect(await claimOne(ledger, k, { now: '2026-11-20T10:01:00.000Z' })).toBe('claimed');
      // The worker dies before recording: a recent claim is left alone, a stale one is taken over.
      expect(await claimOne(ledger, k, { now: '2026-11-20T10:01:30.000Z', reclaimAfterMs: 60_000 })).toBe(
        'already_claimed',
      );
      expect(await claimOne(ledger, k, { now: '2026-11-20T10:03:00.000Z', reclaimAfterMs: 60_000 })).toBe(
        'reclaimed',
      );
      expect(await ledger.getDelivery(k)).toMatchObject({
        status: 'claimed',
        attempts: 3,
        possibleDuplicate: true,
      });
      expect((await ledger.deliveryCounts(id)).possibleDuplicates).toBe(1);
    });

    it('claims a page in one call, reporting each key', async () => {
      const id = await newIncident(ledger);
      const batch = { incidentId: id, channel: 'push' as const, noticeVersion: 1 };
      await claimOne(ledger, key(id, 'b', 'push'));
      await recordOne(ledger, key(id, 'b', 'push'), { status: 'accepted', providerId: 'p-b' });
      await claimOne(ledger, key(id, 'c', 'push'));
      await recordOne(ledger, key(id, 'c', 'push'), {
        status: 'failed_permanent',
        errorCode: 'UNREGISTERED',
      });
      await recordOne(ledger, key(id, 'd', 'push'), {
        status: 'unreachable',
        reason: 'no push token',
      });
      await claimOne(ledger, key(id, 'e', 'push'));
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'a'];
      expect(await ledger.claimDeliveries(batch, ids)).toEqual([
        'claimed',
        'already_accepted',
        'already_failed',
        'already_unreachable',
        'already_claimed',
        'claimed',
        'claimed',
      ]);
      const many = Array.from({ length: 1200 }, (_, i) => `m${i}`);
      const results = await ledger.claimDeliveries(batch, many);
      expect(results.every((r) => r === 'claimed')).toBe(true);
      expect((await ledger.claimDeliveries(batch, many)).every((r) => r === 'already_claimed')).toBe(true);
      const recorded = await ledger.recordDeliveryOutcomes(
        many.map((userId, i) => ({
          key: key(id, userId, 'push'),
          outcome:
            i % 3
              ? { status: 'accepted' as const, providerId: `fcm-${i}` }
              : { status: 'failed_permanent' as const },
        })),
      );
      expect(recorded.filter((r) => r === 'accepted')).toHaveLength(800);
      expect(recorded.filter((r) => r === 'failed_permanent')).toHaveLength(400);
      expect(
        (await ledger.claimDeliveries(batch, many)).filter((r) => r === 'already_accepted'),
      ).toHaveLength(800);
    });

    it('hands each key of overlapping pages claimed at once by two workers to exactly one', async () => {
      const id = await newIncident(ledger);
      const other = await store.reopen();
      try {
        const batch = { incidentId: id, channel: 'email' as const, noticeVersion: 1 };
        const ids = Array.from({ length: 900 }, (_, i) => `o${String(i).padStart(4, '0')}`);
        const [mine, theirs] = await Promise.all([
          ledger.claimDeliveries(batch, ids.slice(0, 600)),
          other.claimDeliveries(batch, ids.slice(300).reverse()),
        ]);
        const won = [...mine, ...theirs].filter((r) => r === 'claimed').length;
        expect(won).toBe(900);
        expect([...mine, ...theirs].filter((r) => r === 'already_claimed')).toHaveLength(300);
      } finally {
        await other.close();
      }
    });

    it('never moves a delivery backwards and records callbacks by provider id', async () => {
      const id = await newIncident(ledger);
      const k = key(id, 'cb', 'sms');
      await claimOne(ledger, k);
      // The status callback overtakes the worker's own record of acceptance.
      expect(await recordOne(ledger, k, { status: 'delivered', providerId: 'SM1' })).toBe('delivered');
      expect(await recordOne(ledger, k, { status: 'accepted', providerId: 'SM1' })).toBe('delivered');
      expect(await recordOne(ledger, k, { status: 'failed_retryable' })).toBe('delivered');
      expect(await ledger.getDelivery(k)).toMatchObject({ status: 'delivered', providerId: 'SM1' });

      const k2 = key(id, 'cb2', 'sms');
      await claimOne(ledger, k2);
      await recordOne(ledger, k2, { status: 'accepted', providerId: 'SM2' });
      expect(
        await ledger.recordProviderCallback('sms', 'SM2', {
          status: 'failed_permanent',
          errorCode: '30006',
          errorMessage: '550 5.1.1 Landline or unreachable carrier: +1 201 555 0123 (owner bob@example.com)',
        }),
      ).toBe('failed_permanent');
      const row = await ledger.getDelivery(k2);
      expect(row?.errorMessage).toBe('550 5.1.1 Landline or unreachable carrier: [number] (owner [email])');
      expect(await ledger.recordProviderCallback('sms', 'unknown', { status: 'delivered' })).toBeUndefined();
      expect(await recordOne(ledger, key(id, 'never', 'sms'), { status: 'accepted', providerId: 'x' })).toBe(
        undefined,
      );
    });

    it('counts progress per channel and pages deliveries with filters', async () => {
      const id = await newIncident(ledger);
      const plan: [string, DeliveryKey['channel'], string][] = [
        ['a', 'email', 'accepted'],
        ['b', 'email', 'delivered'],
        ['c', 'email', 'failed_permanent'],
        ['d', 'email', 'claimed'],
        ['e', 'email', 'failed_retryable'],
        ['a', 'sms', 'delivered'],
        ['f', 'push', 'unreachable'],
        ['f', 'sms', 'unreachable'],
        ['g', 'push', 'accepted'],
      ];
      for (const [userId, channel, status] of plan) {
        const k = key(id, userId, channel);
        if (status !== 'unreachable') await claimOne(ledger, k);
        if (status === 'accepted' || status === 'delivered') {
          await recordOne(ledger, k, { status: 'accepted', providerId: `${userId}-${channel}` });
        }
        if (status === 'delivered') await recordOne(ledger, k, { status: 'delivered' });
        if (status === 'failed_permanent' || status === 'failed_retryable') {
          await recordOne(ledger, k, { status, errorCode: 'x' });
        }
        if (status === 'unreachable') await recordOne(ledger, k, { status, reason: 'no contact data' });
      }
      expect(await ledger.deliveryCounts(id)).toEqual({
        channels: {
          email: { pending: 2, sent: 2, delivered: 1, failed: 1, unreachable: 0, scheduled: 0 },
          sms: { pending: 0, sent: 1, delivered: 1, failed: 0, unreachable: 1, scheduled: 0 },
          push: { pending: 0, sent: 1, delivered: 0, failed: 0, unreachable: 1, scheduled: 0 },
          letter: { pending: 0, sent: 0, delivered: 0, failed: 0, unreachable: 0, scheduled: 0 },
          voice: { pending: 0, sent: 0, delivered: 0, failed: 0, unreachable: 0, scheduled: 0 },
        },
        unreachable: 1,
        possibleDuplicates: 0,
      });
      expect((await ledger.deliveryCounts(id, { noticeVersion: 2 })).channels.email.sent).toBe(0);

      const emails: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ledger.pageDeliveries(id, { channel: 'email', limit: 2, cursor });
        emails.push(...page.items.map((d) => `${d.userId}:${d.status}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(emails).toEqual([
        'a:accepted',
        'b:delivered',
        'c:failed_permanent',
        'd:claimed',
        'e:failed_retryable',
      ]);
      const all = await ledger.pageDeliveries(id, { limit: 100 });
      expect(all.items.map((d) => `${d.userId}:${d.channel}`)).toEqual([
        'a:email',
        'a:sms',
        'b:email',
        'c:email',
        'd:email',
        'e:email',
        'f:push',
        'f:sms',
        'g:push',
      ]);
      const notified = await ledger.pageDeliveries(id, { status: ['accepted', 'delivered'], limit: 10 });
      expect(notified.items.map((d) => `${d.userId}:${d.channel}`)).toEqual([
        'a:email',
        'a:sms',
        'b:email',
        'g:push',
      ]);
      const unreachable = await ledger.pageDeliveries(id, { status: 'unreachable', limit: 10 });
      expect(unreachable.items.map((d) => [d.userId, d.errorMessage])).toEqual([
        ['f', 'no contact data'],
        ['f', 'no contact data'],
      ]);
      expect(Object.keys(all.items[0]!).sort()).toEqual(
        [
          'acceptedAt',
          'attempts',
          'channel',
          'claimedAt',
          'errorCode',
          'errorMessage',
          'incidentId',
          'noticeVersion',
          'possibleDuplicate',
          'providerId',
          'status',
          'updatedAt',
          'userId',
        ].sort(),
      );
      await expect(ledger.pageDeliveries(id, { limit: 1, cursor: 'e30' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });

  describe('filings and announcements', () => {
    it('saves, replaces by id and lists per incident', async () => {
      const id = await newIncident(ledger);
      const draft = await ledger.saveFiling({
        incidentId: id,
        regime: 'gdpr',
        phase: 'initial',
        status: 'draft',
        payload: { affected: 19, text: 'Initial notification' },
        dueAt: '2026-11-23T08:30:00.000Z',
        at: '2026-11-20T09:00:00.000Z',
      });
      expect(draft).toMatchObject({
        status: 'draft',
        receipt: null,
        submittedAt: null,
        createdAt: '2026-11-20T09:00:00.000Z',
      });
      const submitted = await ledger.saveFiling({
        ...draft,
        status: 'submitted',
        receipt: { reference: 'DPA-2026-0042' },
        submittedAt: '2026-11-20T10:00:00.000Z',
        at: '2026-11-20T10:00:00.000Z',
      });
      expect(submitted).toMatchObject({
        id: draft.id,
        status: 'submitted',
        receipt: { reference: 'DPA-2026-0042' },
        createdAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
        dueAt: '2026-11-23T08:30:00.000Z',
      });
      await ledger.saveFiling({
        incidentId: id,
        regime: 'cac',
        phase: 'initial',
        status: 'draft',
        payload: ['x'],
      });
      expect((await ledger.listFilings(id)).map((f) => f.regime)).toEqual(['gdpr', 'cac']);
      expect(await ledger.getFiling(draft.id)).toEqual(submitted);

      expect(submitted).toMatchObject({ recipient: null, obligationId: null, acknowledgement: null });

      const post = await ledger.saveAnnouncement({
        incidentId: id,
        kind: 'website',
        phase: 'initial',
        status: 'published',
        payload: { title: 'Notice of Data Breach' },
        publishedAt: '2026-11-21T00:00:00.000Z',
      });
      expect(await ledger.listAnnouncements(id)).toEqual([post]);
      expect(await ledger.getAnnouncement(post.id)).toMatchObject({
        payload: { title: 'Notice of Data Breach' },
      });
    });
    it("lists a recipient's filings newest first, in pages, with their acknowledgement", async () => {
      const id = await newIncident(ledger);
      const recipient = `dpa-${id}`;
      for (const [i, phase] of ['early_warning', 'notification', 'final'].entries()) {
        await ledger.saveFiling({
          id: `${id}.nis2.regulator_report.${phase}`,
          incidentId: id,
          obligationId: `nis2.regulator_report.${phase}`,
          recipient,
          regime: 'nis2',
          phase,
          status: 'submitted',
          payload: { phase },
          reportHash: 'ab'.repeat(32),
          at: `2026-11-2${i}T09:00:00.000Z`,
        });
      }
      await ledger.saveFiling({
        incidentId: id,
        recipient: 'someone-else',
        regime: 'gdpr',
        phase: 'initial',
        status: 'draft',
        payload: {},
      });
      const first = await ledger.listFilingsForRecipient(recipient, { limit: 2 });
      expect(first.items.map((f) => f.phase)).toEqual(['final', 'notification']);
      const rest = await ledger.listFilingsForRecipient(recipient, { limit: 2, cursor: first.nextCursor! });
      expect(rest.items.map((f) => f.phase)).toEqual(['early_warning']);
      expect(rest.nextCursor).toBeUndefined();

      const [latest] = first.items;
      const acked = await ledger.saveFiling({
        ...latest!,
        status: 'acknowledged',
        acknowledgement: { by: 'bsi', reference: 'BSI-77' },
        acknowledgedAt: '2026-11-23T09:00:00.000Z',
      });
      expect(await ledger.getFiling(acked.id)).toMatchObject({
        status: 'acknowledged',
        recipient,
        obligationId: 'nis2.regulator_report.final',
        reportHash: 'ab'.repeat(32),
        acknowledgement: { by: 'bsi', reference: 'BSI-77' },
        acknowledgedAt: '2026-11-23T09:00:00.000Z',
      });
      await expect(ledger.listFilingsForRecipient(recipient, { limit: 2, cursor: 'nope' })).rejects.toThrow(
        InvalidCursorError,
      );
    });
  });

  describe('retention purge', () => {
    it('erases personal data, keeps the counts, and happens once', async () => {
      const id = await newIncident(ledger);
      await ledger.upsertAffectedUsers(id, [
        { userId: 'p1', name: 'Pia', email: 'pia@example.com', phone: '+4915123456789', country: 'DE' },
        { userId: 'p2', name: 'Pat', pushToken: 'tok', country: 'FR', locale: 'fr' },
      ]);
      await claimOne(ledger, key(id, 'p1'));
      await recordOne(ledger, key(id, 'p1'), {
        status: 'failed_permanent',
        errorMessage: '550 mailbox unavailable',
      });
      const before = await ledger.assess(id);
      await ledger.setIncidentPhase(id, 'closed', new Date().toISOString());

      expect(await ledger.purgePersonalData(id)).toBe(2);
      expect(await ledger.getAffectedUser(id, 'p1')).toEqual({
        userId: 'p1',
        linkRef: 1,
        country: 'DE',
        risk: 'medium',
        pushTokenDead: false,
        purged: true,
      });
      expect((await ledger.getDelivery(key(id, 'p1')))?.errorMessage).toBeNull();
      expect(await ledger.assess(id)).toEqual(before);
      expect((await ledger.getIncident(id))?.purgedAt).toEqual(expect.any(String));
      expect(await ledger.purgePersonalData(id)).toBe(0);
      await expect(ledger.purgePersonalData('missing')).rejects.toBeInstanceOf(IncidentNotFoundError);
    });
  });

  it('keeps its data and schema version across reopening', async () => {
    const id = await newIncident(ledger);
    await ledger.upsertAffectedUsers(id, [{ userId: 'persist', email: 'persist@example.com' }]);
    const again = await store.reopen();
    try {
      expect((await again.getAffectedUser(id, 'persist'))?.email).toBe('persist@example.com');
      expect(again.kind).toBe(kind);
      if (kind === 'sqlite') {
        expect(existsSync(path.join(store.dataDir, SQLITE_FILE))).toBe(true);
        const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(
          (again as SqlLedger).db,
        );
        expect(mode.rows[0]?.journal_mode).toBe('wal');
      } else {
        const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables
          WHERE table_schema = ${store.schema} AND table_name IN
          ('incidents', 'affected_users', 'assessments', 'deliveries', 'filings', 'announcements', 'audit_log')`.execute(
          (again as SqlLedger).db,
        );
        expect(tables.rows[0]?.n).toBe(7);
      }
    } finally {
      await again.close();
    }
  });
});
