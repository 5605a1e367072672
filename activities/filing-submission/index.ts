// Sending a filed report to its regulator: by email, to the regulator's API over HTTPS, or prepared for a
// responder to paste into the regulator's web portal. The filing workflow claims the submission before it
// calls here, so each adapter only has to make a retry harmless (a stable Message-ID, an Idempotency-Key).
import type { FilingSubmissionSettings, FilingSubmitter } from './submission.js';
import { emailSubmitter } from './email.js';
import { httpsSubmitter } from './https.js';
import { portalSubmission } from './portal.js';

export type {
  FilingSubmission,
  FilingSubmissionSettings,
  FilingSubmitter,
  SubmissionOutcome,
} from './submission.js';

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
