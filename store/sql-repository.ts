// What every SQL repository of the ledger shares: the connection, the store's flavor, and the way
// multi-row statements are cut.
import type { Kysely } from 'kysely';
import type { Flavor } from './flavor.js';
import type { LedgerDatabase } from './schema.js';

/** Rows per multi-row statement: about 16 parameters a row stays far below both stores' limits. */
export const CHUNK = 500;

export const nowIso = () => new Date().toISOString();

export function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export abstract class SqlRepository {
  constructor(
    readonly db: Kysely<LedgerDatabase>,
    protected readonly flavor: Flavor,
  ) {}

  protected write<T>(fn: (trx: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
    return this.flavor.write(this.db, fn);
  }
}
