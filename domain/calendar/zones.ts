/**
 * Civil time for the calendars we count business days in, as plain arithmetic.
 *
 * Why not Intl or a tz library: this code runs inside Temporal workflow code, where every replay must give the
 * same answer on every worker. The IANA data bundled with Node differs between Node builds, so the few rules we
 * need (one representative zone per country: its capital or main business city) are written out here. Rules are
 * the ones in force since 2007 (US, CA), 1996 (EU, UK, IE) and 2008 (AU), and are not meant for instants before.
 */
export type Zone =
  | { readonly kind: 'fixed'; readonly name: string; readonly offsetMinutes: number }
  /** US and Canadian DST: second Sunday of March 02:00 local to first Sunday of November 02:00 local. */
  | { readonly kind: 'north_america'; readonly name: string; readonly standardMinutes: number }
  /** EU and UK summer time: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC. */
  | { readonly kind: 'europe'; readonly name: string; readonly standardMinutes: number }
  /** South-eastern Australia: first Sunday of October 02:00 standard to first Sunday of April 03:00 daylight. */
  | { readonly kind: 'australia_southeast'; readonly name: string; readonly standardMinutes: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

/** Day of month (1-based) of the nth (1-based) given weekday (0 = Sunday) of a month; UTC date arithmetic. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - ((last - weekday + 7) % 7);
}

function isDaylight(zone: Zone, utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  switch (zone.kind) {
    case 'fixed':
      return false;
    case 'north_america': {
      const std = zone.standardMinutes * MINUTE;
      const start = Date.UTC(year, 2, nthWeekday(year, 3, 0, 2), 2) - std;
      const end = Date.UTC(year, 10, nthWeekday(year, 11, 0, 1), 2) - std - HOUR;
      return utcMs >= start && utcMs < end;
    }
    case 'europe': {
      const start = Date.UTC(year, 2, lastWeekday(year, 3, 0), 1);
      const end = Date.UTC(year, 9, lastWeekday(year, 10, 0), 1);
      return utcMs >= start && utcMs < end;
    }
    case 'australia_southeast': {
      const std = zone.standardMinutes * MINUTE;
      const end = Date.UTC(year, 3, nthWeekday(year, 4, 0, 1), 3) - std - HOUR;
      const start = Date.UTC(year, 9, nthWeekday(year, 10, 0, 1), 2) - std;
      return utcMs < end || utcMs >= start;
    }
  }
}

/** Minutes to add to UTC to get local civil time at the instant. */
export function offsetMinutesAt(zone: Zone, utcMs: number): number {
  const base = zone.kind === 'fixed' ? zone.offsetMinutes : zone.standardMinutes;
  return isDaylight(zone, utcMs) ? base + 60 : base;
}

/**
 * The UTC instant of a local wall-clock time. In the autumn overlap the earlier instant wins (the deadline is
 * never later than the law's); a time skipped in spring resolves to the instant after the jump.
 */
export function localToUtc(zone: Zone, localMs: number): number {
  const base = zone.kind === 'fixed' ? zone.offsetMinutes : zone.standardMinutes;
  for (const offset of [base + 60, base]) {
    const utc = localMs - offset * MINUTE;
    if (offsetMinutesAt(zone, utc) === offset) return utc;
  }
  return localMs - base * MINUTE;
}

export function utcToLocal(zone: Zone, utcMs: number): number {
  return utcMs + offsetMinutesAt(zone, utcMs) * MINUTE;
}
