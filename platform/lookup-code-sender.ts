// Sends the one-time code of a "Was I affected?" lookup: one email through nodemailer, or one SMS
// through the Twilio SDK, with the notice channels' settings. The API sends these itself (it may not
// use the worker's channels), one message per lookup, so a plain transport is enough.
import { createTransport, type Transporter } from 'nodemailer';
import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient.js';
import type { LookupChannel } from '../domain/announcement/lookup.js';
import type { ChannelsConfig } from './channel-providers.js';

export interface LookupCodeMessage {
  channel: LookupChannel;
  /** Email address or E.164 number. */
  to: string;
  subject: string;
  text: string;
  sms: string;
  language: string;
}

export interface LookupCodeSender {
  /** Whether a channel can carry codes at all; lookups of an address of another kind send nothing. */
  has(channel: LookupChannel): boolean;
  send(message: LookupCodeMessage): Promise<void>;
  close(): Promise<void>;
}

type RequestOptions<TData> = RequestClientBase.RequestOptions<TData>;

/** The SDK's own HTTP client, pointed at another origin (the local Twilio server in tests and development). */
class TwilioOriginClient extends twilio.RequestClient {
  constructor(private readonly origin: URL) {
    super({ timeout: 15_000, autoRetry: false });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    return super.request({ ...opts, uri: new URL(uri.pathname + uri.search, this.origin).href });
  }
}

export function createLookupCodeSender(channels: ChannelsConfig): LookupCodeSender {
  const email = channels.email;
  const sms = channels.sms;
  let transport: Transporter | undefined;
  let client: twilio.Twilio | undefined;
  if (email) {
    transport = createTransport({
      url: email.smtpUrl,
      pool: true,
      maxConnections: 2,
      ...(email.dkim ? { dkim: email.dkim } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }
  if (sms) {
    client = twilio(sms.accountSid, sms.authToken, {
      autoRetry: false,
      ...(sms.apiBaseUrl ? { httpClient: new TwilioOriginClient(new URL(sms.apiBaseUrl)) } : {}),
    });
  }
  return {
    has: (channel) => (channel === 'email' ? transport !== undefined : client !== undefined),
    async send(m) {
      if (m.channel === 'email') {
        if (!transport || !email) throw new Error('email is not configured');
        await transport.sendMail({
          from: email.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          headers: {
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'OOF, AutoReply',
            'Content-Language': m.language,
          },
        });
        return;
      }
      if (!client || !sms) throw new Error('SMS is not configured');
      await client.messages.create({
        to: m.to,
        body: m.sms,
        ...(sms.messagingServiceSid ? { messagingServiceSid: sms.messagingServiceSid } : { from: sms.from! }),
      });
    },
    async close() {
      transport?.close();
    },
  };
}
