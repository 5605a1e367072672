import type { NoticeHeading } from './document.js';
import { foldToGsm, SMS_MAX_SEGMENTS, smsSegments } from './sms.js';
import { fill, truncate } from './text.js';

/**
 * The SMS written for one link of a shape, split around that link: every other link of the shape
 * gets the same text around it (its letters and digits are plain GSM-7, so folding treats them alike).
 */
const smsFrames = new Map<string, string[]>();

/**
 * The SMS: the template's frame, the link in full, and as much of the incident title as fits in two
 * segments. The title is what gets cut, never the link.
 */
export function smsText(heading: NoticeHeading, noticeUrl: string, supplemental: boolean): string {
  const { template: t, org, title: summary } = heading;
  const frame = supplemental ? t.sms.supplemental : t.sms.full;
  const ended = (s: string) => (/[\p{L}\p{N}]$/u.test(s) ? s + t.sms.summaryEnd : s);
  const compose = (s: string) =>
    foldToGsm(fill(frame, { org, summary: ended(s), url: noticeUrl }).replace(/ {2,}/g, ' '));
  const fits = (text: string) => smsSegments(text) <= SMS_MAX_SEGMENTS;

  // Every person of an incident gets the same text but for the link, whose letters and digits all
  // count alike: the text written around one link of a shape holds for every link of that shape.
  const shape = [frame, t.sms.summaryEnd, org, summary, noticeUrl.replace(/[A-Za-z0-9]/g, 'a')].join(
    '\u0000',
  );
  const known = smsFrames.get(shape);
  if (known) return known.join(noticeUrl);
  const text = smsTextSearched(summary, compose, fits, () =>
    foldToGsm(fill(t.sms.short, { url: noticeUrl })),
  );
  const parts = text.split(noticeUrl);
  // Kept only when the link stands unchanged in the text, however often.
  if (parts.length > 1) {
    if (smsFrames.size >= 1000) smsFrames.clear();
    smsFrames.set(shape, parts);
  }
  return text;
}

function smsTextSearched(
  summary: string,
  compose: (summary: string) => string,
  fits: (text: string) => boolean,
  short: () => string,
): string {
  const chars = Array.from(summary);
  const whole = compose(summary);
  if (fits(whole)) return whole;
  // Shortest-first search for the longest summary prefix that fits; fitting only gets easier as it shrinks.
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(compose(truncate(summary, mid)))) lo = mid;
    else hi = mid - 1;
  }
  if (lo >= 8) return compose(truncate(summary, lo));
  const text = short();
  if (fits(text)) return text;
  throw new Error(`notice link is too long for an SMS of ${SMS_MAX_SEGMENTS} segments`);
}
