import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { EmailConfig } from '../../platform/channel-providers.js';
import { mapBounded, shortMessage, type SendResult } from './outcome.js';

export interface EmailItem {
  key: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** From `noticeMessageId`: the same for every retry, so mail clients show one notice, not several. */
  messageId: string;
  /** Where replies go, e.g. the incident's privacy contact, when that is not the sender. */
  replyTo?: string | { name: string; address: string };
  /** The language the message is written in (BCP 47), sent as `Content-Language`. */
  language?: string;
}

/**
 * A Message-ID that is the same every time the same notice goes to the same person, and reveals
 * nothing about them: a hash of the ids, at the sender's domain.
 */
export function noticeMessageId(parts: {
  incidentId: string;
  recipientRef: string;
  noticeVersion: number;
  domain: string;
  channel?: string;
}): string {
  const digest = createHash('sha256')
    .update(
      [parts.incidentId, parts.recipientRef, parts.channel ?? 'email', String(parts.noticeVersion)].join(
        '\0',
      ),
    )
    .digest('hex')
    .slice(0, 40);
  return `<notice.${digest}@${parts.domain}>`;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETLS',
  'EPROTOCOL',
]);

/** SMTP 4xx and connection trouble are retryable, 5xx for the message or recipient permanent. */
export function classifySmtpError(key: string, err: unknown): SendResult {
  const e = err as SmtpError;
  const message = shortMessage(err);
  if (typeof e.responseCode === 'number') {
    const code = String(e.responseCode);
    // A 5xx at login or greeting is our configuration, not this recipient: keep the notice and retry.
    if (e.code === 'EAUTH' || e.command === 'CONN') return { key, outcome: 'retryable', code, message };
    return { key, outcome: e.responseCode >= 500 ? 'permanent' : 'retryable', code, message };
  }
  if (e.code && (CONNECTION_CODES.has(e.code) || e.code === 'EAUTH')) {
    return { key, outcome: 'retryable', code: e.code, message };
  }
  return { key, outcome: 'permanent', code: e.code ?? 'EMESSAGE', message };
}

/**
 * Sends notices by email through one pooled SMTP transport. No `List-Unsubscribe`: a breach
 * notice is a legal notice, not marketing, and must not offer to stop the next update.
 */
export class EmailChannel {
  readonly name = 'email' as const;
  private readonly transport;
  private readonly concurrency: number;

  constructor(private readonly config: EmailConfig) {
    const maxConnections = config.pool?.maxConnections ?? 5;
    this.concurrency = config.concurrency ?? maxConnections * 2;
    this.transport = createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections,
      maxMessages: 100,
      ...(config.pool?.rateLimit ? { rateLimit: config.pool.rateLimit, rateDelta: 1000 } : {}),
      ...(config.dkim ? { dkim: config.dkim } : {}),
      connectionTimeout: config.connectionTimeoutMs ?? 30_000,
      greetingTimeout: config.connectionTimeoutMs ?? 30_000,
      socketTimeout: 120_000,
    });
  }

  async send(items: readonly EmailItem[]): Promise<SendResult[]> {
    return mapBounded(items, this.concurrency, async (item): Promise<SendResult> => {
      try {
        const info = await this.transport.sendMail({
          from: this.config.from,
          to: item.to,
          subject: item.subject,
          html: item.html,
          text: item.text,
          messageId: item.messageId,
          ...(item.replyTo ? { replyTo: item.replyTo } : {}),
          headers: {
            // RFC 3834: automated, so out-of-office robots do not answer it.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'OOF, AutoReply',
            // RFC 3282: screen readers and translating mail clients read the notice in its language.
            ...(item.language ? { 'Content-Language': item.language } : {}),
          },
        });
        return { key: item.key, outcome: 'accepted', providerId: info.messageId ?? item.messageId };
      } catch (err) {
        return classifySmtpError(item.key, err);
      }
    });
  }

  /** Checks that the relay answers and accepts our login. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
