// The audit log: who did what to an incident, and why. Never deleted with the incident.
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface AuditEntry {
  id: number;
  incidentId: string | null;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  details: Record<string, unknown> | null;
}
export interface NewAuditEntry {
  incidentId: string | null;
  actor: string;
  action: string;
  reason?: string;
  details?: Record<string, unknown>;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface AuditLog {
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Oldest first. */
  listAudit(incidentId: string): Promise<AuditEntry[]>;
}

export class SqlAuditLog extends SqlRepository implements AuditLog {
  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const r = await this.db
      .insertInto('audit_log')
      .values({
        incident_id: entry.incidentId,
        at: entry.at ?? nowIso(),
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason ?? null,
        details: entry.details === undefined ? null : this.flavor.json(entry.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toAudit(r);
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
}
