// Quiet hours and the configured channel order, as pure decisions.
import { describe, expect, it } from 'vitest';
import { defaultNoticePolicy } from '../domain/fallback.js';
import { NoticeOrderText } from '../domain/notice-order.js';
import { zoneOfPerson } from '../domain/quiet/person-zone.js';
import { DEFAULT_QUIET_HOURS, heldInQuietHours, quietUntil } from '../domain/quiet/quiet-hours.js';
import { loadNoticeTiming } from '../platform/notice-timing-config.js';

const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('hold an SMS to a Californian at 03:00 local until 08:00 local', () => {
    // 11:00 UTC in December is 03:00 in Los Angeles (UTC-8).
    const until = quietUntil(
      DEFAULT_QUIET_HOURS,
      { country: 'US', region: 'US-CA' },
      at('2026-12-08T11:00:00Z'),
    );
    expect(new Date(until!).toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });

  it('let sends through inside the window and hold them late in the evening until the next morning', () => {
    expect(quietUntil(DEFAULT_QUIET_HOURS, { country: 'DE' }, at('2026-07-01T10:00:00Z'))).toBeUndefined();
    // 22:30 in Berlin in summer (UTC+2) waits for 08:00 the next day.
    const until = quietUntil(DEFAULT_QUIET_HOURS, { country: 'DE' }, at('2026-07-01T20:30:00Z'));
    expect(new Date(until!).toISOString()).toBe('2026-07-02T06:00:00.000Z');
    // The window's own edges: 08:00 sends, 21:00 holds.
    expect(quietUntil(DEFAULT_QUIET_HOURS, {}, at('2026-07-01T08:00:00Z'))).toBeUndefined();
    expect(quietUntil(DEFAULT_QUIET_HOURS, {}, at('2026-07-01T21:00:00Z'))).toBe(at('2026-07-02T08:00:00Z'));
  });

  it('place US states in their own zones, Arizona without daylight saving', () => {
    expect(zoneOfPerson({ region: 'US-NY' }).name).toBe('America/New_York');
    expect(zoneOfPerson({ region: 'US-TX' }).name).toBe('America/Chicago');
    expect(zoneOfPerson({ region: 'US-AZ' })).toMatchObject({ kind: 'fixed', offsetMinutes: -420 });
    expect(zoneOfPerson({ region: 'US-HI' }).name).toBe('Pacific/Honolulu');
    expect(zoneOfPerson({ country: 'JP' }).name).toBe('Asia/Tokyo');
    expect(zoneOfPerson({ region: 'FR-75' }).name).toBe(zoneOfPerson({ country: 'FR' }).name);
    expect(zoneOfPerson({}).name).toBe('UTC');
    // 07:30 UTC in July: 00:30 in Phoenix (held), 03:30 in New York (held), 08:30 in London (sent).
    const now = at('2026-07-01T07:30:00Z');
    expect(quietUntil(DEFAULT_QUIET_HOURS, { region: 'US-AZ' }, now)).toBe(at('2026-07-01T15:00:00Z'));
    expect(quietUntil(DEFAULT_QUIET_HOURS, { region: 'US-NY' }, now)).toBe(at('2026-07-01T12:00:00Z'));
    expect(quietUntil(DEFAULT_QUIET_HOURS, { country: 'GB' }, now)).toBeUndefined();
  });

  it('hold only the channels that ring a phone', () => {
    expect(heldInQuietHours('sms')).toBe(true);
    expect(heldInQuietHours('voice')).toBe(true);
    for (const c of ['email', 'push', 'letter'] as const) expect(heldInQuietHours(c)).toBe(false);
  });
});

describe('configured channel order', () => {
  it('parses mode:channels and names what is wrong', () => {
    expect(NoticeOrderText.parse('all:email,sms,push,voice,letter')).toEqual({
      mode: 'all',
      order: ['email', 'sms', 'push', 'voice', 'letter'],
    });
    expect(NoticeOrderText.safeParse('some:email').success).toBe(false);
    expect(NoticeOrderText.safeParse('first:email,fax').success).toBe(false);
    expect(NoticeOrderText.safeParse('first:email,email').success).toBe(false);
  });

  it('is what defaultNoticePolicy gives per severity, with quiet hours and call retries beside it', () => {
    const t = loadNoticeTiming({
      NOTICE_ORDER_HIGH: 'all:sms,voice',
      NOTICE_ORDER_DEFAULT: 'first:email,voice,letter',
      QUIET_HOURS_START: '20:30',
      QUIET_HOURS_END: '09:15',
      VOICE_RETRIES: '3',
      VOICE_RETRY_AFTER: '90m',
    });
    expect(defaultNoticePolicy('critical', t.orders)).toEqual({ mode: 'all', order: ['sms', 'voice'] });
    expect(defaultNoticePolicy('low', t.orders)).toEqual({
      mode: 'first',
      order: ['email', 'voice', 'letter'],
    });
    expect(t.quietHours).toEqual({ startMinute: 20 * 60 + 30, endMinute: 9 * 60 + 15 });
    expect(t).toMatchObject({ voiceRetries: 3, voiceRetryAfterMs: 90 * 60_000 });
    const defaults = loadNoticeTiming({});
    expect(defaults.quietHours).toEqual(DEFAULT_QUIET_HOURS);
    expect(defaults).toMatchObject({ voiceRetries: 2, voiceRetryAfterMs: 2 * 3_600_000 });
    expect(loadNoticeTiming({ QUIET_HOURS: 'off' }).quietHours).toBeUndefined();
    expect(() => loadNoticeTiming({ QUIET_HOURS_END: '8am' })).toThrow(/QUIET_HOURS_END/);
  });
});
