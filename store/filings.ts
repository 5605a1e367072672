// Regulator filings of an incident (the filings issue decides ids and statuses).
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface FilingRecord {
  id: string;
  incidentId: string;
  /** e.g. gdpr, ccpa, cac. */
  regime: string;
  /** e.g. initial, supplement, final. */
  phase: string;
  status: string;
  payload: unknown;
  receipt: unknown;
  dueAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface NewFiling {
  /** Generated (UUID) when absent. */
  id?: string;
  incidentId: string;
  regime: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt?: unknown;
  dueAt?: string | null;
  submittedAt?: string | null;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface FilingStore {
  /** Creates or replaces a regulator filing by id (the filings issue decides ids and statuses). */
  saveFiling(rec: NewFiling): Promise<FilingRecord>;
  getFiling(id: string): Promise<FilingRecord | undefined>;
  /** Oldest first. */
  listFilings(incidentId: string): Promise<FilingRecord[]>;
}

export class SqlFilings extends SqlRepository implements FilingStore {
  async saveFiling(rec: NewFiling): Promise<FilingRecord> {
    const at = rec.at ?? nowIso();
    const values = {
      regime: rec.regime,
      phase: rec.phase,
      status: rec.status,
      payload: this.flavor.json(rec.payload ?? null),
      receipt: rec.receipt === undefined ? null : this.flavor.json(rec.receipt),
      due_at: rec.dueAt ?? null,
      submitted_at: rec.submittedAt ?? null,
      updated_at: at,
    };
    const r = await this.db
      .insertInto('filings')
      .values({ id: rec.id ?? randomUUID(), incident_id: rec.incidentId, created_at: at, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toFiling(r);
  }

  async getFiling(id: string): Promise<FilingRecord | undefined> {
    const r = await this.db.selectFrom('filings').selectAll().where('id', '=', id).executeTakeFirst();
    return r && this.toFiling(r);
  }

  async listFilings(incidentId: string): Promise<FilingRecord[]> {
    const rows = await this.db
      .selectFrom('filings')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toFiling(r));
  }

  private toFiling(r: Selectable<LedgerDatabase['filings']>): FilingRecord {
    const f = this.flavor;
    return {
      id: r.id,
      incidentId: r.incident_id,
      regime: r.regime,
      phase: r.phase,
      status: r.status,
      payload: f.readJson(r.payload),
      receipt: r.receipt === null ? null : f.readJson(r.receipt),
      dueAt: f.readOptionalTime(r.due_at),
      submittedAt: f.readOptionalTime(r.submitted_at),
      createdAt: f.readTime(r.created_at),
      updatedAt: f.readTime(r.updated_at),
    };
  }
}
