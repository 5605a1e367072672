// Migration 0005 gives the people already in a ledger their link references, so a ledger made before
// link references existed sends links that open, and new people are numbered after them.
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

const BEFORE_LINK_REFS = '0004_no_sms_provider_index';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

interface OldLedger {
  db: AnyDb;
  options: LedgerOptions;
}

async function oldLedger(kind: FlavorName, dataDir: string): Promise<OldLedger> {
  if (kind === 'sqlite') {
    const db = new Kysely({
      dialect: new SqliteDialect({ database: new Database(path.join(dataDir, SQLITE_FILE)) }),
    });
    await migrateTo(db, kind);
    return { db, options: { dataDir } };
  }
  const databaseUrl = testDatabaseUrl();
  const schema = testSchemaName('test');
  await withClient(databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await migrateTo(db, kind, schema);
  return { db, options: { databaseUrl, dataDir, schema, poolSize: 2 } };
}

async function migrateTo(db: AnyDb, kind: FlavorName, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(kind),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo(BEFORE_LINK_REFS);
  if (error) throw error;
}

async function addPeople(db: AnyDb, incidentId: string, userIds: string[]): Promise<void> {
  const at = new Date().toISOString();
  await sql`INSERT INTO incidents (id, facts, severity, phase, created_by, created_at, updated_at)
    VALUES (${incidentId}, ${JSON.stringify(sampleFacts())}, 'high', 'assessing', 'tester', ${at}, ${at})`.execute(
    db,
  );
  for (const userId of userIds)
    await sql`INSERT INTO affected_users (incident_id, user_id, name, risk, created_at, updated_at)
      VALUES (${incidentId}, ${userId}, ${`Name of ${userId}`}, 'medium', ${at}, ${at})`.execute(db);
}

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.each(STORE_KINDS)('link references of people imported before them (%s)', (kind) => {
  it('numbers each incident’s people in userId order, and new people after them', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'breach-link-ref-'));
    const old = await oldLedger(kind, dataDir);
    await addPeople(old.db, 'inc-a', ['zoe@example.com', 'customer-2024-0000000000000123', 'b']);
    await addPeople(old.db, 'inc-b', ['+447946095800']);
    await old.db.destroy();

    const ledger = await openLedger(old.options);
    try {
      const refs = async (id: string) =>
        Object.fromEntries(
          (await ledger.pageAffectedUsers(id, { limit: 10 })).map((p) => [p.userId, p.linkRef]),
        );
      expect(await refs('inc-a')).toEqual({
        b: 1,
        'customer-2024-0000000000000123': 2,
        'zoe@example.com': 3,
      });
      expect(await refs('inc-b')).toEqual({ '+447946095800': 1 });
      expect(await ledger.getAffectedUserByLinkRef('inc-a', 3)).toMatchObject({
        userId: 'zoe@example.com',
        name: 'Name of zoe@example.com',
      });

      await ledger.upsertAffectedUsers('inc-a', [{ userId: 'a' }, { userId: 'b', name: 'Bea' }]);
      expect(await refs('inc-a')).toMatchObject({ a: 4, b: 1 });
    } finally {
      await ledger.close();
    }
  });
});
