// Regulator filings of an incident: one row per filing id (incident + obligation), replaced as the
// filing workflow moves it on; the report, its hash, the receipt and the regulator's acknowledgement.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { decodeCursor, newestFirstPage, type Page } from './page.js';
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
  /** `<regime>.<kind>.<phase>[.<region>]`; null on rows written before filings had workflows. */
  obligationId: string | null;
  /** Recipient id from the recipients file (or the development stand-in). */
  recipient: string | null;
  /** SHA-256 of the report as filed. */
  reportHash: string | null;
  acknowledgement: unknown;
  acknowledgedAt: string | null;
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
  obligationId?: string | null;
  recipient?: string | null;
  reportHash?: string | null;
  acknowledgement?: unknown;
  acknowledgedAt?: string | null;
  /** ISO 8601; defaults to now. */
  at?: string;
}

export interface FilingStore {
  /** Creates or replaces a regulator filing by id. */
  saveFiling(rec: NewFiling): Promise<FilingRecord>;
  getFiling(id: string): Promise<FilingRecord | undefined>;
  /** Oldest first. */
  listFilings(incidentId: string): Promise<FilingRecord[]>;
  /** A regulator's view: its recipient's filings, newest first. Throws InvalidCursorError. */
  listFilingsForRecipient(
    recipient: string,
    opts: { limit: number; cursor?: string },
  ): Promise<Page<FilingRecord>>;
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
      obligation_id: rec.obligationId ?? null,
      recipient: rec.recipient ?? null,
      report_hash: rec.reportHash ?? null,
      acknowledgement: rec.acknowledgement === undefined ? null : this.flavor.json(rec.acknowledgement),
      acknowledged_at: rec.acknowledgedAt ?? null,
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

  async listFilingsForRecipient(
    recipient: string,
    opts: { limit: number; cursor?: string },
  ): Promise<Page<FilingRecord>> {
    let q = this.db.selectFrom('filings').selectAll().where('recipient', '=', recipient);
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
    return newestFirstPage(rows, opts.limit, (r) => this.toFiling(r));
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
      obligationId: r.obligation_id,
      recipient: r.recipient,
      reportHash: r.report_hash,
      acknowledgement: r.acknowledgement === null ? null : f.readJson(r.acknowledgement),
      acknowledgedAt: f.readOptionalTime(r.acknowledged_at),
    };
  }
}
