// The channel order per severity as configured (NOTICE_ORDER_HIGH, NOTICE_ORDER_DEFAULT): a mode and
// the channels in order, e.g. `all:email,sms,push` or `first:email,sms,push`. Parsed once at start-up
// by the settings; defaultNoticePolicy (fallback.ts) picks one of them per incident.
import { z } from 'zod';
import { NoticePolicy } from './fallback.js';

export interface NoticeOrders {
  /** High and critical incidents. */
  high: NoticePolicy;
  /** Low and medium incidents. */
  default: NoticePolicy;
}

const EVERY_CHANNEL: NoticePolicy['order'] = ['email', 'sms', 'push', 'voice', 'letter'];

/** Every channel the service knows, cheapest first, a letter last; the default for both. */
export const DEFAULT_NOTICE_ORDERS: NoticeOrders = {
  high: { mode: 'all', order: [...EVERY_CHANNEL] },
  default: { mode: 'first', order: [...EVERY_CHANNEL] },
};

/** `mode:channel,channel,…` as a policy; the zod issues name what is wrong. */
export const NoticeOrderText = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const [mode, list, extra] = text.split(':');
    if (extra !== undefined || list === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be mode:channels, e.g. first:email,sms,push' });
      return z.NEVER;
    }
    const parsed = NoticePolicy.safeParse({
      mode: mode!.trim(),
      order: list
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'order'}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });
