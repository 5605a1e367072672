// Versioned schema changes, applied in name order on open. Never edit a released migration:
// add the next one. Types differ per store (jsonb/text, boolean/integer, timestamptz/text).
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type FlavorName = 'sqlite' | 'postgres';

// Migrations operate on whatever schema exists at their time, so they are untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function types(flavor: FlavorName) {
  const pg = flavor === 'postgres';
  return {
    json: pg ? ('jsonb' as const) : ('text' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
    time: pg ? ('timestamptz' as const) : ('text' as const),
    falseValue: pg ? sql`false` : sql`0`,
  };
}

function initial(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('external_id', 'text', (c) => c.unique())
        .addColumn('facts', t.json, (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('closed_at', t.time)
        .addColumn('purged_at', t.time)
        .execute();
      await db.schema
        .createIndex('incidents_created')
        .on('incidents')
        .columns(['created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('incidents_phase_created')
        .on('incidents')
        .columns(['phase', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('affected_users')
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('push_token', 'text')
        .addColumn('push_token_dead', t.bool, (c) => c.notNull().defaultTo(t.falseValue))
        .addColumn('locale', 'text')
        .addColumn('country', 'text')
        .addColumn('region', 'text')
        .addColumn('data_categories', t.json)
        .addColumn('risk', 'text', (c) => c.notNull())
        .addColumn('purged', t.bool, (c) => c.notNull().defaultTo(t.falseValue))
        .addColumn('import_id', 'text')
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('affected_users_pk', ['incident_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('computed_at', t.time, (c) => c.notNull())
        .addColumn('counts', t.json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assessments_incident')
        .on('assessments')
        .columns(['incident_id', 'computed_at'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('notice_version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('possible_duplicate', t.bool, (c) => c.notNull().defaultTo(t.falseValue))
        .addColumn('claimed_at', t.time)
        .addColumn('accepted_at', t.time)
        .addColumn('updated_at', t.time, (c) => c.notNull())
        // The claim key: one send per person, channel and notice version.
        .addPrimaryKeyConstraint('deliveries_pk', ['incident_id', 'user_id', 'channel', 'notice_version'])
        .execute();
      // Covers the progress counts without touching the table.
      await db.schema
        .createIndex('deliveries_progress')
        .on('deliveries')
        .columns(['incident_id', 'notice_version', 'channel', 'status'])
        .execute();
      await db.schema
        .createIndex('deliveries_provider')
        .on('deliveries')
        .columns(['channel', 'provider_id'])
        .execute();

      await db.schema
        .createTable('filings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('regime', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('receipt', t.json)
        .addColumn('due_at', t.time)
        .addColumn('submitted_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('filings_incident')
        .on('filings')
        .columns(['incident_id', 'regime'])
        .execute();

      await db.schema
        .createTable('announcements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('receipt', t.json)
        .addColumn('published_at', t.time)
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('announcements_incident')
        .on('announcements')
        .columns(['incident_id', 'kind'])
        .execute();

      // No foreign key: the audit log outlives incidents that are rolled back or deleted.
      let audit = db.schema.createTable('audit_log');
      audit =
        flavor === 'postgres'
          ? audit.addColumn('id', 'bigserial', (c) => c.primaryKey())
          : audit.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await audit
        .addColumn('incident_id', 'text')
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('details', t.json)
        .execute();
      await db.schema
        .createIndex('audit_log_incident')
        .on('audit_log')
        .columns(['incident_id', 'id'])
        .execute();

      // Append-only is enforced by the database so no code path can rewrite history.
      if (flavor === 'postgres') {
        await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      }
    },
  };
}

/** Sends per channel per second, counted across every worker, for providers' rate limits. */
function sendQuota(flavor: FlavorName): Migration {
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

/**
 * Only SMS is looked up by the provider's id (Twilio's status callbacks name the message sid). An
 * index of every channel's provider ids took a random insert per accepted email and push, which
 * cost the ledger more than the rest of a send's writes together.
 */
const smsProviderIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('deliveries_provider').execute();
    await sql`CREATE INDEX deliveries_sms_provider ON deliveries (provider_id) WHERE channel = 'sms'`.execute(
      db,
    );
  },
};

/**
 * Twilio's message sids are random, so the index of SMS provider ids took a random page write per
 * acceptance. Status callbacks now carry a sealed delivery reference and find their delivery by its
 * key; only callbacks of messages sent before this scan for the sid.
 */
const noSmsProviderIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('deliveries_sms_provider').execute();
  },
};

/**
 * Each person of an incident gets a link reference, a number unique within the incident, which their
 * notice link carries instead of their userId (any text of up to 200 characters, often an email
 * address). People already imported are numbered in userId order.
 */
const affectedUserLinkRef: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('affected_users').addColumn('link_ref', 'integer').execute();
    await sql`UPDATE affected_users SET link_ref = numbered.n
      FROM (SELECT incident_id, user_id,
              row_number() OVER (PARTITION BY incident_id ORDER BY user_id) AS n
            FROM affected_users) AS numbered
      WHERE affected_users.incident_id = numbered.incident_id
        AND affected_users.user_id = numbered.user_id`.execute(db);
    await db.schema
      .createIndex('affected_users_link_ref')
      .on('affected_users')
      .columns(['incident_id', 'link_ref'])
      .unique()
      .execute();
  },
};

/**
 * A filing names the obligation it fulfils and the recipient it goes to (a regulator's key sees only
 * its own recipient's filings, newest first), the hash of the report as sent, and the regulator's
 * acknowledgement.
 */
function filingRecipients(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('filings').addColumn('obligation_id', 'text').execute();
      await db.schema.alterTable('filings').addColumn('recipient', 'text').execute();
      await db.schema.alterTable('filings').addColumn('report_hash', 'text').execute();
      await db.schema.alterTable('filings').addColumn('acknowledgement', t.json).execute();
      await db.schema.alterTable('filings').addColumn('acknowledged_at', t.time).execute();
      await db.schema
        .createIndex('filings_recipient_created')
        .on('filings')
        .columns(['recipient', 'created_at', 'id'])
        .execute();
    },
  };
}

/**
 * An announcement's public life: its current version, content hash, locales, posting period and
 * archiving; and every published version (the page's timeline and the feed's entries) with its
 * rendered content and the adapters' receipts, keyed by announcement and version so a retried
 * publication finds the one it already made.
 */
function announcementPages(flavor: FlavorName): Migration {
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

/**
 * "Was I affected?" lookups on announcement pages: one row per lookup (the digests of its address and
 * code, never the clear values) and a count of lookups per address digest per window. Affected people
 * are found by address, so the incident's emails and phones get indexes.
 */
function announcementLookup(flavor: FlavorName): Migration {
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

export function migrationProvider(flavor: FlavorName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(flavor),
        '0002_send_quota': sendQuota(flavor),
        '0003_sms_provider_index': smsProviderIndex,
        '0004_no_sms_provider_index': noSmsProviderIndex,
        '0005_affected_user_link_ref': affectedUserLinkRef,
        '0006_filing_recipients': filingRecipients(flavor),
        '0007_announcement_pages': announcementPages(flavor),
        '0008_announcement_lookup': announcementLookup(flavor),
      };
    },
  };
}
