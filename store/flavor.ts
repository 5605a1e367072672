// What differs between the two stores once Kysely has built the SQL: value encodings and how a
// write transaction is opened.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FlavorName } from './migrations.js';
import type { LedgerDatabase } from './schema.js';

export interface Flavor {
  name: FlavorName;
  bool(v: boolean): boolean | number;
  readBool(v: unknown): boolean;
  json(v: unknown): string;
  readJson<T>(v: unknown): T;
  readTime(v: unknown): string;
  readOptionalTime(v: unknown): string | null;
  /** Runs `fn` in one write transaction; `lockIncident` serialises writers of that incident. */
  write<T>(db: Kysely<LedgerDatabase>, fn: (trx: Kysely<LedgerDatabase>) => Promise<T>): Promise<T>;
  /** Locks the incident row until the transaction ends (PostgreSQL); SQLite's write lock already covers it. */
  lockIncident(
    trx: Kysely<LedgerDatabase>,
    id: string,
  ): Promise<{ phase: string; facts: unknown } | undefined>;
}

const toIso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export const sqliteFlavor: Flavor = {
  name: 'sqlite',
  bool: (v) => (v ? 1 : 0),
  readBool: (v) => v === 1 || v === true,
  json: (v) => JSON.stringify(v),
  readJson: <T>(v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
  readTime: toIso,
  readOptionalTime: (v) => (v === null || v === undefined ? null : toIso(v)),
  async write(db, fn) {
    // BEGIN IMMEDIATE takes the write lock up front; a deferred transaction that reads first can fail
    // with SQLITE_BUSY when another process (API and worker share the file) writes in between.
    return db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (err) {
        await sql`ROLLBACK`.execute(conn);
        throw err;
      }
    });
  },
  async lockIncident(trx, id) {
    return trx.selectFrom('incidents').select(['phase', 'facts']).where('id', '=', id).executeTakeFirst();
  },
};

export const postgresFlavor: Flavor = {
  name: 'postgres',
  bool: (v) => v,
  readBool: (v) => v === true,
  json: (v) => JSON.stringify(v),
  // pg already parses json and jsonb columns.
  readJson: <T>(v: unknown) => v as T,
  readTime: toIso,
  readOptionalTime: (v) => (v === null || v === undefined ? null : toIso(v)),
  async write(db, fn) {
    return db.transaction().execute((trx: Transaction<LedgerDatabase>) => fn(trx));
  },
  async lockIncident(trx, id) {
    return trx
      .selectFrom('incidents')
      .select(['phase', 'facts'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },
};
