// Migration 0009 counts the deliveries a ledger already holds, so an incident sent before the counts
// existed shows the same progress afterwards, and later writes move the counts on from there.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, SQLITE_FILE, type LedgerOptions } from '../store/open.js';
import { migrationProvider, type FlavorName } from '../store/migrations.js';
import { sampleFacts, STORE_KINDS, testDatabaseUrl, withClient } from './support/stores.js';
import { testSchemaName } from './support/schema-name.js';

const BEFORE_COUNTS = '0008_announcement_lookup';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function oldLedger(kind: FlavorName, dataDir: string): Promise<{ db: AnyDb; options: LedgerOptions }> {
  let db: AnyDb;
  let options: LedgerOptions;
  let schema: string | undefined;
  if (kind === 'sqlite') {
    db = new Kysely({
      dialect: new SqliteDialect({ database: new Database(path.join(dataDir, SQLITE_FILE)) }),
    });
    options = { dataDir };
  } else {
    const databaseUrl = testDatabaseUrl();
    schema = testSchemaName('test');
    await withClient(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    options = { databaseUrl, dataDir, schema, poolSize: 2 };
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider(kind),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo(BEFORE_COUNTS);
  if (error) throw error;
  return { db, options };
}

async function addDeliveries(db: AnyDb, kind: FlavorName, rows: [string, string, string, boolean][]) {
  const at = new Date().toISOString();
  await sql`INSERT INTO incidents (id, facts, severity, phase, created_by, created_at, updated_at)
    VALUES ('inc-a', ${JSON.stringify(sampleFacts())}, 'high', 'notifying', 'tester', ${at}, ${at})`.execute(
    db,
  );
  for (const [userId, channel, status, dup] of rows)
    await sql`INSERT INTO deliveries (incident_id, user_id, channel, notice_version, status, attempts,
      possible_duplicate, updated_at)
      VALUES ('inc-a', ${userId}, ${channel}, 1, ${status}, 1, ${kind === 'postgres' ? dup : Number(dup)}, ${at})`.execute(
      db,
    );
}

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.each(STORE_KINDS)('delivery counts of deliveries made before them (%s)', (kind) => {
  it('are counted by the migration and move on with later writes', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'breach-counts-'));
    const old = await oldLedger(kind, dataDir);
    await addDeliveries(old.db, kind, [
      ['a', 'email', 'accepted', false],
      ['b', 'email', 'delivered', true],
      ['c', 'email', 'claimed', false],
      ['c', 'sms', 'unreachable', false],
      ['d', 'email', 'unreachable', false],
      ['d', 'sms', 'unreachable', false],
    ]);
    await old.db.destroy();

    const ledger = await openLedger(old.options);
    try {
      const counts = await ledger.deliveryCounts('inc-a');
      expect(counts).toEqual(await ledger.countDeliveryRows('inc-a'));
      expect(counts.channels.email).toMatchObject({ pending: 1, sent: 2, delivered: 1, unreachable: 1 });
      expect(counts).toMatchObject({ unreachable: 2, possibleDuplicates: 1 });

      await ledger.recordDeliveryOutcomes([
        {
          key: { incidentId: 'inc-a', userId: 'c', channel: 'email', noticeVersion: 1 },
          outcome: { status: 'accepted', providerId: 'm' },
        },
      ]);
      expect((await ledger.deliveryCounts('inc-a')).channels.email).toMatchObject({ pending: 0, sent: 3 });
      expect((await ledger.reconcileDeliveryCounts('inc-a')).drift).toEqual([]);
    } finally {
      await ledger.close();
    }
  });
});
