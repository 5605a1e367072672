import { randomBytes } from 'node:crypto';
import { startPrintMailServer, type PrintMailServer } from './print-mail-server.js';
import type { ChannelsConfig } from '../platform/channel-providers.js';
import { startFcmStub, type FcmStub } from './fcm-stub.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { startTwilioServer, type TwilioServer } from './twilio-server.js';

export interface DevProviders {
  smtp: SmtpSink;
  twilio: TwilioServer;
  fcm: FcmStub;
  printMail: PrintMailServer;
  /** Channel configuration pointing at the local servers, for `createChannels`. */
  channels: Required<Pick<ChannelsConfig, 'email' | 'sms' | 'push' | 'letter' | 'voice'>>;
  /**
   * The same as environment variables, for a worker started as a separate process
   * (`SMTP_URL`, `TWILIO_*`, `FCM_*`).
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface DevProvidersOptions {
  /** Fixed ports, so a developer's bookmarks survive restarts; random free ports when omitted. */
  smtpPort?: number;
  twilioPort?: number;
  fcmPort?: number;
  emailFrom?: string;
  smsFrom?: string;
  /** Our API's Twilio status webhook; the fake posts `sent` then `delivered` to it. */
  statusCallbackUrl?: string;
  /** Our API's Twilio call status webhook; the fake posts each call's outcome to it. */
  voiceStatusCallbackUrl?: string;
  /** Delay between a call's status callbacks. */
  callAfterMs?: number;
  /** Delay between the fake's status callbacks. */
  deliverAfterMs?: number;
}

/** The sender of development letters: nobody's real address. */
const DEV_RETURN_ADDRESS = {
  name: 'Breach Notify (development)',
  line1: '1 Example Street',
  city: 'Springfield',
  postalCode: '12345',
  region: 'IL',
  country: 'US',
};

/**
 * Starts the three local providers for development mode and says how to reach them. Nothing
 * leaves this machine: mail, SMS and push all land in these servers' `received` lists.
 */
export async function startDevProviders(options: DevProvidersOptions = {}): Promise<DevProviders> {
  const accessToken = randomBytes(16).toString('hex');
  const smtp = await startSmtpSink({ port: options.smtpPort });
  const twilio = await startTwilioServer({
    port: options.twilioPort,
    autoDeliverAfterMs: options.deliverAfterMs ?? 1500,
    // Calls ring for a moment, not for the SMS delivery delay.
    callbackAfterMs: options.callAfterMs ?? 200,
  });
  const fcm = await startFcmStub({ port: options.fcmPort, accessToken });
  const printMail = await startPrintMailServer();
  const smsFrom = options.smsFrom ?? '+15005550006';
  const projectId = 'breach-notify-dev';
  const channels: DevProviders['channels'] = {
    email: {
      smtpUrl: smtp.url,
      from: options.emailFrom ?? '"Breach Notify (development)" <notices@localhost>',
    },
    sms: {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: smsFrom,
      apiBaseUrl: twilio.url,
      ...(options.statusCallbackUrl ? { statusCallbackUrl: options.statusCallbackUrl } : {}),
    },
    push: { projectId, credentials: { accessToken }, apiBaseUrl: fcm.url, caFile: fcm.caFile },
    letter: {
      adapter: 'print-mail-api',
      apiBaseUrl: printMail.url,
      apiKey: printMail.apiKey,
      webhookSecret: printMail.webhookSecret,
      returnAddress: DEV_RETURN_ADDRESS,
    },
    voice: {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: smsFrom,
      apiBaseUrl: twilio.url,
      ...(options.voiceStatusCallbackUrl ? { statusCallbackUrl: options.voiceStatusCallbackUrl } : {}),
    },
  };
  const env: Record<string, string> = {
    SMTP_URL: smtp.url,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: smsFrom,
    TWILIO_API_BASE_URL: twilio.url,
    FCM_PROJECT_ID: projectId,
    FCM_CREDENTIALS: JSON.stringify({ accessToken }),
    FCM_API_BASE_URL: fcm.url,
    FCM_CA_FILE: fcm.caFile,
    LETTER_ADAPTER: 'print-mail-api',
    PRINT_MAIL_API_URL: printMail.url,
    PRINT_MAIL_API_KEY: printMail.apiKey,
    PRINT_MAIL_WEBHOOK_SECRET: printMail.webhookSecret,
    LETTER_RETURN_ADDRESS: JSON.stringify(DEV_RETURN_ADDRESS),
  };
  return {
    smtp,
    twilio,
    fcm,
    printMail,
    channels,
    env,
    async close() {
      await Promise.all([smtp.close(), twilio.close(), fcm.close(), printMail.close()]);
    },
  };
}
