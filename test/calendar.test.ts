import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  addMonths,
  isBusinessDay,
  localDate,
} from '../domain/calendar/business-days.js';
import { CALENDARS } from '../domain/calendar/holidays.js';
import { localToUtc, offsetMinutesAt } from '../domain/calendar/zones.js';

/** Anonymous Gregorian algorithm: Easter Sunday as YYYY-MM-DD, to cross-check the holiday data. */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}
const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

const REQUIRED = ['US', 'GB', 'DE', 'FR', 'IE', 'NL', 'ES', 'IT', 'CN', 'AU', 'CA', 'SG', 'BR', 'JP', 'IN'];

describe('holiday data', () => {
  it('covers 2026 and 2027 for every country the rules pack touches', () => {
    for (const country of REQUIRED) {
      const calendar = CALENDARS[country];
      expect(calendar, country).toBeDefined();
      for (const year of [2026, 2027]) {
        const data = calendar!.years[year];
        expect(data, `${country} ${year}`).toBeDefined();
        for (const [date] of [...data!.holidays, ...(data!.workingDays ?? [])]) {
          expect(date.startsWith(`${year}-`), `${country} ${date}`).toBe(true);
          expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), `${country} ${date}`).toBe(date);
        }
      }
    }
  });

  it('puts the Easter holidays on the dates the Easter computation gives', () => {
    const goodFriday = ['GB', 'DE', 'ES', 'AU', 'CA', 'SG', 'BR'];
    const easterMonday = ['GB', 'DE', 'FR', 'IE', 'NL', 'IT', 'AU'];
    for (const year of [2026, 2027]) {
      const sunday = easter(year);
      for (const c of goodFriday)
        expect(isBusinessDay(c, shift(sunday, -2)), `${c} Good Friday ${year}`).toBe(false);
      for (const c of easterMonday)
        expect(isBusinessDay(c, shift(sunday, 1)), `${c} Easter Monday ${year}`).toBe(false);
      for (const c of ['DE', 'FR', 'NL']) {
        expect(isBusinessDay(c, shift(sunday, 39)), `${c} Ascension ${year}`).toBe(false);
        expect(isBusinessDay(c, shift(sunday, 50)), `${c} Whit Monday ${year}`).toBe(false);
      }
    }
    // Brazil counts Corpus Christi as a business day (optional federal day off), and Ireland Good Friday.
    expect(isBusinessDay('BR', shift(easter(2026), 60))).toBe(true);
    expect(isBusinessDay('IE', shift(easter(2026), -2))).toBe(true);
  });

  it('knows China’s weekend working days and Golden Week', () => {
    expect(isBusinessDay('CN', '2026-02-14')).toBe(true); // Saturday, make-up day
    expect(isBusinessDay('CN', '2026-10-05')).toBe(false); // Monday in Golden Week
    expect(isBusinessDay('CN', '2026-02-21')).toBe(false); // Saturday in the Spring Festival
  });
});

describe('zones', () => {
  it('follows US daylight saving on its 2026 switch dates', () => {
    const ny = CALENDARS.US!.zone;
    expect(offsetMinutesAt(ny, Date.parse('2026-03-08T06:59:00Z'))).toBe(-300);
    expect(offsetMinutesAt(ny, Date.parse('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(offsetMinutesAt(ny, Date.parse('2026-11-01T05:59:00Z'))).toBe(-240);
    expect(offsetMinutesAt(ny, Date.parse('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('follows EU summer time and the Sydney southern-hemisphere switch', () => {
    const berlin = CALENDARS.DE!.zone;
    expect(offsetMinutesAt(berlin, Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(offsetMinutesAt(berlin, Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    expect(offsetMinutesAt(berlin, Date.parse('2026-10-25T01:00:00Z'))).toBe(60);
    const sydney = CALENDARS.AU!.zone;
    expect(offsetMinutesAt(sydney, Date.parse('2026-01-15T00:00:00Z'))).toBe(660);
    expect(offsetMinutesAt(sydney, Date.parse('2026-04-04T15:59:00Z'))).toBe(660);
    expect(offsetMinutesAt(sydney, Date.parse('2026-04-04T16:00:00Z'))).toBe(600);
    expect(offsetMinutesAt(sydney, Date.parse('2026-10-03T15:59:00Z'))).toBe(600);
    expect(offsetMinutesAt(sydney, Date.parse('2026-10-03T16:00:00Z'))).toBe(660);
  });

  it('resolves the autumn overlap to the earlier instant', () => {
    const ny = CALENDARS.US!.zone;
    expect(new Date(localToUtc(ny, Date.parse('2026-11-01T01:30:00Z'))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });
});

describe('business days', () => {
  it('counts four US business days across a weekend and the March DST switch, same local time', () => {
    // Thursday 10:00 EST → Wednesday 10:00 EDT.
    expect(addBusinessDays('US', '2026-03-05T15:00:00Z', 4)).toEqual({
      dueAt: '2026-03-11T14:00:00.000Z',
      holidayDataMissing: [],
    });
  });

  it('uses the local date: 22:00 Thursday in New York is Friday in UTC', () => {
    expect(localDate('US', '2026-03-06T03:00:00Z')).toBe('2026-03-05');
    expect(addBusinessDays('US', '2026-03-06T03:00:00Z', 1).dueAt).toBe('2026-03-07T03:00:00.000Z');
  });

  it('skips federal holidays (Independence Day observed on Friday 3 July 2026)', () => {
    expect(addBusinessDays('US', '2026-07-02T16:00:00Z', 4).dueAt).toBe('2026-07-09T16:00:00.000Z');
  });

  it('skips Good Friday in Brazil', () => {
    expect(addBusinessDays('BR', '2026-04-02T12:00:00Z', 3).dueAt).toBe('2026-04-08T12:00:00.000Z');
  });

  it('starts counting on the next working day when the clock starts on a weekend', () => {
    expect(addBusinessDays('BR', '2026-03-07T12:00:00Z', 1).dueAt).toBe('2026-03-09T12:00:00.000Z');
  });

  it('counts weekends only, and says so, for a year without holiday data', () => {
    const r = addBusinessDays('US', '2028-01-13T15:00:00Z', 3);
    expect(r.holidayDataMissing).toEqual([2028]);
    // MLK Day 2028 (17 January) is unknown, so Monday counts: never later than the law.
    expect(r.dueAt).toBe('2028-01-18T15:00:00.000Z');
  });

  it('refuses a country without a calendar and a fractional count', () => {
    expect(() => addBusinessDays('XX', '2026-01-01T00:00:00Z', 1)).toThrow(/no business-day calendar/);
    expect(() => addBusinessDays('US', '2026-01-01T00:00:00Z', 1.5)).toThrow(/whole number/);
  });
});

describe('calendar arithmetic', () => {
  it('adds calendar days as 24-hour periods and clamps months to the last day', () => {
    expect(addCalendarDays('2026-05-04T09:00:00Z', 3)).toBe('2026-05-07T09:00:00.000Z');
    expect(addMonths('2026-01-31T10:00:00Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths('2026-03-02T10:00:00Z', 1)).toBe('2026-04-02T10:00:00.000Z');
  });
});
