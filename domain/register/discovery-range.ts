// Which incidents a register extract covers: those discovered within [from, to]. A plain date as `to`
// means the whole of that day (UTC), so `from=2026-01-01&to=2026-12-31` is the calendar year.
import { z } from 'zod';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const RegisterBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date (2026-11-20) or an ISO 8601 date-time (2026-11-20T08:30:00Z)',
});

export interface DiscoveryRange {
  from?: string;
  to?: string;
}

/** Milliseconds: from inclusive, to exclusive. */
export function rangeBounds(range: DiscoveryRange): { fromMs: number; toMs: number } {
  const fromMs = range.from ? Date.parse(range.from) : -Infinity;
  const to = range.to;
  const toMs = !to ? Infinity : DATE_ONLY.test(to) ? Date.parse(to) + DAY_MS : Date.parse(to) + 1;
  return { fromMs, toMs };
}

export function inDiscoveryRange(discoveredAt: string, range: DiscoveryRange): boolean {
  const { fromMs, toMs } = rangeBounds(range);
  const at = Date.parse(discoveredAt);
  return at >= fromMs && at < toMs;
}
