// Incidents: the facts an operator reported and the phase the incident's workflow has reached.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { IncidentFacts, Severity } from '../domain/incident.js';
import { isFinal, type Phase } from '../domain/phases.js';
import { decodeCursor, newestFirstPage, type Page } from './page.js';
import type { IncidentsTable } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface IncidentRecord {
  id: string;
  externalId: string | null;
  facts: IncidentFacts;
  severity: Severity;
  phase: Phase;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** When the personal data of the affected people was purged under the retention policy. */
  purgedAt: string | null;
}

export interface NewIncident {
  /** Generated (UUID) when absent. */
  id?: string;
  facts: IncidentFacts;
  createdBy: string;
  /** Defaults to `opened`. */
  phase?: Phase;
  /** ISO 8601; defaults to now. */
  createdAt?: string;
}

export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} not found`);
    this.name = 'IncidentNotFoundError';
  }
}

export interface IncidentStore {
  /** Idempotent on `facts.externalId`: a second call returns the existing incident with `created: false`. */
  createIncident(rec: NewIncident): Promise<{ incident: IncidentRecord; created: boolean }>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /** Newest first. */
  listIncidents(opts: { phase?: Phase; limit: number; cursor?: string }): Promise<Page<IncidentRecord>>;
  /** Sets `closedAt` when the phase is final. Throws IncidentNotFoundError. */
  setIncidentPhase(id: string, phase: Phase, at: string): Promise<void>;
  /** For supplemental notices: replaces the facts (severity follows them). Throws IncidentNotFoundError. */
  updateIncidentFacts(id: string, facts: IncidentFacts, at: string): Promise<void>;
  /** Removes the incident and everything hanging off it except the audit log; false if absent. */
  deleteIncident(id: string): Promise<boolean>;
}

export class SqlIncidents extends SqlRepository implements IncidentStore {
  private toIncident(r: Selectable<IncidentsTable>): IncidentRecord {
    const f = this.flavor;
    return {
      id: r.id,
      externalId: r.external_id,
      facts: f.readJson<IncidentFacts>(r.facts),
      severity: r.severity as Severity,
      phase: r.phase as Phase,
      createdBy: r.created_by,
      createdAt: f.readTime(r.created_at),
      updatedAt: f.readTime(r.updated_at),
      closedAt: f.readOptionalTime(r.closed_at),
      purgedAt: f.readOptionalTime(r.purged_at),
    };
  }

  async createIncident(rec: NewIncident): Promise<{ incident: IncidentRecord; created: boolean }> {
    const at = rec.createdAt ?? nowIso();
    const externalId = rec.facts.externalId ?? null;
    // ON CONFLICT on external_id makes a concurrent duplicate wait for the first and then do nothing.
    const inserted = await this.db
      .insertInto('incidents')
      .values({
        id: rec.id ?? randomUUID(),
        external_id: externalId,
        facts: this.flavor.json(rec.facts),
        severity: rec.facts.severity,
        phase: rec.phase ?? 'opened',
        created_by: rec.createdBy,
        created_at: at,
        updated_at: at,
        closed_at: null,
        purged_at: null,
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { incident: this.toIncident(inserted), created: true };
    const existing = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    return { incident: this.toIncident(existing), created: false };
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const r = await this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return r && this.toIncident(r);
  }

  async listIncidents(opts: {
    phase?: Phase;
    limit: number;
    cursor?: string;
  }): Promise<Page<IncidentRecord>> {
    let q = this.db.selectFrom('incidents').selectAll();
    if (opts.phase) q = q.where('phase', '=', opts.phase);
    if (opts.cursor) {
      const [createdAt, id] = decodeCursor(opts.cursor, ['string', 'string']) as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
    return newestFirstPage(rows, opts.limit, (r) => this.toIncident(r));
  }

  async setIncidentPhase(id: string, phase: Phase, at: string): Promise<void> {
    const r = await this.db
      .updateTable('incidents')
      .set({
        phase,
        updated_at: at,
        closed_at: isFinal(phase) ? at : sql.ref<string | null>('closed_at'),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new IncidentNotFoundError(id);
  }

  async updateIncidentFacts(id: string, facts: IncidentFacts, at: string): Promise<void> {
    const r = await this.db
      .updateTable('incidents')
      .set({ facts: this.flavor.json(facts), severity: facts.severity, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new IncidentNotFoundError(id);
  }

  async deleteIncident(id: string): Promise<boolean> {
    return this.write(async (trx) => {
      for (const table of [
        'deliveries',
        'delivery_counts',
        'affected_users',
        'assessments',
        'filings',
        'announcement_versions',
        'announcements',
      ] as const) {
        await trx.deleteFrom(table).where('incident_id', '=', id).execute();
      }
      const r = await trx.deleteFrom('incidents').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }
}
