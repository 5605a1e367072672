// Importing affected-user lists (CSV, NDJSON, a directory database) into both stores.
import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAffectedUsers, ImportFormatError, type ImportResult } from '../store/affected-user-import.js';
import { importFromDirectory } from '../store/directory-source.js';
import { AffectedUsersFrozenError, IncidentNotFoundError, type Ledger } from '../store/ledger.js';
import {
  newIncident,
  openTestStore,
  STORE_KINDS,
  testDatabaseUrl,
  withClient,
  type TestStore,
} from './support/stores.js';
import { testSchemaName } from './support/schema-name.js';

// Line numbers matter: the assertions below name them.
const CSV = [
  'userId,name,email,phone,country,region,locale,dataCategories,favouriteColour', // 1
  'u1,Ana,ANA@Example.com,+49 151 23456789,DE,,de,email,blue', // 2
  'u2,Bob,bob@@example.com,,US,,en,,', // 3 bad email
  'u3,Cy,,12345,US,US-CA,en-US,,', // 4 bad phone
  ',Nobody,nobody@example.com,,DE,,,,', // 5 missing userId
  'u5,Eve,eve@example.com,,XX,,,,', // 6 unknown country
  'u6,Fay,fay@example.com,+1 213 555 0142,us,us-ca,en_US,password,', // 7
  '', // 8
  'u1,,,,,,,password,', // 9 same person as line 2
  '"u7","Multi', // 10
  'Line",g@example.com,,FR,,fr,,', // 11
  'u8,Hal,hal@example.com,06 12 34 56 78,FR,FR-IDF,fr,"email;name",', // 12
].join('\r\n');

const NDJSON = [
  JSON.stringify({
    userId: 'u1',
    name: 'Ana',
    email: 'ANA@Example.com',
    phone: '+49 151 23456789',
    country: 'DE',
    locale: 'de',
    dataCategories: ['email'],
    favouriteColour: 'blue',
  }), // 1
  JSON.stringify({ userId: 'u2', email: 'bob@@example.com', country: 'US' }), // 2 bad email
  JSON.stringify({ userId: 'u3', phone: '12345', country: 'US', region: 'US-CA' }), // 3 bad phone
  JSON.stringify({ name: 'Nobody', email: 'nobody@example.com' }), // 4 missing userId
  JSON.stringify({ userId: 'u5', email: 'eve@example.com', country: 'XX' }), // 5 unknown country
  '{"userId": "u9", "email": ', // 6 broken JSON
  '["u10"]', // 7 not an object
  '', // 8
  JSON.stringify({
    user_id: '6',
    phone: 2135550142,
    country: 'US',
    region: 'US-CA',
    locale: 'en-US',
    data_categories: 'password',
  }), // 9
  JSON.stringify({ userId: 'u1', dataCategories: ['password'] }), // 10 same person as line 1
].join('\n');

const stream = (text: string, chunk = 7) =>
  Readable.from(
    (function* () {
      // Small chunks split lines and multi-byte characters, as a network upload does.
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    })(),
  );

describe.each(STORE_KINDS)('affected-user import on %s', (kind) => {
  let store: TestStore;
  let ledger: Ledger;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ledger = store.ledger;
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('imports the good rows of a CSV and reports each bad one with its line', async () => {
    const id = await newIncident(ledger);
    const r = await importAffectedUsers(ledger, id, stream(CSV), 'csv');
    expect(r).toEqual({
      accepted: 5,
      merged: 1,
      rejected: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      ignoredColumns: ['favouriteColour'],
      errors: [
        { line: 3, field: 'email', message: 'is not a valid email address' },
        { line: 4, field: 'phone', message: '"12345" is not a valid phone number for US' },
        { line: 5, field: 'userId', message: 'is required' },
        {
          line: 6,
          field: 'country',
          message: 'unknown country code "XX" (ISO 3166-1 alpha-2, e.g. DE, US, CN)',
        },
      ],
    } satisfies ImportResult);
    expect(await ledger.getAffectedUser(id, 'u1')).toMatchObject({
      email: 'ana@example.com',
      phone: '+4915123456789',
      dataCategories: ['email', 'password'],
      risk: 'high',
    });
    expect(await ledger.getAffectedUser(id, 'u6')).toMatchObject({
      phone: '+12135550142',
      country: 'US',
      region: 'US-CA',
      locale: 'en-US',
    });
    expect((await ledger.getAffectedUser(id, 'u7'))?.name).toBe('Multi\r\nLine');
    expect(await ledger.getAffectedUser(id, 'u8')).toMatchObject({ phone: '+33612345678', region: 'FR-IDF' });
    for (const missing of ['u2', 'u3', 'u5'])
      expect(await ledger.getAffectedUser(id, missing)).toBeUndefined();

    const counts = await ledger.assess(id);
    expect(counts).toMatchObject({
      affected: 4,
      byCountry: { DE: 1, US: 1, FR: 2 },
      reachable: { email: 4, sms: 3, push: 0, none: 0 },
      byRisk: { high: 2, medium: 1, low: 1 },
    });

    // The same file again: same report, nothing changes.
    const again = await importAffectedUsers(ledger, id, stream(CSV, 4096), 'csv');
    expect(again).toMatchObject({
      accepted: 5,
      merged: 1,
      rejected: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(again.errors).toEqual(r.errors);
    expect(await ledger.assess(id)).toEqual(counts);
  });

  it('imports NDJSON with the same rules, reporting unreadable lines', async () => {
    const id = await newIncident(ledger);
    const r = await importAffectedUsers(ledger, id, stream(NDJSON), 'ndjson');
    expect(r).toMatchObject({ accepted: 3, merged: 1, rejected: 6, inserted: 2, updated: 0, unchanged: 0 });
    expect(r.ignoredColumns).toEqual(['favouriteColour']);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'email'],
      [3, 'phone'],
      [4, 'userId'],
      [5, 'country'],
      [6, 'row'],
      [7, 'row'],
    ]);
    expect(r.errors[4]!.message).toMatch(/^not valid JSON/);
    expect(r.errors[5]!.message).toBe('must be a JSON object');
    expect(await ledger.getAffectedUser(id, '6')).toMatchObject({
      phone: '+12135550142',
      dataCategories: ['password'],
    });
    expect((await ledger.getAffectedUser(id, 'u1'))?.dataCategories).toEqual(['email', 'password']);

    const again = await importAffectedUsers(ledger, id, stream(NDJSON, 1), 'ndjson');
    expect(again).toMatchObject({
      accepted: 3,
      merged: 1,
      rejected: 6,
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('imports the example files with exact counts, the NDJSON one adding nothing new', async () => {
    const id = await newIncident(ledger);
    const csv = await importAffectedUsers(ledger, id, createReadStream('examples/affected-users.csv'), 'csv');
    expect(csv).toMatchObject({ accepted: 20, merged: 1, rejected: 2, inserted: 19 });
    expect(csv.errors).toEqual([
      { line: 20, field: 'email', message: 'is not a valid email address' },
      {
        line: 21,
        field: 'country',
        message: 'unknown country code "EU" (ISO 3166-1 alpha-2, e.g. DE, US, CN)',
      },
    ]);
    const nd = await importAffectedUsers(
      ledger,
      id,
      createReadStream('examples/affected-users.ndjson'),
      'ndjson',
    );
    expect(nd).toMatchObject({
      accepted: 20,
      merged: 1,
      rejected: 2,
      inserted: 0,
      updated: 0,
      unchanged: 19,
    });
    expect(nd.errors.map((e) => e.line)).toEqual([19, 20]);
    expect(await ledger.assess(id)).toEqual({
      affected: 19,
      byCountry: { CN: 4, DE: 2, ES: 1, FR: 2, IE: 1, IT: 1, NL: 1, PL: 1, US: 6 },
      byRegion: {
        'CN-BJ': 1,
        'CN-GD': 1,
        'CN-SH': 1,
        'CN-ZJ': 1,
        'DE-BE': 1,
        'DE-BY': 1,
        'ES-MD': 1,
        'FR-IDF': 1,
        'US-CA': 6,
        unknown: 5,
      },
      reachable: { email: 15, sms: 15, push: 8, letter: 0, voice: 15, none: 0 },
      byLocale: {
        de: 1,
        'de-DE': 1,
        en: 1,
        'en-IE': 1,
        'en-US': 3,
        'es-ES': 1,
        'es-US': 1,
        fr: 1,
        'fr-FR': 1,
        'it-IT': 1,
        'nl-NL': 1,
        'pl-PL': 1,
        'zh-CN': 4,
        unknown: 1,
      },
      byRisk: { high: 5, medium: 14, low: 0 },
    });
    // The second row of cust-10010 only brings a newer push token.
    expect(await ledger.getAffectedUser(id, 'cust-10010')).toMatchObject({
      pushToken: 'fcm:demo-token-10010-tablet',
      email: 'emily.johnson@example.com',
    });
  });

  it('merges a person repeated across batches and keeps only the first 100 errors', async () => {
    const id = await newIncident(ledger);
    const lines = ['userId,email'];
    for (let i = 0; i < 10; i++) lines.push(`p${i},p${i}@example.com`);
    for (let i = 0; i < 150; i++) lines.push(`bad${i},not-an-email`);
    for (let i = 0; i < 10; i++) lines.push(`p${i},p${i}@example.com`);
    const r = await importAffectedUsers(ledger, id, stream(lines.join('\n'), 64), 'csv', { batchSize: 3 });
    expect(r).toMatchObject({ accepted: 20, merged: 10, rejected: 150, inserted: 10, unchanged: 0 });
    expect(r.errors).toHaveLength(100);
    expect(r.errors[0]).toEqual({ line: 12, field: 'email', message: 'is not a valid email address' });
    expect(r.errors[99]!.line).toBe(111);
  });

  it('refuses lists for unknown incidents, after notices started, and without a userId column', async () => {
    await expect(importAffectedUsers(ledger, 'missing', stream(CSV), 'csv')).rejects.toBeInstanceOf(
      IncidentNotFoundError,
    );
    const id = await newIncident(ledger);
    await expect(
      importAffectedUsers(ledger, id, stream('name,email\nA,a@example.com'), 'csv'),
    ).rejects.toThrow(ImportFormatError);
    await expect(importAffectedUsers(ledger, id, stream(''), 'csv')).rejects.toThrow(ImportFormatError);
    expect((await ledger.assess(id)).affected).toBe(0);

    await ledger.setIncidentPhase(id, 'notifying', new Date().toISOString());
    await expect(importAffectedUsers(ledger, id, stream(CSV), 'csv')).rejects.toBeInstanceOf(
      AffectedUsersFrozenError,
    );
    expect((await ledger.assess(id)).affected).toBe(0);
  });

  it('stops when notices start mid-upload, keeping written batches and leaving the source to its owner', async () => {
    for (const format of ['csv', 'ndjson'] as const) {
      const id = await newIncident(ledger);
      let batches = 0;
      // Approval lands between the first and second batch.
      const racing = new Proxy(ledger, {
        get(target, prop, receiver) {
          if (prop === 'upsertAffectedUsers') {
            return async (...args: Parameters<Ledger['upsertAffectedUsers']>) => {
              if (++batches === 2) await target.setIncidentPhase(id, 'notifying', new Date().toISOString());
              return target.upsertAffectedUsers(...args);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
      const rows = Array.from({ length: 25 }, (_, i) => `r${i}`);
      const text =
        format === 'csv'
          ? ['userId', ...rows].join('\n')
          : rows.map((userId) => JSON.stringify({ userId })).join('\n');
      // Still open, as a request whose body has not all arrived.
      const source = new PassThrough();
      source.write(`${text}\n`);
      await expect(importAffectedUsers(racing, id, source, format, { batchSize: 10 })).rejects.toBeInstanceOf(
        AffectedUsersFrozenError,
      );
      expect(source.destroyed).toBe(false);
      expect((await ledger.assess(id)).affected).toBe(10);
    }
  });

  describe('directory source', () => {
    const dirSchema = testSchemaName('dir', kind);
    let url: string;
    beforeAll(async () => {
      url = testDatabaseUrl();
      await withClient(url, async (c) => {
        await c.query(`CREATE SCHEMA ${dirSchema}`);
        await c.query(`CREATE TABLE ${dirSchema}.users (
          id bigint PRIMARY KEY, full_name text, email text, mobile text, country char(2), state text,
          lang text, active boolean NOT NULL DEFAULT true, legacy_id text)`);
        // 2,500 active users; every 100th has a broken email; every 3rd is inactive and not affected.
        await c.query(`INSERT INTO ${dirSchema}.users (id, full_name, email, mobile, country, state, lang, active)
          SELECT g, 'User ' || g,
                 CASE WHEN g % 100 = 0 THEN 'broken-' || g ELSE 'user' || g || '@example.com' END,
                 CASE WHEN g % 2 = 0 THEN '+1 213 555 01' || lpad((g % 100)::text, 2, '0') END,
                 'US', 'US-CA', 'en-US', g % 3 <> 0
          FROM generate_series(1, 3750) AS g`);
      });
    });
    // The schema is dropped by the global teardown (a drop here races kysely's schema listing elsewhere).

    it('reads a directory query page by page into the snapshot, idempotently', async () => {
      const id = await newIncident(ledger);
      const query = `SELECT id AS user_id, full_name AS name, email, mobile AS phone, country, state AS region,
        lang AS locale, legacy_id FROM ${dirSchema}.users WHERE active`;
      const active = Array.from({ length: 3750 }, (_, i) => i + 1).filter((g) => g % 3 !== 0);
      const broken = active.filter((g) => g % 100 === 0).length;
      const r = await importFromDirectory(ledger, id, { databaseUrl: url, query, pageSize: 400 });
      expect(r).toMatchObject({
        accepted: active.length - broken,
        rejected: broken,
        merged: 0,
        inserted: active.length - broken,
        ignoredColumns: ['legacy_id'],
      });
      expect(r.errors[0]).toMatchObject({ field: 'email' });
      expect(await ledger.getAffectedUser(id, '2')).toMatchObject({
        name: 'User 2',
        email: 'user2@example.com',
        phone: '+12135550102',
        region: 'US-CA',
      });
      const counts = await ledger.assess(id);
      expect(counts.affected).toBe(active.length - broken);
      expect(counts.reachable.sms).toBe(active.filter((g) => g % 100 !== 0 && g % 2 === 0).length);

      const again = await importFromDirectory(ledger, id, {
        databaseUrl: url,
        query: `${query};`,
        pageSize: 1000,
      });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: active.length - broken });
      await expect(
        importFromDirectory(ledger, id, { databaseUrl: url, query: `SELECT email FROM ${dirSchema}.users` }),
      ).rejects.toThrow(/no userId column/);
    });
  });
});
