// The filing activities' collaborators from the environment: the recipients file
// (FILING_RECIPIENTS_FILE; in development without one every regulator gets the stand-in) and the
// submission adapters, whose email goes out through the same SMTP server as the notices.
import { loadRecipientDirectory, type RecipientDirectory } from '../activities/filing-recipients.js';
import {
  createFilingSubmitter,
  type FilingSubmissionSettings,
  type FilingSubmitter,
} from '../activities/filing-submission/index.js';
import type { ChannelSettings } from '../platform/channel-config.js';

export interface FilingWorkerSettings {
  recipients: RecipientDirectory;
  submitter: FilingSubmitter;
}

/** nodemailer's SMTP options from the email channel's `smtp://user:pass@host:port` URL. */
export function smtpOptions(smtpUrl: string | undefined): FilingSubmissionSettings['smtp'] {
  if (!smtpUrl) return { host: '127.0.0.1', port: 25 };
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}

export function filingSettingsFrom(
  channels: ChannelSettings,
  env: NodeJS.ProcessEnv = process.env,
): FilingWorkerSettings {
  const email = channels.channels.email;
  const file = env.FILING_RECIPIENTS_FILE?.trim();
  return {
    recipients: loadRecipientDirectory({
      ...(file ? { file } : {}),
      development: (env.NODE_ENV ?? 'development') !== 'production',
    }),
    submitter: createFilingSubmitter({
      smtp: smtpOptions(email?.smtpUrl),
      from: email?.from ?? '"Breach Notify" <filings@localhost>',
      credentials: (ref) => env[ref],
    }),
  };
}
