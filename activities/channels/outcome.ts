/**
 * How the provider answered one item of a batch:
 * - `accepted`: the provider took it (delivery may still fail later, e.g. an SMS status callback);
 * - `retryable`: try again later (rate limits, outages, our own configuration being wrong);
 * - `permanent`: this recipient cannot be reached this way; do not retry.
 */
export type SendOutcome = 'accepted' | 'retryable' | 'permanent';

export interface SendResult {
  /** The caller's key for the item, echoed back. */
  key: string;
  outcome: SendOutcome;
  /** The provider's id for the accepted message: SMTP Message-ID, Twilio `SM…` sid, FCM message name. */
  providerId?: string;
  /** The provider's code for a failure: SMTP reply code, Twilio error code, firebase-admin error code. */
  code?: string;
  message?: string;
  /** The provider asked us to wait this long before retrying. */
  retryAfterMs?: number;
  /** Push only: the registration token is dead and must not be used again. */
  deadToken?: boolean;
  /** Letters only: the date the print-and-mail provider expects the letter to arrive (YYYY-MM-DD). */
  expectedDeliveryDate?: string;
  /** Letters only: SHA-256 of the PDF sent. */
  contentHash?: string;
}

/** Runs `fn` over the items with at most `limit` in flight, keeping the order of the results. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Error text for a result, cut so one odd provider answer cannot bloat workflow history. */
export function shortMessage(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
