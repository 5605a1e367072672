import twilio from 'twilio';
import { z } from 'zod';
import type { SmsConfig } from '../../platform/channel-providers.js';
import { mapBounded, shortMessage, type SendResult } from './outcome.js';
import { TwilioHttpClient } from './twilio-http.js';

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

/** The query parameter of the status callback URL that carries an item's `callbackRef`. */
export const CALLBACK_REF_PARAM = 'd';

/** The status callback URL of one message: ours, with the item's reference when it has one. */
function statusCallbackFor(url: string, ref: string | undefined): string {
  if (ref === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${CALLBACK_REF_PARAM}=${encodeURIComponent(ref)}`;
}

/**
 * Whether a status callback really came from Twilio: `X-Twilio-Signature` over the full public
 * URL Twilio called and every form parameter received (not only the ones the schema reads).
 */
export function verifyTwilioCallback(
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
  authToken: string,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export const TWILIO_MESSAGE_STATUSES = [
  'queued',
  'accepted',
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
  'receiving',
  'received',
  'partially_delivered',
] as const;

/** The fields of a Twilio message status callback we use; Twilio sends more, which pass through. */
export const TwilioStatusCallback = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  MessageStatus: z.enum(TWILIO_MESSAGE_STATUSES),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  To: z.string().max(64).optional(),
  From: z.string().max(64).optional(),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
  ErrorMessage: z.string().max(1000).optional(),
});
export type TwilioStatusCallback = z.output<typeof TwilioStatusCallback>;

/** What a callback status means for the notice: still on its way, arrived, or did not. */
export function twilioDeliveryState(
  status: TwilioStatusCallback['MessageStatus'],
): 'pending' | 'delivered' | 'failed' {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'undelivered' || status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}
