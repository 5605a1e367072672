import { CALENDARS, type CountryCalendar } from './holidays.js';
import { DAY_MS, localToUtc, utcToLocal } from './zones.js';

/**
 * Deadline arithmetic on UTC instants.
 *
 * Choices, so that a deadline shown is never later than the law's:
 * - hours and calendar days count from the clock-start instant (72 h, or 3 × 24 h), not to the end of a day;
 * - business days are counted in the country's calendar: day 1 is the first working day after the local date of
 *   the clock start, and the deadline falls on the Nth working day at the same local time of day as the start;
 * - a year without holiday data counts weekends only (earlier, never later) and says so in `holidayDataMissing`.
 * Months add calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
 */

export function calendarFor(country: string): CountryCalendar {
  const calendar = CALENDARS[country.toUpperCase()];
  if (!calendar) throw new Error(`no business-day calendar for country ${country}`);
  return calendar;
}

export function hasCalendar(country: string): boolean {
  return CALENDARS[country.toUpperCase()] !== undefined;
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

interface DayStatus {
  working: boolean;
  /** True when the year has no holiday data, so only weekends were known. */
  unknownYear: boolean;
}

function dayStatus(calendar: CountryCalendar, dayNumber: number): DayStatus {
  const date = isoDate(dayNumber);
  const year = calendar.years[Number(date.slice(0, 4))];
  if (year?.workingDays?.some(([d]) => d === date)) return { working: true, unknownYear: false };
  if (year?.holidays.some(([d]) => d === date)) return { working: false, unknownYear: false };
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return { working: !calendar.weekend.includes(weekday), unknownYear: year === undefined };
}

/** Whether the local date (YYYY-MM-DD) is a working day in the country. */
export function isBusinessDay(country: string, date: string): boolean {
  return dayStatus(calendarFor(country), Date.parse(`${date}T00:00:00Z`) / DAY_MS).working;
}

/** The local date (YYYY-MM-DD) of an instant in the country's calendar zone. */
export function localDate(country: string, instant: string): string {
  return new Date(utcToLocal(calendarFor(country).zone, Date.parse(instant))).toISOString().slice(0, 10);
}

export interface BusinessDayResult {
  dueAt: string;
  /** Years crossed whose holidays are not in the data: the count used weekends only. */
  holidayDataMissing: number[];
}

export function addBusinessDays(country: string, start: string, days: number): BusinessDayResult {
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`business days must be a whole number, got ${days}`);
  const calendar = calendarFor(country);
  const local = utcToLocal(calendar.zone, Date.parse(start));
  let day = Math.floor(local / DAY_MS);
  const timeOfDay = local - day * DAY_MS;
  const missing = new Set<number>();
  let counted = 0;
  while (counted < days) {
    day += 1;
    const status = dayStatus(calendar, day);
    if (status.unknownYear) missing.add(new Date(day * DAY_MS).getUTCFullYear());
    if (status.working) counted += 1;
  }
  const dueAt = new Date(localToUtc(calendar.zone, day * DAY_MS + timeOfDay)).toISOString();
  return { dueAt, holidayDataMissing: [...missing].sort() };
}

export function addHours(start: string, hours: number): string {
  return new Date(Date.parse(start) + hours * 3_600_000).toISOString();
}

export function addCalendarDays(start: string, days: number): string {
  return new Date(Date.parse(start) + days * DAY_MS).toISOString();
}

export function addMonths(start: string, months: number): string {
  const d = new Date(Date.parse(start));
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const result = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      targetMonth,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  return result.toISOString();
}
