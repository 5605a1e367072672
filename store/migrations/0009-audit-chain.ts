import { sql, type Migration } from 'kysely';
import { entryHash, GENESIS_HASH } from '../../domain/evidence/audit-chain.js';
import { type AnyDb, type FlavorName, types } from './flavor-types.js';

/**
 * The audit log becomes a hash chain per incident (seq, prev_hash, hash; rows written before are chained
 * here, oldest first), and signed checkpoints of each chain's head get a table of their own. The
 * append-only triggers are lifted for the one pass that fills the new columns.
 */
export function auditChain(flavor: FlavorName): Migration {
  const t = types(flavor);
  const pg = flavor === 'postgres';
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
      await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
      if (pg) await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
      else await sql`DROP TRIGGER audit_log_no_update`.execute(db);
      await chainExistingRows(db, flavor);
      if (pg) await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
      else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      }
      // A second writer that computed the same place in the chain fails instead of forking it.
      await db.schema
        .createIndex('audit_log_incident_seq')
        .unique()
        .on('audit_log')
        .columns(['incident_id', 'seq'])
        .execute();
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('head', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('signed_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_checkpoints_pk', ['incident_id', 'seq'])
        .execute();
    },
  };
}

async function chainExistingRows(db: AnyDb, flavor: FlavorName): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('incident_id').orderBy('id').execute();
  const last = new Map<string | null, { seq: number; hash: string }>();
  for (const r of rows) {
    const before = last.get(r.incident_id) ?? { seq: 0, hash: GENESIS_HASH };
    const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
    const details =
      r.details === null ? null : flavor === 'postgres' ? r.details : (JSON.parse(r.details) as unknown);
    const seq = before.seq + 1;
    const hash = entryHash({
      seq,
      incidentId: r.incident_id,
      at,
      actor: r.actor,
      action: r.action,
      reason: r.reason,
      details: details as Record<string, unknown> | null,
      prevHash: before.hash,
    });
    await db
      .updateTable('audit_log')
      .set({ seq, prev_hash: before.hash, hash })
      .where('id', '=', r.id)
      .execute();
    last.set(r.incident_id, { seq, hash });
  }
}
