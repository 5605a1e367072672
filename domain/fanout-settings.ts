// How a notice fan-out walks the affected set and retries its sends: read by the worker from its
// configuration (the FANOUT_* variables), handed to the fan-out workflow when it starts, and read by
// the page activities. One shape for all three, so a setting cannot mean two things.
import type { NoticePolicy } from './fallback.js';
import type { QuietHours } from './quiet/quiet-hours.js';

export interface FanoutSettings {
  /** People per page activity. */
  pageSize: number;
  /** Page activities in flight at once per lane. */
  window: number;
  /** Pages per workflow run before it continues as new, which keeps every history short. */
  pagesPerRun: number;
  /** A claim whose outcome was not recorded for this long is taken over (its worker died). */
  reclaimAfterMs: number;
  /** After this many attempts of a page a retryable failure counts as permanent and the next channel is tried. */
  maxSendAttempts: number;
  // Optional: fan-outs started before these settings existed replay without them.
  /** The channel order per severity (NOTICE_ORDER_HIGH / NOTICE_ORDER_DEFAULT). */
  orders?: { high: NoticePolicy; default: NoticePolicy };
  /** SMS and calls are held outside these local hours of the person; absent: never held. */
  quietHours?: QuietHours;
  /** Calls again after `busy` or `no-answer` before the next channel; 0 or absent: none. */
  voiceRetries?: number;
  voiceRetryAfterMs?: number;
}
