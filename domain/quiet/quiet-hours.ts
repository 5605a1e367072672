// Quiet hours: SMS and calls reach a person only between the configured local hours (by default
// 08:00 to 21:00, the TCPA's window). Pure: the page activity asks which people to hold and until
// when, and the fan-out workflow sleeps until the earliest of those instants.
import { z } from 'zod';
import { localToUtc, utcToLocal, DAY_MS } from '../calendar/zones.js';
import type { NoticeChannel } from '../fallback.js';
import { zoneOfPerson } from './person-zone.js';

const QUIET_CHANNELS: ReadonlySet<string> = new Set(['sms', 'voice']);

/** Whether a channel rings the person's phone, and so waits for their quiet hours to end. */
export function heldInQuietHours(channel: NoticeChannel): boolean {
  return QUIET_CHANNELS.has(channel);
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "21:00" as minutes after midnight. */
export const ClockTime = z
  .string()
  .regex(HHMM, 'must be a local time HH:MM, e.g. 21:00')
  .transform((v) => {
    const [, h, m] = HHMM.exec(v)!;
    return Number(h) * 60 + Number(m);
  });

export interface QuietHours {
  /** Minutes after local midnight when quiet hours begin (e.g. 21:00). */
  startMinute: number;
  /** Minutes after local midnight when they end and sends may go out again (e.g. 08:00). */
  endMinute: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startMinute: 21 * 60, endMinute: 8 * 60 };

function inQuiet(q: QuietHours, minute: number): boolean {
  if (q.startMinute === q.endMinute) return false;
  return q.startMinute > q.endMinute
    ? minute >= q.startMinute || minute < q.endMinute
    : minute >= q.startMinute && minute < q.endMinute;
}

/**
 * When a send to this person may go out: undefined when it may go now, else the UTC instant (ms)
 * at which their local quiet hours end.
 */
export function quietUntil(
  q: QuietHours,
  person: { country?: string; region?: string },
  nowMs: number,
): number | undefined {
  const zone = zoneOfPerson(person);
  const local = utcToLocal(zone, nowMs);
  const minute = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  if (!inQuiet(q, minute)) return undefined;
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const endToday = midnight + q.endMinute * 60_000;
  const end = minute < q.endMinute ? endToday : endToday + DAY_MS;
  return localToUtc(zone, end);
}
