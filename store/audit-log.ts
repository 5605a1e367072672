// The audit log: who did what to an incident, and why. Never deleted with the incident. Each incident's
// entries form a hash chain (domain/evidence/audit-chain.ts), extended under a per-incident lock in the
// same transaction as the insert, so concurrent appends cannot fork it.
import { sql, type Kysely, type Selectable } from 'kysely';
import { canonicalTime, entryHash, GENESIS_HASH } from '../domain/evidence/audit-chain.js';
import type { LedgerDatabase } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';
import type { ChainedEntry } from '../domain/evidence/audit-chain.js';

/** An entry as the ledger keeps it: what it says, its place in the incident's chain and its hash. */
export type AuditEntry = ChainedEntry;
export interface NewAuditEntry {
  incidentId: string | null;
  actor: string;
  action: string;
  reason?: string;
  details?: Record<string, unknown>;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditLog {
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Oldest first. */
  listAudit(incidentId: string): Promise<AuditEntry[]>;
  /** The last entry of the incident's chain; undefined before the first. */
  auditHead(incidentId: string): Promise<AuditHead | undefined>;
}

export class SqlAuditLog extends SqlRepository implements AuditLog {
  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    // Stored as the store reads it back, so the hash is recomputable from the row.
    const at = canonicalTime(entry.at ?? nowIso());
    const details =
      entry.details === undefined
        ? null
        : (JSON.parse(JSON.stringify(entry.details)) as Record<string, unknown>);
    return this.write(async (trx) => {
      await this.lockChain(trx, entry.incidentId);
      const last = await this.lastOf(trx, entry.incidentId);
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const fields = {
        seq,
        incidentId: entry.incidentId,
        at,
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason ?? null,
        details,
        prevHash,
      };
      const r = await trx
        .insertInto('audit_log')
        .values({
          incident_id: entry.incidentId,
          at,
          actor: entry.actor,
          action: entry.action,
          reason: fields.reason,
          details: details === null ? null : this.flavor.json(details),
          seq,
          prev_hash: prevHash,
          hash: entryHash(fields),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.toAudit(r);
    });
  }

  /** PostgreSQL: a transaction-scoped advisory lock per incident; SQLite's write lock already serialises. */
  private async lockChain(trx: Kysely<LedgerDatabase>, incidentId: string | null): Promise<void> {
    if (this.flavor.name !== 'postgres') return;
    await sql`SELECT pg_advisory_xact_lock(hashtext(${'audit:' + (incidentId ?? '')}))`.execute(trx);
  }

  private async lastOf(trx: Kysely<LedgerDatabase>, incidentId: string | null) {
    let q = trx.selectFrom('audit_log').select(['seq', 'hash']);
    q = incidentId === null ? q.where('incident_id', 'is', null) : q.where('incident_id', '=', incidentId);
    const r = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r && r.seq !== null && r.hash !== null ? { seq: Number(r.seq), hash: r.hash } : undefined;
  }

  private toAudit(r: Selectable<LedgerDatabase['audit_log']>): AuditEntry {
    return {
      id: Number(r.id),
      incidentId: r.incident_id,
      at: this.flavor.readTime(r.at),
      actor: r.actor,
      action: r.action,
      reason: r.reason,
      details: r.details === null ? null : this.flavor.readJson<Record<string, unknown>>(r.details),
      seq: Number(r.seq ?? 0),
      prevHash: r.prev_hash ?? '',
      hash: r.hash ?? '',
    };
  }

  async listAudit(incidentId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => this.toAudit(r));
  }

  async auditHead(incidentId: string): Promise<AuditHead | undefined> {
    return this.lastOf(this.db, incidentId);
  }
}
