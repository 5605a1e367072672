// Sending a filed report to its regulator: by email, to the regulator's API over HTTPS, or prepared for a
// responder to paste into the regulator's web portal. The filing workflow claims the submission before it
// calls here, so each adapter only has to make a retry harmless (a stable Message-ID, an Idempotency-Key).
import type { FilingReceipt } from '../../domain/filing/filing.js';
import type { Recipient } from '../../domain/filing/recipient.js';
import type { FilingReport } from '../../domain/filing/report.js';
import { emailSubmitter } from './email.js';
import { httpsSubmitter } from './https.js';
import { portalSubmission } from './portal.js';

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

export { FILING_REJECTED } from './failures.js';

export function createFilingSubmitter(settings: FilingSubmissionSettings): FilingSubmitter & {
  close(): void;
} {
  const email = emailSubmitter(settings);
  const https = httpsSubmitter(settings);
  return {
    async submit(submission) {
      switch (submission.recipient.adapter) {
        case 'email':
          return email.submit(submission);
        case 'https':
          return https.submit(submission);
        case 'portal':
          return portalSubmission(submission);
      }
    },
    close: () => email.close(),
  };
}
