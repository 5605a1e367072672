import twilio from 'twilio';
import type { SmsConfig } from '../../platform/channel-providers.js';
import { statusCallbackFor } from '../../platform/twilio-callback.js';
import { mapBounded, shortMessage, type SendResult } from './outcome.js';
import { TwilioHttpClient } from '../throughput/twilio-http.js';

export interface SmsItem {
  key: string;
  /** E.164, e.g. +447700900123. */
  to: string;
  body: string;
  /**
   * Added to the status callback URL as `d`, for the webhook to find the delivery by (Twilio signs
   * the whole URL, query included). Without it the callback names only the message's sid.
   */
  callbackRef?: string;
}

/** Whether SMS sent with `config` name a status callback URL (and so carry each item's `callbackRef`). */
export function smsReportsStatus(config: SmsConfig): boolean {
  return config.statusCallbackUrl !== undefined;
}

function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * 429 / 20429 and 5xx are retryable (honouring Retry-After); invalid or unreachable numbers
 * (21211, 21610, 21614, …) and other 4xx are permanent. 401/403 are our credentials, also
 * retryable so a configuration mistake delays notices rather than dropping them.
 */
export function classifyTwilioError(key: string, err: unknown): SendResult {
  const e = err as { status?: number; code?: number; message?: string; details?: { retryAfter?: string } };
  const message = shortMessage(err);
  if (typeof e.status !== 'number') {
    const code = (err as { code?: string }).code;
    return { key, outcome: 'retryable', code: typeof code === 'string' ? code : 'NETWORK', message };
  }
  const code = String(e.code ?? e.status);
  const wait = retryAfterMs(e.details?.retryAfter);
  const retryable = (extra: Partial<SendResult> = {}): SendResult => ({
    key,
    outcome: 'retryable',
    code,
    message,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    ...extra,
  });
  if (e.status === 429 || e.code === 20429) return retryable();
  if (e.status >= 500) return retryable();
  if (e.status === 401 || e.status === 403) return retryable();
  return { key, outcome: 'permanent', code, message };
}

/** Sends notices by SMS through the Twilio Messages API. */
export class SmsChannel {
  readonly name = 'sms' as const;
  private readonly client: twilio.Twilio;
  private readonly concurrency: number;

  /** `httpClient`: the SDK's HTTP client; the service's own (`TwilioHttpClient`) unless given. */
  constructor(
    private readonly config: SmsConfig,
    httpClient: twilio.RequestClient = new TwilioHttpClient({
      ...(config.apiBaseUrl ? { baseUrl: new URL(config.apiBaseUrl) } : {}),
      timeoutMs: config.timeoutMs ?? 30_000,
    }),
  ) {
    if (!config.from === !config.messagingServiceSid) {
      throw new Error('SMS channel needs exactly one of `from` and `messagingServiceSid`');
    }
    this.client = twilio(config.accountSid, config.authToken, { httpClient, autoRetry: false });
    this.concurrency = config.concurrency ?? 10;
  }

  /** Whether messages name a status callback URL, which carries each item's `callbackRef`. */
  get reportsStatus(): boolean {
    return smsReportsStatus(this.config);
  }

  async send(items: readonly SmsItem[]): Promise<SendResult[]> {
    return mapBounded(items, this.concurrency, async (item): Promise<SendResult> => {
      try {
        const msg = await this.client.messages.create({
          to: item.to,
          body: item.body,
          ...(this.config.messagingServiceSid
            ? { messagingServiceSid: this.config.messagingServiceSid }
            : { from: this.config.from as string }),
          ...(this.config.statusCallbackUrl
            ? { statusCallback: statusCallbackFor(this.config.statusCallbackUrl, item.callbackRef) }
            : {}),
        });
        return { key: item.key, outcome: 'accepted', providerId: msg.sid };
      } catch (err) {
        return classifyTwilioError(item.key, err);
      }
    });
  }
}
