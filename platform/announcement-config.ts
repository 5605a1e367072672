// Where a published announcement goes besides the service's own pages: a webhook (a status page or
// the company's CMS) and a media distribution list by email. Read from the environment once; the
// email goes through the email channel's SMTP settings.
import { z } from 'zod';
import type { EmailConfig } from './channel-providers.js';
import { loadChannelSettings } from './channel-config.js';
import { ConfigError, optionalString, publicBaseUrl, readEnv } from './env.js';

const AnnouncementEnv = {
  ANNOUNCEMENT_WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Signs each webhook body (HMAC-SHA256), so the receiver can tell it came from us. */
  ANNOUNCEMENT_WEBHOOK_SECRET: optionalString,
  /** Tries per activity attempt before the activity fails and Temporal retries it. */
  ANNOUNCEMENT_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  ANNOUNCEMENT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ANNOUNCEMENT_MEDIA_EMAILS: optionalString,
};

export interface WebhookSettings {
  url: string;
  secret?: string;
  attempts: number;
  timeoutMs: number;
  /** First pause between tries; doubled each time (tests make it short). */
  backoffMs: number;
}

export interface AnnouncementSettings {
  /** The origin the public pages are served under, without a trailing slash. */
  publicBaseUrl: string;
  webhook?: WebhookSettings;
  mediaEmail?: { to: string[]; email: EmailConfig };
}

export function loadAnnouncementSettings(env: NodeJS.ProcessEnv = process.env): AnnouncementSettings {
  const e = readEnv(AnnouncementEnv, env);
  const problems: string[] = [];
  const settings: AnnouncementSettings = {
    publicBaseUrl: publicBaseUrl(e),
  };
  if (e.ANNOUNCEMENT_WEBHOOK_URL) {
    if (e.NODE_ENV === 'production' && !e.ANNOUNCEMENT_WEBHOOK_URL.startsWith('https:')) {
      problems.push('ANNOUNCEMENT_WEBHOOK_URL: must be https when NODE_ENV=production');
    }
    settings.webhook = {
      url: e.ANNOUNCEMENT_WEBHOOK_URL,
      ...(e.ANNOUNCEMENT_WEBHOOK_SECRET ? { secret: e.ANNOUNCEMENT_WEBHOOK_SECRET } : {}),
      attempts: e.ANNOUNCEMENT_WEBHOOK_ATTEMPTS,
      timeoutMs: e.ANNOUNCEMENT_WEBHOOK_TIMEOUT_MS,
      backoffMs: 500,
    };
  }
  if (e.ANNOUNCEMENT_MEDIA_EMAILS) {
    const to = e.ANNOUNCEMENT_MEDIA_EMAILS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = to.filter((a) => !z.email().safeParse(a).success);
    if (bad.length) problems.push(`ANNOUNCEMENT_MEDIA_EMAILS: not email addresses: ${bad.join(', ')}`);
    const email = loadChannelSettings(env).channels.email;
    if (!email) problems.push('ANNOUNCEMENT_MEDIA_EMAILS: needs the email channel (SMTP_URL, EMAIL_FROM)');
    else settings.mediaEmail = { to, email };
  }
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
