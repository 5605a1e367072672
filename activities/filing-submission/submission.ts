// What every submission adapter takes and answers: the report, its hash and PDF, and the recipient;
// a receipt, or a form prepared for a responder to submit by hand.
import type { FilingReceipt } from '../../domain/filing/filing.js';
import type { Recipient } from '../../domain/filing/recipient.js';
import type { FilingReport } from '../../domain/filing/report.js';

export interface FilingSubmission {
  filingId: string;
  idempotencyKey: string;
  recipient: Recipient;
  report: FilingReport;
  reportHash: string;
  pdf: Buffer;
}

export type SubmissionOutcome =
  | { kind: 'submitted'; receipt: FilingReceipt }
  | { kind: 'prepared_for_portal'; portalUrl: string; formFields: Array<{ label: string; value: string }> };

/**
 * Transient failures (HTTP 5xx/429, SMTP 4xx, connection errors) throw a plain Error so the activity's retry
 * policy retries with backoff; permanent ones (HTTP 4xx other than 429, SMTP 5xx) throw
 * ApplicationFailure.nonRetryable with type 'FilingRejected'.
 */
export interface FilingSubmitter {
  submit(submission: FilingSubmission): Promise<SubmissionOutcome>;
}

export interface FilingSubmissionSettings {
  smtp: { host: string; port: number; secure?: boolean; auth?: { user: string; pass: string } };
  from: string;
  credentials: (ref: string) => string | undefined;
  fetch?: typeof fetch;
  /** How long one HTTPS submission may take before it counts as a connection failure. */
  httpsTimeoutMs?: number;
}
