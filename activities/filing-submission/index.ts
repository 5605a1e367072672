// MINIMAL stand-in for engineer filing-docs' submission adapters (iface-filing.md): email only, over
// nodemailer, and portal recipients prepared for a person. Replaced at the merge.
import { ApplicationFailure } from '@temporalio/activity';
import { createTransport } from 'nodemailer';
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
export interface FilingSubmitter {
  submit(submission: FilingSubmission): Promise<SubmissionOutcome>;
}
export interface FilingSubmissionSettings {
  smtp: { host: string; port: number; secure?: boolean; auth?: { user: string; pass: string } };
  from: string;
  credentials: (ref: string) => string | undefined;
  fetch?: typeof fetch;
}

export function createFilingSubmitter(settings: FilingSubmissionSettings): FilingSubmitter {
  const transport = createTransport({ ...settings.smtp, ignoreTLS: !settings.smtp.secure });
  return {
    async submit(s) {
      if (s.recipient.adapter === 'portal') {
        return {
          kind: 'prepared_for_portal',
          portalUrl: s.recipient.portalUrl!,
          formFields: Object.entries(s.report.sections).map(([label, v]) => ({
            label,
            value: typeof v === 'string' ? v : JSON.stringify(v),
          })),
        };
      }
      if (s.recipient.adapter !== 'email') {
        throw ApplicationFailure.nonRetryable(`adapter ${s.recipient.adapter} not built`, 'FilingRejected');
      }
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: s.recipient.address,
          subject: `Breach report ${s.report.regime} ${s.report.phase} (${s.filingId})`,
          text: `Report ${s.filingId}, SHA-256 ${s.reportHash}.`,
          messageId: `<filing.${s.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 120)}@breach.localhost>`,
          attachments: [
            { filename: `${s.filingId}.json`, content: JSON.stringify(s.report, null, 2) },
            { filename: `${s.filingId}.pdf`, content: s.pdf },
          ],
        });
        return {
          kind: 'submitted',
          receipt: {
            adapter: 'email',
            at: new Date().toISOString(),
            reference: info.messageId,
            detail: { response: info.response },
          },
        };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) {
          throw ApplicationFailure.nonRetryable(String((err as Error).message), 'FilingRejected');
        }
        throw err;
      }
    },
  };
}
