// The statements a page of the send path runs, captured as Kysely compiles them, so their plans are
// asked of the store with the very SQL and parameters the worker uses.
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { postgresFlavor, sqliteFlavor } from '../../store/flavor.js';
import { SQLITE_FILE } from '../../store/open.js';
import type { LedgerDatabase } from '../../store/schema.js';
import { SqlLedger } from '../../store/sql-ledger.js';

export interface Statement {
  /** What the send path was doing when it ran. */
  step: string;
  sql: string;
  parameters: readonly unknown[];
}

export interface CapturingLedger {
  ledger: SqlLedger;
  /** Statements run by `fn`, under `step`; the same text twice is kept once. */
  during(step: string, fn: () => Promise<unknown>): Promise<void>;
  statements: Statement[];
  explain(s: Statement): Promise<string[]>;
  close(): Promise<void>;
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
// IN lists and multi-row VALUES differ in length from page to page; one plan per shape is enough.
const shape = (text: string) => text.replace(/\?(, \?)+/g, '?…').replace(/\$\d+(, \$\d+)+/g, '$…');

export function openCapturingLedger(opts: {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
}): CapturingLedger {
  let step = '';
  const statements: Statement[] = [];
  const seen = new Set<string>();
  const log = (e: LogEvent) => {
    const text = e.query.sql;
    if (!step || !DATA_STATEMENT.test(text) || seen.has(shape(text))) return;
    seen.add(shape(text));
    statements.push({ step, sql: text, parameters: e.query.parameters });
  };
  const postgres = opts.databaseUrl !== undefined;
  const database = postgres ? undefined : new Database(path.resolve(opts.dataDir, SQLITE_FILE));
  const dialect = database
    ? new SqliteDialect({ database })
    : new PostgresDialect({
        pool: new pg.Pool({
          connectionString: opts.databaseUrl,
          max: 2,
          ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
        }),
      });
  const db = new Kysely<LedgerDatabase>({ dialect, log });
  const ledger = new SqlLedger(db, postgres ? postgresFlavor : sqliteFlavor);
  return {
    ledger,
    statements,
    async during(name, fn) {
      step = name;
      try {
        await fn();
      } finally {
        step = '';
      }
    },
    async explain(s) {
      const prefix = postgres ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
      const { rows } = await db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(prefix + s.sql, [...s.parameters]),
      );
      return rows.map((r) => String(postgres ? r['QUERY PLAN'] : r['detail']));
    },
    close: () => ledger.close(),
  };
}

/** A plan line that reads more as the tables grow: a full scan, or a sort of what it read. */
export function growsWithN(line: string): boolean {
  if (/^SCAN (deliveries|affected_users)\b/.test(line.trim())) return true;
  if (/USE TEMP B-TREE/.test(line)) return true;
  return /Seq Scan on (deliveries|affected_users)|\bSort\b/.test(line);
}
