import { sql, type Migration } from 'kysely';
import { type AnyDb, type FlavorName, types } from './flavor-types.js';

type Types = ReturnType<typeof types>;

/** The incidents, listed newest first and by phase. */
async function incidents(db: AnyDb, t: Types): Promise<void> {
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
  await db.schema.createIndex('incidents_created').on('incidents').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('incidents_phase_created')
    .on('incidents')
    .columns(['phase', 'created_at', 'id'])
    .execute();
}

/** The people of an incident, one row per user id, with their contact data until the purge. */
async function affectedUsers(db: AnyDb, t: Types): Promise<void> {
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
}

/** Each assessment of who is affected where, as counts. */
async function assessments(db: AnyDb, t: Types): Promise<void> {
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
}

/** One row per person, channel and notice version: the claim key of every send. */
async function deliveries(db: AnyDb, t: Types): Promise<void> {
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
}

/** Regulator filings of an incident. */
async function filings(db: AnyDb, t: Types): Promise<void> {
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
  await db.schema.createIndex('filings_incident').on('filings').columns(['incident_id', 'regime']).execute();
}

/** Public announcements of an incident. */
async function announcements(db: AnyDb, t: Types): Promise<void> {
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
}

/** Who did what and why, per incident. */
async function auditLog(db: AnyDb, t: Types, flavor: FlavorName): Promise<void> {
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
  await db.schema.createIndex('audit_log_incident').on('audit_log').columns(['incident_id', 'id']).execute();
}

/** Append-only is enforced by the database so no code path can rewrite history. */
async function auditLogAppendOnly(db: AnyDb, flavor: FlavorName): Promise<void> {
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
}

export function initial(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      for (const create of [incidents, affectedUsers, assessments, deliveries, filings, announcements]) {
        await create(db, t);
      }
      await auditLog(db, t, flavor);
      await auditLogAppendOnly(db, flavor);
    },
  };
}
