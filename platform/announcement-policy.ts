// The announcement's thresholds and prices from configuration, as the incident workflow receives them in
// its input: read once when the incident opens, so its decisions replay the same.
import type { AnnouncementPolicy } from '../domain/announcement/decision.js';
import type { Config } from './config.js';

export function announcementPolicyOf(config: Config): AnnouncementPolicy {
  return {
    unreachableShare: config.ANNOUNCEMENT_UNREACHABLE_SHARE,
    ...(config.ANNOUNCEMENT_UNREACHABLE_COUNT !== undefined
      ? { unreachableCount: config.ANNOUNCEMENT_UNREACHABLE_COUNT }
      : {}),
    defaultDays: config.ANNOUNCEMENT_DEFAULT_DAYS,
    costUsd: {
      email: config.NOTICE_COST_EMAIL_USD,
      sms: config.NOTICE_COST_SMS_USD,
      push: config.NOTICE_COST_PUSH_USD,
      letter: config.NOTICE_COST_LETTER_USD,
      voice: config.NOTICE_COST_VOICE_USD,
    },
  };
}
