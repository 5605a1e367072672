import { type Migration } from 'kysely';
import { type AnyDb, type FlavorName } from './flavor-types.js';

/** Sends per channel per second, counted across every worker, for providers' rate limits. */
export function sendQuota(flavor: FlavorName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('send_quota')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('window_start', flavor === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('send_quota_pk', ['channel', 'window_start'])
        .execute();
    },
  };
}
