import { type Migration } from 'kysely';
import { type AnyDb, type FlavorName, types } from './flavor-types.js';

/**
 * An announcement's public life: its current version, content hash, locales, posting period and
 * archiving; and every published version (the page's timeline and the feed's entries) with its
 * rendered content and the adapters' receipts, keyed by announcement and version so a retried
 * publication finds the one it already made.
 */
export function announcementPages(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('announcements').addColumn('version', 'integer').execute();
      await db.schema.alterTable('announcements').addColumn('content_hash', 'text').execute();
      await db.schema.alterTable('announcements').addColumn('locales', t.json).execute();
      await db.schema.alterTable('announcements').addColumn('expires_at', t.time).execute();
      await db.schema.alterTable('announcements').addColumn('archived_at', t.time).execute();
      await db.schema
        .createIndex('announcements_published')
        .on('announcements')
        .columns(['published_at', 'id'])
        .execute();
      await db.schema
        .createTable('announcement_versions')
        .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcements.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('content', t.json, (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('receipts', t.json, (c) => c.notNull())
        .addColumn('published_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('announcement_versions_pk', ['announcement_id', 'version'])
        .execute();
      // The feed reads the newest versions of every announcement.
      await db.schema
        .createIndex('announcement_versions_published')
        .on('announcement_versions')
        .columns(['published_at', 'announcement_id', 'version'])
        .execute();
    },
  };
}
