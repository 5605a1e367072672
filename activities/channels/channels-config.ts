// What each channel needs to reach its provider; a channel left out is not configured.
import type { EmailConfig } from './email.js';
import type { PushConfig } from './push.js';
import type { SmsConfig } from './sms.js';

export interface ChannelsConfig {
  email?: EmailConfig;
  sms?: SmsConfig;
  push?: PushConfig;
}
