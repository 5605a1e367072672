// Sending a filing to its regulator, once. The ledger is asked first: a receipt stored for this filing
// and report hash is the answer, and nothing is sent again. Every attempt and its outcome is in the
// audit log; an attempt whose outcome never got recorded (a worker died) marks the next receipt as a
// possible duplicate, and the adapters carry the idempotency key so the regulator's side can tell.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { FilingReceipt } from '../domain/filing/filing.js';
import type { FilingReport } from '../domain/filing/report.js';
import type { FilingRecord, Ledger } from '../store/ledger.js';
import { renderFilingPdf } from '../platform/filing-documents.js';
import type { Recipient } from '../domain/filing/recipient.js';
import type { RecipientDirectory } from './filing-recipients.js';
import { auditFilingOnce, recipientOf, updateFiling, type FilingRef } from './filing-records.js';
import type { FilingSubmitter, SubmissionOutcome } from './filing-submission/index.js';

export interface FilingSubmissionDeps {
  ledger: Ledger;
  recipients: RecipientDirectory;
  submitter: FilingSubmitter;
}

export interface SubmitFilingInput extends FilingRef {
  reportHash: string;
}

/** The filing's idempotency key: the same report to the same filing is the same submission. */
export function filingIdempotencyKey(filingId: string, reportHash: string): string {
  return `${filingId}:${reportHash}`;
}

interface StoredReceipt extends FilingReceipt {
  reportHash?: string;
}

/** The filing's row with the report this submission is for; anything else is a bug upstream. */
async function preparedFiling(ledger: Ledger, input: SubmitFilingInput): Promise<FilingRecord> {
  const row = await ledger.getFiling(input.filingId);
  if (!row || row.reportHash !== input.reportHash || !row.payload) {
    throw ApplicationFailure.nonRetryable(
      `filing ${input.filingId} has no prepared report with hash ${input.reportHash}`,
      'FilingNotPrepared',
    );
  }
  return row;
}

/** True when an earlier attempt started but never recorded its outcome: it may have reached the regulator. */
async function unfinishedAttempt(ledger: Ledger, incidentId: string, key: string): Promise<boolean> {
  const audit = await ledger.listAudit(incidentId);
  const count = (action: string) =>
    audit.filter((a) => a.action === action && a.details?.idempotencyKey === key).length;
  return count('filing:attempt') > count('filing:attempt_failed');
}

interface Attempt {
  input: SubmitFilingInput;
  key: string;
  attempt: number;
  base: Record<string, unknown>;
}

/** Sends through the recipient's adapter; a failure is in the audit log before it is retried. */
async function send(
  { ledger, submitter }: FilingSubmissionDeps,
  recipient: Recipient,
  row: FilingRecord,
  { input, key, attempt, base }: Attempt,
): Promise<SubmissionOutcome> {
  const report = row.payload as FilingReport;
  try {
    return await submitter.submit({
      filingId: input.filingId,
      idempotencyKey: key,
      recipient,
      report,
      reportHash: input.reportHash,
      pdf: await renderFilingPdf(report),
    });
  } catch (err) {
    await auditFilingOnce(ledger, {
      incidentId: input.incidentId,
      key: `${key}:attempt_failed:${attempt}`,
      action: 'attempt_failed',
      actor: 'system',
      reason: err instanceof Error ? err.message : String(err),
      details: { ...base, attempt, permanent: err instanceof ApplicationFailure && err.nonRetryable },
    });
    throw err;
  }
}

// The form holds the report's words: it stays in the ledger (the filing's receipt until the portal's
// confirmation replaces it); history only learns where to file.
async function preparedForPortal(
  ledger: Ledger,
  outcome: Extract<SubmissionOutcome, { kind: 'prepared_for_portal' }>,
  { input, key, base }: Attempt,
): Promise<SubmissionOutcome> {
  await updateFiling(ledger, input, {
    receipt: {
      adapter: 'portal',
      prepared: { portalUrl: outcome.portalUrl, formFields: outcome.formFields },
    },
  });
  await auditFilingOnce(ledger, {
    incidentId: input.incidentId,
    key: `${key}:prepared_for_portal`,
    action: 'prepared_for_portal',
    actor: 'system',
    details: { ...base, portalUrl: outcome.portalUrl, fields: outcome.formFields.length },
  });
  return { kind: 'prepared_for_portal', portalUrl: outcome.portalUrl, formFields: [] };
}

export function createFilingSubmission(deps: FilingSubmissionDeps) {
  const { ledger, recipients } = deps;
  return {
    async submitFiling(input: SubmitFilingInput): Promise<SubmissionOutcome> {
      const row = await preparedFiling(ledger, input);
      const stored = row.receipt as StoredReceipt | null;
      if (stored && stored.reportHash === input.reportHash) return { kind: 'submitted', receipt: stored };

      const recipient = recipientOf(recipients, input);
      if (!recipient) {
        throw ApplicationFailure.nonRetryable(
          `no recipient ${input.recipientId} is configured for ${input.regime}; file it by hand and record the confirmation`,
          'FilingRejected',
        );
      }
      const key = filingIdempotencyKey(input.filingId, input.reportHash);
      const { attempt } = Context.current().info;
      const possibleDuplicate = await unfinishedAttempt(ledger, input.incidentId, key);
      const base = { filingId: input.filingId, idempotencyKey: key, adapter: recipient.adapter };
      await auditFilingOnce(ledger, {
        incidentId: input.incidentId,
        key: `${key}:attempt:${attempt}`,
        action: 'attempt',
        actor: 'system',
        details: { ...base, attempt },
      });
      const run: Attempt = { input, key, attempt, base };
      const outcome = await send(deps, recipient, row, run);
      if (outcome.kind !== 'submitted') return preparedForPortal(ledger, outcome, run);
      const receipt: StoredReceipt = {
        ...outcome.receipt,
        detail: { ...outcome.receipt.detail, ...(possibleDuplicate ? { possibleDuplicate } : {}) },
        reportHash: input.reportHash,
      };
      await updateFiling(ledger, input, { receipt, submittedAt: receipt.at });
      return { kind: 'submitted', receipt };
    },
  };
}
