// When and in which order notices go out, from the environment: the channel order per severity
// (NOTICE_ORDER_*), the quiet hours of SMS and calls (QUIET_HOURS_*), and how often an unanswered
// call is tried again (VOICE_RETRIES, VOICE_RETRY_AFTER). Read by the worker with the fan-out
// settings and handed to the fan-out workflow, which holds its timers by them.
import { z } from 'zod';
import { DEFAULT_NOTICE_ORDERS, NoticeOrderText, type NoticeOrders } from '../domain/notice-order.js';
import { ClockTime, DEFAULT_QUIET_HOURS, type QuietHours } from '../domain/quiet/quiet-hours.js';
import type { NoticeChannel, NoticePolicy } from '../domain/fallback.js';
import { optionalString, readEnv } from './env.js';

/** `90m`, `2h`, `1d` or plain milliseconds. */
export const Duration = z
  .string()
  .trim()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'must be a duration such as 90m, 2h or 1d')
  .transform((v) => {
    const m = /^(\d+)(ms|s|m|h|d)?$/.exec(v)!;
    const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    return Number(m[1]) * (units[m[2] ?? 'ms'] ?? 1);
  });

const TimingEnv = {
  NOTICE_ORDER_HIGH: optionalString.pipe(NoticeOrderText.optional()),
  NOTICE_ORDER_DEFAULT: optionalString.pipe(NoticeOrderText.optional()),
  QUIET_HOURS_START: optionalString.pipe(ClockTime.optional()),
  QUIET_HOURS_END: optionalString.pipe(ClockTime.optional()),
  /** `off`: SMS and calls go out at any hour. */
  QUIET_HOURS: z.enum(['on', 'off']).default('on'),
  VOICE_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  VOICE_RETRY_AFTER: optionalString.pipe(Duration.optional()),
};

export interface NoticeTiming {
  orders: NoticeOrders;
  /** Absent: no quiet hours. */
  quietHours?: QuietHours;
  /** Calls again after `busy` or `no-answer`, before the next channel is tried. */
  voiceRetries: number;
  voiceRetryAfterMs: number;
}

/**
 * `configured`: which channels the worker has; the default orders keep only those (a lane for a
 * channel nobody configured would walk everyone to find nothing to send). An order set in the
 * environment is kept as written: its unconfigured channels are recorded as such per person.
 */
export function loadNoticeTiming(
  env: NodeJS.ProcessEnv = process.env,
  configured: (channel: NoticeChannel) => boolean = () => true,
): NoticeTiming {
  const e = readEnv(TimingEnv, env);
  const usable = (p: NoticePolicy): NoticePolicy => {
    const order = p.order.filter(configured);
    return order.length ? { ...p, order } : p;
  };
  return {
    orders: {
      high: e.NOTICE_ORDER_HIGH ?? usable(DEFAULT_NOTICE_ORDERS.high),
      default: e.NOTICE_ORDER_DEFAULT ?? usable(DEFAULT_NOTICE_ORDERS.default),
    },
    ...(e.QUIET_HOURS === 'on'
      ? {
          quietHours: {
            startMinute: e.QUIET_HOURS_START ?? DEFAULT_QUIET_HOURS.startMinute,
            endMinute: e.QUIET_HOURS_END ?? DEFAULT_QUIET_HOURS.endMinute,
          },
        }
      : {}),
    voiceRetries: e.VOICE_RETRIES,
    voiceRetryAfterMs: e.VOICE_RETRY_AFTER ?? 2 * 3_600_000,
  };
}
