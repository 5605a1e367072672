// Sending a filing to its regulator, once. The ledger is asked first: a receipt stored for this filing
// and report hash is the answer, and nothing is sent again. Every attempt and its outcome is in the
// audit log; an attempt whose outcome never got recorded (a worker died) marks the next receipt as a
// possible duplicate, and the adapters carry the idempotency key so the regulator's side can tell.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { FilingReceipt } from '../domain/filing/filing.js';
import type { FilingReport } from '../domain/filing/report.js';
import type { Ledger } from '../store/ledger.js';
import { renderFilingPdf } from '../platform/filing-documents.js';
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

export function createFilingSubmission({ ledger, recipients, submitter }: FilingSubmissionDeps) {
  return {
    async submitFiling(input: SubmitFilingInput): Promise<SubmissionOutcome> {
      const row = await ledger.getFiling(input.filingId);
      if (!row || row.reportHash !== input.reportHash || !row.payload) {
        throw ApplicationFailure.nonRetryable(
          `filing ${input.filingId} has no prepared report with hash ${input.reportHash}`,
          'FilingNotPrepared',
        );
      }
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
      const audit = await ledger.listAudit(input.incidentId);
      const attempts = audit.filter(
        (a) => a.action === 'filing:attempt' && a.details?.idempotencyKey === key,
      ).length;
      const outcomes = audit.filter(
        (a) => a.action === 'filing:attempt_failed' && a.details?.idempotencyKey === key,
      ).length;
      const base = { filingId: input.filingId, idempotencyKey: key, adapter: recipient.adapter };
      await auditFilingOnce(ledger, {
        incidentId: input.incidentId,
        key: `${key}:attempt:${attempt}`,
        action: 'attempt',
        actor: 'system',
        details: { ...base, attempt },
      });
      const report = row.payload as FilingReport;
      let outcome: SubmissionOutcome;
      try {
        outcome = await submitter.submit({
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
      if (outcome.kind === 'submitted') {
        // An earlier attempt may have reached the regulator before its worker died.
        const possibleDuplicate = attempts > outcomes;
        const receipt: StoredReceipt = {
          ...outcome.receipt,
          detail: { ...outcome.receipt.detail, ...(possibleDuplicate ? { possibleDuplicate } : {}) },
          reportHash: input.reportHash,
        };
        await updateFiling(ledger, input, { receipt, submittedAt: receipt.at });
        return { kind: 'submitted', receipt };
      }
      // The form holds the report's words: it stays in the ledger (the filing's receipt until the portal's
      // confirmation replaces it); history only learns where to file.
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
    },
  };
}
