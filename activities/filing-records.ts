// A filing's row and audit entries, written the same way by every filing activity: the row merged
// (never a field lost), each audit entry once per key however often an activity is retried.
import type { Recipient } from '../domain/filing/recipient.js';
import type { FilingRecord, Ledger, NewFiling } from '../store/ledger.js';
import type { RecipientDirectory } from './filing-recipients.js';

/** What every filing activity is told about the filing it works on. */
export interface FilingRef {
  filingId: string;
  incidentId: string;
  obligationId: string;
  regime: string;
  phase: string;
  recipientId: string;
  region?: string;
  dueAt: string;
}

/** The recipient of a filing: by id, or (development stand-ins are not kept) found again by regime. */
export function recipientOf(
  recipients: RecipientDirectory,
  ref: Pick<FilingRef, 'recipientId' | 'regime' | 'region'>,
): Recipient | undefined {
  const found = recipients.byId(ref.recipientId);
  if (found) return found;
  const again = recipients.recipientFor(ref.regime, ref.region);
  return again?.id === ref.recipientId ? again : undefined;
}

/** Replaces a filing's row with `patch` merged over what is stored, creating it when absent. */
export async function updateFiling(
  ledger: Ledger,
  ref: FilingRef,
  patch: Partial<NewFiling>,
): Promise<FilingRecord> {
  const row = await ledger.getFiling(ref.filingId);
  return ledger.saveFiling({
    id: ref.filingId,
    incidentId: ref.incidentId,
    regime: ref.regime,
    phase: ref.phase,
    obligationId: ref.obligationId,
    recipient: ref.recipientId,
    dueAt: ref.dueAt,
    status: row?.status ?? 'draft',
    payload: row?.payload ?? null,
    receipt: row?.receipt ?? undefined,
    submittedAt: row?.submittedAt ?? null,
    reportHash: row?.reportHash ?? null,
    acknowledgement: row?.acknowledgement ?? undefined,
    acknowledgedAt: row?.acknowledgedAt ?? null,
    ...(row ? { at: row.createdAt } : {}),
    ...patch,
  });
}

/** Appends `filing:<action>` once per key. */
export async function auditFilingOnce(
  ledger: Ledger,
  entry: { incidentId: string; key: string; action: string; actor: string; reason?: string; details: object },
): Promise<boolean> {
  const done = (await ledger.listAudit(entry.incidentId)).some(
    (a) => a.action === `filing:${entry.action}` && a.details?.key === entry.key,
  );
  if (done) return false;
  await ledger.appendAudit({
    incidentId: entry.incidentId,
    actor: entry.actor,
    action: `filing:${entry.action}`,
    ...(entry.reason ? { reason: entry.reason } : {}),
    details: { key: entry.key, ...entry.details },
  });
  return true;
}
