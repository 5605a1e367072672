import { type Migration } from 'kysely';
import { type AnyDb, type FlavorName, types } from './flavor-types.js';

/**
 * "Was I affected?" lookups on announcement pages: one row per lookup (the digests of its address and
 * code, never the clear values) and a count of lookups per address digest per window. Affected people
 * are found by address, so the incident's emails and phones get indexes.
 */
export function announcementLookup(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('announcement_lookups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('address_digest', 'text', (c) => c.notNull())
        .addColumn('code_digest', 'text')
        .addColumn('link_ref', 'integer')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull())
        .addColumn('used_at', t.time)
        .execute();
      await db.schema
        .createIndex('announcement_lookups_created')
        .on('announcement_lookups')
        .column('created_at')
        .execute();
      await db.schema
        .createTable('announcement_lookup_counts')
        .addColumn('address_digest', 'text', (c) => c.notNull())
        .addColumn('window_start', flavor === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('announcement_lookup_counts_pk', ['address_digest', 'window_start'])
        .execute();
      await db.schema
        .createIndex('affected_users_email')
        .on('affected_users')
        .columns(['incident_id', 'email'])
        .execute();
      await db.schema
        .createIndex('affected_users_phone')
        .on('affected_users')
        .columns(['incident_id', 'phone'])
        .execute();
    },
  };
}
