/**
 * The three channels a notice goes out through. Each is built from explicit configuration (the
 * worker reads the environment, not these modules), sends a batch per call with bounded
 * concurrency, and answers one `SendResult` per item, in order.
 */
import { EmailChannel, type EmailConfig } from './email.js';
import { PushChannel, type PushConfig } from './push.js';
import { SmsChannel, type SmsConfig } from './sms.js';

export type { ChannelName, SendOutcome, SendResult } from './outcome.js';
export { EmailChannel, noticeMessageId, type EmailConfig, type EmailItem } from './email.js';
export {
  SmsChannel,
  verifyTwilioCallback,
  TwilioStatusCallback,
  twilioDeliveryState,
  type SmsConfig,
  type SmsItem,
} from './sms.js';
export { PushChannel, PUSH_BATCH_MAX, type PushConfig, type PushItem } from './push.js';

export interface ChannelsConfig {
  email?: EmailConfig;
  sms?: SmsConfig;
  push?: PushConfig;
}

export interface Channels {
  email?: EmailChannel;
  sms?: SmsChannel;
  push?: PushChannel;
  /** Closes pooled connections; call on worker shutdown. */
  close(): Promise<void>;
}

/** Builds the configured channels; a channel without configuration is absent. */
export function createChannels(config: ChannelsConfig): Channels {
  const email = config.email ? new EmailChannel(config.email) : undefined;
  const sms = config.sms ? new SmsChannel(config.sms) : undefined;
  const push = config.push ? new PushChannel(config.push) : undefined;
  return {
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
    ...(push ? { push } : {}),
    async close() {
      email?.close();
      await push?.close();
    },
  };
}
