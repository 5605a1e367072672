// Migration 0009 chains the audit rows a ledger already holds, oldest first per incident, so a ledger
// made before the chain verifies after it, and new entries extend the same chain.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../domain/evidence/audit-chain.js';
import { migrationProvider, type FlavorName } from '../store/migrations.js';
import { openLedger, SQLITE_FILE, type LedgerOptions } from '../store/open.js';
import { testSchemaName } from './support/schema-name.js';
import { STORE_KINDS, testDatabaseUrl, withClient } from './support/stores.js';

const BEFORE_CHAIN = '0008_announcement_lookup';
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
  const { error } = await migrator.migrateTo(BEFORE_CHAIN);
  if (error) throw error;
  return { db, options };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe.each(STORE_KINDS)('audit chain migration on %s', (kind) => {
  it('chains the rows written before it, per incident, and new entries extend the chain', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'breach-chain-'));
    dirs.push(dataDir);
    const old = await oldLedger(kind, dataDir);
    const details =
      kind === 'postgres' ? { n: 1, z: { b: 1, a: 2 } } : JSON.stringify({ n: 1, z: { b: 1, a: 2 } });
    for (const [incident, action] of [
      ['i-a', 'one'],
      ['i-b', 'one'],
      ['i-a', 'two'],
      ['i-a', 'three'],
    ]) {
      await sql`INSERT INTO audit_log (incident_id, at, actor, action, reason, details)
        VALUES (${incident}, ${'2026-11-20T08:30:00Z'}, 'tester', ${action}, NULL, ${kind === 'postgres' ? JSON.stringify(details) : details})`.execute(
        old.db,
      );
    }
    await old.db.destroy();

    const ledger = await openLedger(old.options);
    try {
      const a = await ledger.listAudit('i-a');
      expect(a.map((e) => [e.seq, e.action])).toEqual([
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
      ]);
      expect(verifyChain(a).ok).toBe(true);
      expect(verifyChain(await ledger.listAudit('i-b'))).toMatchObject({ ok: true, entries: 1 });
      await ledger.appendAudit({ incidentId: 'i-a', actor: 'tester', action: 'four' });
      const after = await ledger.listAudit('i-a');
      expect(verifyChain(after)).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
      // Append-only holds again after the migration's one pass.
      await expect(
        sql`UPDATE audit_log SET reason = 'x'`.execute((ledger as unknown as { db: AnyDb }).db),
      ).rejects.toThrow(/append-only/);
    } finally {
      await ledger.close();
    }
  });
});
