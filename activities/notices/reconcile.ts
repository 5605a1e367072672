// The fan-out's check of its progress counts: at its end the kept counts are recounted from the delivery
// rows. They cannot drift on any write path the ledger has (the triggers move them in the same
// transaction); a drift means something wrote to the rows behind the ledger's back, so it is repaired,
// logged and noted in the audit log, with the counts only (never who).
import type { CountsReconciliation, Ledger } from '../../store/ledger.js';

export interface CountsLog {
  warn(message: string, meta: Record<string, unknown>): void;
}

export async function reconcileNoticeCounts(
  ledger: Ledger,
  incidentId: string,
  log: CountsLog,
): Promise<CountsReconciliation> {
  const result = await ledger.reconcileDeliveryCounts(incidentId);
  if (result.drift.length) {
    const drift = result.drift.map((d) => ({
      noticeVersion: d.noticeVersion,
      channel: d.channel,
      status: d.status,
      rows: d.n,
      kept: d.kept.n,
      duplicates: d.duplicates,
      keptDuplicates: d.kept.duplicates,
    }));
    log.warn('delivery counts drifted from the rows and were repaired', { incidentId, drift });
    await ledger.appendAudit({
      incidentId,
      actor: 'system',
      action: 'notices:counts-repaired',
      details: { cells: result.cells, drift },
    });
  }
  return result;
}
