// Chooses the store from configuration: PostgreSQL when a database URL is given, else SQLite under dataDir.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { postgresFlavor, sqliteFlavor } from './flavor.js';
import type { Ledger } from './ledger.js';
import { migrationProvider, type FlavorName } from './migrations.js';
import type { LedgerDatabase } from './schema.js';
import { SqlLedger } from './sql-ledger.js';

export interface LedgerOptions {
  /** `postgres://…`: use PostgreSQL. Absent: SQLite. */
  databaseUrl?: string;
  /** Holds `ledger.sqlite` when SQLite is used. */
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests give each file its own. Default: `public`. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export const SQLITE_FILE = 'ledger.sqlite';

export async function openLedger(opts: LedgerOptions): Promise<Ledger> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openSqlite(opts.dataDir);
}

async function migrate(db: Kysely<LedgerDatabase>, flavor: FlavorName, schema?: string): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one.
  const migrator = new Migrator({
    db,
    provider: migrationProvider(flavor),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `ledger migration${failed ? ` ${failed}` : ''} failed: ${(error as Error).message ?? error}`,
      {
        cause: error,
      },
    );
  }
}

interface SharedSqlite {
  db: Kysely<LedgerDatabase>;
  users: number;
  ready: Promise<void>;
}
/**
 * One connection per file and process. Two connections in one process would deadlock: better-sqlite3
 * waits for the lock synchronously, so the holder, on the same event loop, could never finish.
 */
const sqliteFiles = new Map<string, SharedSqlite>();

async function openSqlite(dataDir: string): Promise<Ledger> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, SQLITE_FILE);
  let shared = sqliteFiles.get(file);
  if (!shared) {
    const database = new Database(file);
    // WAL lets the API read while the worker writes; busy_timeout makes the other process wait, not fail.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 10000');
    database.pragma('foreign_keys = ON');
    tuneForLargeIncidents(database);
    keepPreparedStatements(database);
    const db = new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database }) });
    shared = { db, users: 0, ready: migrate(db, 'sqlite') };
    sqliteFiles.set(file, shared);
  }
  shared.users++;
  const entry = shared;
  const release = async () => {
    if (--entry.users === 0) {
      sqliteFiles.delete(file);
      await entry.db.destroy();
    }
  };
  try {
    await entry.ready;
  } catch (err) {
    await release();
    throw err;
  }
  return new SqlLedger(entry.db, sqliteFlavor, release);
}

/**
 * A million-person incident's indexes outgrow SQLite's default 2 MB page cache, so claims and records
 * of the fan-out's later pages would read their B-tree pages back through the file system; memory
 * mapping serves the pages the cache does not hold without a copy per read.
 */
function tuneForLargeIncidents(database: Database.Database): void {
  database.pragma('cache_size = -65536');
  database.pragma(`mmap_size = ${256 * 1024 * 1024}`);
}

/**
 * Kysely prepares every query afresh, and better-sqlite3 compiles on every prepare; a fan-out runs
 * the same few statements for every page of people. Compiled statements are kept by their text,
 * unless the kept one is still being read (a streamed query), when a fresh one is made.
 */
function keepPreparedStatements(database: Database.Database, max = 500): void {
  const prepare = database.prepare.bind(database);
  const kept = new Map<string, Database.Statement>();
  database.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) return statement;
    const fresh = prepare(source);
    if (!statement) {
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(source, fresh);
    }
    return fresh;
  }) as typeof database.prepare;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(url: string, opts: LedgerOptions): Promise<Ledger> {
  const schema = opts.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<LedgerDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
    const current = rows[0]?.schema;
    if (!current) throw new Error('the PostgreSQL search_path names no existing schema');
    await migrate(db, 'postgres', current);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new SqlLedger(db, postgresFlavor);
}
