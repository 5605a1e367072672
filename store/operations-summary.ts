// What an on-call engineer watches, counted from the ledger itself: notices per channel and status,
// filings per status, obligations close to or past their deadline, announcements, and upload rows.
// Counted at scrape time, so every API replica reports the same numbers and none is lost with a process.
import { sql } from 'kysely';
import { SqlRepository } from './sql-repository.js';

/** Filings that still owe the regulator something. */
export const UNFILED_STATUSES = [
  'draft',
  'awaiting_approval',
  'awaiting_manual_submission',
  'overdue',
] as const;

export interface OperationsCounts {
  /** Deliveries by channel and ledger status (claimed, accepted, delivered, failed_…, unreachable). */
  deliveries: Array<{ channel: string; status: string; count: number }>;
  filings: Array<{ status: string; count: number }>;
  /** Unfiled obligations whose deadline falls within the next 24 hours. */
  obligationsDueWithin24h: number;
  /** Unfiled obligations whose deadline has passed. */
  obligationsOverdue: number;
  /** Unfiled obligations whose deadline falls within the next 6 hours (the page-someone alert). */
  obligationsDueWithin6h: number;
  announcements: Array<{ status: string; count: number }>;
  /** Rows of affected-user uploads, summed over every upload's audit entry. */
  importRows: { accepted: number; rejected: number };
  /** Incidents by phase. */
  incidents: Array<{ phase: string; count: number }>;
}

export interface OperationsSummary {
  operationsSummary(now?: Date): Promise<OperationsCounts>;
}

const HOUR_MS = 3_600_000;

export class SqlOperationsSummary extends SqlRepository implements OperationsSummary {
  async operationsSummary(now = new Date()): Promise<OperationsCounts> {
    const [deliveries, filings, announcements, incidents, imports] = await Promise.all([
      // The counts the delivery triggers keep (store/delivery-counts.ts): a scrape costs the same at any size.
      this.db
        .selectFrom('delivery_counts')
        .select(['channel', 'status', sql<number | string>`sum(n)`.as('n')])
        .where('channel', '<>', '*')
        .where('notice_version', '>', 0)
        .groupBy(['channel', 'status'])
        .execute(),
      this.db
        .selectFrom('filings')
        .select(['status', sql<number | string>`count(*)`.as('n')])
        .groupBy('status')
        .execute(),
      this.db
        .selectFrom('announcements')
        .select(['status', sql<number | string>`count(*)`.as('n')])
        .groupBy('status')
        .execute(),
      this.db
        .selectFrom('incidents')
        .select(['phase', sql<number | string>`count(*)`.as('n')])
        .groupBy('phase')
        .execute(),
      this.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'affected_users:imported')
        .execute(),
    ]);
    const importRows = { accepted: 0, rejected: 0 };
    for (const row of imports) {
      if (row.details === null) continue;
      const d = this.flavor.readJson<{ accepted?: number; rejected?: number }>(row.details);
      importRows.accepted += Number(d.accepted ?? 0);
      importRows.rejected += Number(d.rejected ?? 0);
    }
    return {
      deliveries: deliveries.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) })),
      filings: filings.map((r) => ({ status: r.status, count: Number(r.n) })),
      announcements: announcements.map((r) => ({ status: r.status, count: Number(r.n) })),
      incidents: incidents.map((r) => ({ phase: r.phase, count: Number(r.n) })),
      obligationsOverdue: await this.unfiledDueBefore(now, 0, true),
      obligationsDueWithin24h: await this.unfiledDueBefore(now, 24 * HOUR_MS),
      obligationsDueWithin6h: await this.unfiledDueBefore(now, 6 * HOUR_MS),
      importRows,
    };
  }

  /** Unfiled filings due before now + `withinMs`: all of them when `overdue`, else those still ahead. */
  private async unfiledDueBefore(now: Date, withinMs: number, overdue = false): Promise<number> {
    const nowIso = now.toISOString();
    let q = this.db
      .selectFrom('filings')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('status', 'in', [...UNFILED_STATUSES])
      .where('due_at', 'is not', null);
    q = overdue
      ? q.where('due_at', '<', nowIso)
      : q
          .where('due_at', '>=', nowIso)
          .where('due_at', '<', new Date(now.getTime() + withinMs).toISOString());
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
