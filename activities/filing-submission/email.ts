// The email adapter: the report to the regulator's address with its PDF and JSON attached. SMTP cannot
// deduplicate, so the Message-ID is derived from the filing and the report's hash: a resend after a crash
// carries the same id, and a regulator's mail system (or clerk) can tell it is the same filing.
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { regimeName } from '../../domain/filing/report-schema.js';
import { rejected } from './failures.js';
import type { FilingSubmission, FilingSubmissionSettings, SubmissionOutcome } from './submission.js';

/** `<filing-id.hash@sender-domain>`: stable for a filing and report, unique across filings. */
export function filingMessageId(filingId: string, reportHash: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const local = filingId.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120);
  const digest = createHash('sha256').update(`${filingId}\n${reportHash}`).digest('hex').slice(0, 24);
  return `<filing.${local}.${digest}@${domain}>`;
}

function summary(s: FilingSubmission): string {
  const r = s.report;
  return [
    `${regimeName(r.regime)}: ${r.phase.replace(/_/g, ' ')} report`,
    '',
    `Filing: ${s.filingId}`,
    `Incident: ${r.incidentId}`,
    `Generated: ${r.generatedAt}`,
    `Report schema: ${r.schema}`,
    `Report SHA-256 (RFC 8785 canonical JSON): ${s.reportHash}`,
    '',
    'The report is attached as a PDF for reading (in your language and in English) and as JSON.',
    'Please quote the filing id in any answer.',
  ].join('\n');
}

interface SmtpError {
  responseCode?: number;
  code?: string;
  message?: string;
}

/** SMTP 5xx is the server's final word; 4xx and anything below SMTP (connection, timeout) may pass. */
function failure(err: unknown, to: string): Error {
  const e = (err ?? {}) as SmtpError;
  const message = `email filing to ${to} failed: ${e.message ?? String(err)}`;
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return rejected(message, { responseCode: e.responseCode });
  }
  return new Error(message);
}

export function emailSubmitter(settings: FilingSubmissionSettings) {
  const transport = createTransport({
    host: settings.smtp.host,
    port: settings.smtp.port,
    secure: settings.smtp.secure ?? false,
    ...(settings.smtp.auth ? { auth: settings.smtp.auth } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  return {
    async submit(s: FilingSubmission): Promise<SubmissionOutcome> {
      const to = s.recipient.address;
      if (!to) {
        throw rejected(`recipient ${s.recipient.id} has no address`);
      }
      const messageId = filingMessageId(s.filingId, s.reportHash, settings.from);
      const base = s.filingId.replace(/[^A-Za-z0-9._-]/g, '-');
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: { name: s.recipient.name, address: to },
          subject: `${regimeName(s.report.regime)} ${s.report.phase.replace(/_/g, ' ')} report, filing ${s.filingId}`,
          text: summary(s),
          messageId,
          headers: {
            'Auto-Submitted': 'auto-generated',
            'X-Filing-Id': s.filingId,
            'X-Report-Sha256': s.reportHash,
            'X-Idempotency-Key': s.idempotencyKey,
          },
          attachments: [
            { filename: `${base}.pdf`, content: s.pdf, contentType: 'application/pdf' },
            {
              filename: `${base}.json`,
              content: JSON.stringify(s.report, null, 2),
              contentType: 'application/json; charset=utf-8',
            },
          ],
        });
        return {
          kind: 'submitted',
          receipt: {
            adapter: 'email',
            at: new Date().toISOString(),
            reference: info.messageId ?? messageId,
            detail: {
              response: info.response,
              accepted: info.accepted.map(String),
              rejected: info.rejected.map(String),
              to,
            },
          },
        };
      } catch (err) {
        throw failure(err, to);
      }
    },
    close: () => transport.close(),
  };
}
