// What someone with write access to the database could do to the audit log behind the service's back:
// lift the append-only triggers, then change, delete or move one row.
import { sql, type Kysely } from 'kysely';
import type { Ledger } from '../../store/ledger.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dbOf = (ledger: Ledger) => (ledger as unknown as { db: Kysely<any> }).db;

export async function liftAppendOnly(ledger: Ledger): Promise<void> {
  const db = dbOf(ledger);
  if (ledger.kind === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(db);
  }
}

export async function changeAuditReason(ledger: Ledger, id: number, reason: string): Promise<void> {
  await sql`UPDATE audit_log SET reason = ${reason} WHERE id = ${id}`.execute(dbOf(ledger));
}

export async function deleteAuditRow(ledger: Ledger, id: number): Promise<void> {
  await sql`DELETE FROM audit_log WHERE id = ${id}`.execute(dbOf(ledger));
}

/** Moves a row to the end of the log by giving it a new, larger id. */
export async function moveAuditRowToEnd(ledger: Ledger, id: number): Promise<void> {
  await sql`UPDATE audit_log SET id = (SELECT max(id) + 1000 FROM audit_log) WHERE id = ${id}`.execute(
    dbOf(ledger),
  );
}
