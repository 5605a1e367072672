// Channel providers and fan-out tuning from the environment, validated once at start-up, from the
// same environment object as `config.ts`. A channel whose settings are absent is not configured.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { NOTICE_CHANNELS, type NoticeChannel } from '../domain/fallback.js';
import type { FanoutSettings } from '../domain/fanout-settings.js';
import type { ChannelsConfig } from './channel-providers.js';
import { ConfigError, optionalString, positiveInt, publicBaseUrl, readEnv } from './env.js';
import { letterConfig } from './letter-config.js';
import { loadNoticeTiming } from './notice-timing-config.js';
import { loadVoiceConfig } from './voice-config.js';

/** 0 means unlimited. */
const rate = z.coerce.number().min(0).default(0);

const ChannelEnv = {
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  EMAIL_FROM: optionalString,
  SMTP_MAX_CONNECTIONS: positiveInt(5),
  DKIM_DOMAIN: optionalString,
  DKIM_SELECTOR: optionalString,
  DKIM_PRIVATE_KEY: optionalString,

  TWILIO_ACCOUNT_SID: optionalString.pipe(
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/)
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString.pipe(
    z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/)
      .optional(),
  ),
  TWILIO_API_BASE_URL: optionalString.pipe(z.url().optional()),
  TWILIO_STATUS_CALLBACK_URL: optionalString.pipe(z.url().optional()),

  FCM_PROJECT_ID: optionalString,
  FCM_CREDENTIALS: optionalString,
  FCM_API_BASE_URL: optionalString.pipe(z.url({ protocol: /^https$/ }).optional()),
  FCM_CA_FILE: optionalString,

  /** `print-mail-api`: letters through a Lob-style API at PRINT_MAIL_API_URL with PRINT_MAIL_API_KEY. */
  LETTER_ADAPTER: optionalString.pipe(z.enum(['print-mail-api']).optional()),
  PRINT_MAIL_API_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  PRINT_MAIL_API_KEY: optionalString,
  PRINT_MAIL_WEBHOOK_SECRET: optionalString,
  /** The sender's address as JSON: {"name","line1","line2","city","postalCode","region","country"}. */
  LETTER_RETURN_ADDRESS: optionalString,
  LETTER_FONT: optionalString,

  NOTICE_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** How long the link in a notice keeps working. */
  NOTICE_LINK_TTL_DAYS: positiveInt(365),

  /** Sends in flight at once per channel in one worker (items, across all pages it works on). */
  EMAIL_CONCURRENCY: positiveInt(20),
  SMS_CONCURRENCY: positiveInt(20),
  PUSH_CONCURRENCY: positiveInt(200),
  /** Sends per second per channel in one worker; 0 for no limit. Divide the provider's quota by the workers. */
  EMAIL_RATE_PER_SECOND: rate,
  SMS_RATE_PER_SECOND: rate,
  PUSH_RATE_PER_SECOND: rate,
  LETTER_CONCURRENCY: positiveInt(10),
  VOICE_CONCURRENCY: positiveInt(10),
  LETTER_RATE_PER_SECOND: rate,
  VOICE_RATE_PER_SECOND: rate,

  /** `off`: the channels' SDKs send on the worker's main thread, beside its activities and Temporal. */
  SENDING_THREAD: z.enum(['on', 'off']).default('on'),
  /** How far (%) a heap of the worker may grow over its live data between full collections; 0: V8's own (up to 300). */
  WORKER_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).default(50),

  /** People per page activity. */
  FANOUT_PAGE_SIZE: positiveInt(500),
  /** Page activities in flight per fan-out. */
  FANOUT_WINDOW: positiveInt(8),
  /** Pages per workflow run before continuing as new. */
  FANOUT_PAGES_PER_RUN: positiveInt(200),
  /** A claim whose outcome was not recorded for this long is taken over (its worker died). */
  FANOUT_RECLAIM_AFTER_MS: positiveInt(120_000),
  /** After this many attempts of a page a retryable failure counts as permanent and the next channel is tried. */
  FANOUT_MAX_SEND_ATTEMPTS: positiveInt(20),
};

export interface ChannelLimits {
  /** Sends in flight at once in one worker. */
  concurrency: number;
  /** Sends per second in one worker; undefined for no limit. */
  ratePerSecond?: number;
}

export interface ChannelSettings {
  channels: ChannelsConfig;
  limits: Record<NoticeChannel, ChannelLimits>;
  /** Base of the signed links in notices; the API serves `/n/<token>` under it. */
  noticeBaseUrl: string;
  linkSecret: string;
  linkTtlDays: number;
  /** The domain of deterministic email Message-IDs: the sender's. */
  emailDomain: string;
  fanout: FanoutSettings;
  /** The channels send from a thread of their own (activities/throughput/sending-thread.ts). */
  sendingThread: boolean;
  /** Passed to `limitHeapGrowth` (activities/throughput/heap-growth.ts) when the worker starts; 0 leaves V8's heuristics. */
  heapGrowthPercent: number;
  /** No secret was configured, so one was derived for local use; never in production. */
  derivedLinkSecret: boolean;
}

function limits(concurrency: number, perSecond: number): ChannelLimits {
  return perSecond > 0 ? { concurrency, ratePerSecond: perSecond } : { concurrency };
}

/**
 * Reads the channel settings. Each channel needs its own variables together (email: SMTP_URL and,
 * in production, EMAIL_FROM; SMS: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and one of TWILIO_FROM or
 * TWILIO_MESSAGING_SERVICE_SID; push: FCM_PROJECT_ID); half a channel is an error, not a silent skip.
 */
export function loadChannelSettings(env: NodeJS.ProcessEnv = process.env): ChannelSettings {
  const e = readEnv(ChannelEnv, env);
  const problems: string[] = [];
  const channels: ChannelsConfig = {};

  // Outside production a missing sender gets a development one, so the local servers' SMTP_URL alone works.
  const emailFrom =
    e.EMAIL_FROM ??
    (e.SMTP_URL && e.NODE_ENV !== 'production'
      ? '"Breach Notify (development)" <notices@localhost>'
      : undefined);
  if (e.SMTP_URL || e.EMAIL_FROM) {
    if (!e.SMTP_URL) problems.push('SMTP_URL: required when EMAIL_FROM is set');
    if (!emailFrom) problems.push('EMAIL_FROM: required when SMTP_URL is set');
    const dkim = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY];
    if (dkim.some(Boolean) && !dkim.every(Boolean)) {
      problems.push('DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: set all three or none');
    }
    if (e.SMTP_URL && emailFrom) {
      channels.email = {
        smtpUrl: e.SMTP_URL,
        from: emailFrom,
        pool: { maxConnections: e.SMTP_MAX_CONNECTIONS },
        concurrency: e.EMAIL_CONCURRENCY,
        ...(e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY
          ? {
              dkim: {
                domainName: e.DKIM_DOMAIN,
                keySelector: e.DKIM_SELECTOR,
                privateKey: e.DKIM_PRIVATE_KEY,
              },
            }
          : {}),
      };
    }
  }

  const twilioSet = [
    e.TWILIO_ACCOUNT_SID,
    e.TWILIO_AUTH_TOKEN,
    e.TWILIO_FROM,
    e.TWILIO_MESSAGING_SERVICE_SID,
  ];
  if (twilioSet.some(Boolean)) {
    if (!e.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID: required for SMS');
    if (!e.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN: required for SMS');
    if (!e.TWILIO_FROM === !e.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM, TWILIO_MESSAGING_SERVICE_SID: set exactly one');
    }
    if (e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && !e.TWILIO_FROM !== !e.TWILIO_MESSAGING_SERVICE_SID) {
      channels.sms = {
        accountSid: e.TWILIO_ACCOUNT_SID,
        authToken: e.TWILIO_AUTH_TOKEN,
        ...(e.TWILIO_FROM ? { from: e.TWILIO_FROM } : {}),
        ...(e.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID } : {}),
        ...(e.TWILIO_API_BASE_URL ? { apiBaseUrl: e.TWILIO_API_BASE_URL } : {}),
        ...(e.TWILIO_STATUS_CALLBACK_URL ? { statusCallbackUrl: e.TWILIO_STATUS_CALLBACK_URL } : {}),
        concurrency: e.SMS_CONCURRENCY,
      };
    }
  }

  if (e.FCM_PROJECT_ID || e.FCM_CREDENTIALS || e.FCM_API_BASE_URL) {
    if (!e.FCM_PROJECT_ID) problems.push('FCM_PROJECT_ID: required for push');
    if (e.FCM_API_BASE_URL && !e.FCM_CA_FILE) {
      problems.push('FCM_CA_FILE: required with FCM_API_BASE_URL (the CA that issued its certificate)');
    }
    if (e.FCM_CREDENTIALS) {
      try {
        JSON.parse(e.FCM_CREDENTIALS);
      } catch {
        problems.push('FCM_CREDENTIALS: must be a service-account key as JSON, or {"accessToken":"…"}');
      }
    }
    if (e.FCM_PROJECT_ID) {
      channels.push = {
        projectId: e.FCM_PROJECT_ID,
        ...(e.FCM_CREDENTIALS ? { credentials: e.FCM_CREDENTIALS } : {}),
        ...(e.FCM_API_BASE_URL ? { apiBaseUrl: e.FCM_API_BASE_URL } : {}),
        ...(e.FCM_CA_FILE ? { caFile: e.FCM_CA_FILE } : {}),
        maxConnections: Math.min(e.PUSH_CONCURRENCY, 100),
      };
    }
  }

  if (e.LETTER_ADAPTER || e.PRINT_MAIL_API_URL || e.PRINT_MAIL_API_KEY) {
    const letter = letterConfig(e, problems);
    if (letter) channels.letter = letter;
  }
  const voice = loadVoiceConfig(env);
  problems.push(...voice.problems);
  if (voice.voice) channels.voice = voice.voice;

  // Without a channel every person would end up `unreachable`; in production that is a mistake, not a choice.
  if (e.NODE_ENV === 'production' && !channels.email && !channels.sms && !channels.push) {
    problems.push(
      'SMTP_URL, TWILIO_*, FCM_*: configure at least one notice channel when NODE_ENV=production',
    );
  }
  let linkSecret = e.NOTICE_LINK_SECRET;
  let derivedLinkSecret = false;
  if (!linkSecret) {
    if (e.NODE_ENV === 'production') problems.push('NOTICE_LINK_SECRET: required when NODE_ENV=production');
    // Development and tests only: stable per data directory, so links survive a restart.
    linkSecret = createHash('sha256')
      .update(`breach-notify development link secret\0${path.resolve(e.DATA_DIR)}`)
      .digest('hex');
    derivedLinkSecret = true;
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    channels,
    limits: {
      email: limits(e.EMAIL_CONCURRENCY, e.EMAIL_RATE_PER_SECOND),
      sms: limits(e.SMS_CONCURRENCY, e.SMS_RATE_PER_SECOND),
      push: limits(e.PUSH_CONCURRENCY, e.PUSH_RATE_PER_SECOND),
      letter: limits(e.LETTER_CONCURRENCY, e.LETTER_RATE_PER_SECOND),
      voice: limits(e.VOICE_CONCURRENCY, e.VOICE_RATE_PER_SECOND),
    },
    noticeBaseUrl: e.NOTICE_BASE_URL ? e.NOTICE_BASE_URL.replace(/\/+$/, '') : publicBaseUrl(e),
    linkSecret,
    linkTtlDays: e.NOTICE_LINK_TTL_DAYS,
    emailDomain: senderDomain(emailFrom) ?? 'localhost',
    derivedLinkSecret,
    sendingThread: e.SENDING_THREAD === 'on',
    heapGrowthPercent: e.WORKER_HEAP_GROWTH_PERCENT,
    fanout: {
      pageSize: e.FANOUT_PAGE_SIZE,
      window: e.FANOUT_WINDOW,
      pagesPerRun: e.FANOUT_PAGES_PER_RUN,
      reclaimAfterMs: e.FANOUT_RECLAIM_AFTER_MS,
      maxSendAttempts: e.FANOUT_MAX_SEND_ATTEMPTS,
      ...loadNoticeTiming(env, (c) => channels[c] !== undefined),
      // Without status callbacks nobody learns that a call went unanswered: no retries to wait for.
      ...(channels.voice?.statusCallbackUrl ? {} : { voiceRetries: 0 }),
    },
  };
}

function senderDomain(from: string | undefined): string | undefined {
  const m = from ? /@([A-Za-z0-9.-]+)>?\s*$/.exec(from) : null;
  return m?.[1]?.toLowerCase();
}

/** Which channels are configured, for start-up logs. */
export function describeChannels(settings: ChannelSettings): string {
  const on = NOTICE_CHANNELS.filter((c) => settings.channels[c]);
  return on.length ? on.join(', ') : 'none';
}
