// What each notice channel needs to reach its provider. Read from the environment by
// `channel-config.ts` and handed to the channels (activities/channels), which build their SDK clients
// from it; a channel left out is not configured. Plain data: it also crosses to the sending thread.
import type { ServiceAccount } from 'firebase-admin/app';
import type { PostalAddress } from '../domain/postal-address.js';

export interface ChannelsConfig {
  email?: EmailConfig;
  sms?: SmsConfig;
  push?: PushConfig;
  letter?: LetterConfig;
  voice?: VoiceConfig;
}

export interface EmailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; STARTTLS is used when the server offers it. */
  smtpUrl: string;
  /** The sender, e.g. `"Acme Privacy Team" <privacy@acme.example>`. */
  from: string;
  pool?: {
    maxConnections?: number;
    /** Messages per second across the pool; unlimited when unset. */
    rateLimit?: number;
  };
  /** DKIM signing; omit when the relay signs. */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Items in flight per `send` call; defaults to twice the pool size. */
  concurrency?: number;
  /** Connection and greeting timeout, so a dead relay fails a batch quickly instead of after minutes. */
  connectionTimeoutMs?: number;
}

export interface SmsConfig {
  accountSid: string;
  authToken: string;
  /** A sender number or alphanumeric id; or send through a Messaging Service instead. */
  from?: string;
  messagingServiceSid?: string;
  /** Where to send API calls instead of https://api.twilio.com (the local server in tests and development). */
  apiBaseUrl?: string;
  /** Our webhook for delivery status callbacks. */
  statusCallbackUrl?: string;
  /** Requests in flight per `send` call. */
  concurrency?: number;
  timeoutMs?: number;
}

/** Programmable Voice: the same Twilio account as SMS, a number that can call. */
export interface VoiceConfig {
  accountSid: string;
  authToken: string;
  /** The calling number (E.164); a Messaging Service cannot place calls. */
  from: string;
  apiBaseUrl?: string;
  /** Our webhook for call status callbacks; the repeat key posts to its sibling path. */
  statusCallbackUrl?: string;
  /** Where a person asks for the script again (the <Gather> action); absent: read twice. */
  repeatUrl?: string;
  /** The number a call tells people to call back; the incident contact's phone when absent. */
  callbackNumber?: string;
  concurrency?: number;
  timeoutMs?: number;
}

export interface PushConfig {
  projectId: string;
  /**
   * A service-account key (its JSON text or parsed object), or a fixed access token (tests and the
   * local stub), also as JSON text `{"accessToken":"…"}`. Omitted: Google application default credentials.
   */
  credentials?: string | ServiceAccount | Record<string, unknown> | { accessToken: string };
  /** Send to this origin instead of fcm.googleapis.com (the local stub), trusting `caFile` / `ca`. */
  apiBaseUrl?: string;
  caFile?: string;
  ca?: string;
  /** Connections to FCM at once, which bounds how many sends of a batch are in flight. */
  maxConnections?: number;
}

export interface LetterConfig {
  /** `print-mail-api`: a Lob-style HTTP API prints and posts each letter. */
  adapter: 'print-mail-api';
  /** e.g. https://api.lob.com, or the local stub (dev/print-mail-server.ts). */
  apiBaseUrl: string;
  apiKey: string;
  /** The secret the provider signs its letter webhooks with; without it the webhook route is off. */
  webhookSecret?: string;
  /** The sender's return address, printed in the window above the recipient's. */
  returnAddress: PostalAddress & { name: string };
  /** Requests in flight per `send` call. */
  concurrency?: number;
  timeoutMs?: number;
  /** The font file for the letters (a CJK-capable one by default). */
  font?: string;
}
