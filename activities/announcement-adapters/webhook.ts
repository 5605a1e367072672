// Delivers an announcement version to a webhook: POST JSON with an Idempotency-Key (announcement id
// and version), so a retry after a lost answer is one publication on the receiver's side.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import type { WebhookSettings } from '../../platform/announcement-config.js';

export interface WebhookReceipt {
  status: 'delivered' | 'rejected';
  httpStatus: number;
  attempts: number;
  idempotencyKey: string;
  /** The receiver's id for the publication, when it answers with one. */
  reference: string | null;
  at: string;
}

const retryable = (status: number) => status === 429 || status >= 500;

/** Seconds or an HTTP date; capped so one activity attempt never sleeps long. */
function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(Math.max(ms, 0), 30_000) || fallback;
}

async function referenceOf(res: Response): Promise<string | null> {
  const text = await res.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { id?: unknown };
    return typeof json.id === 'string' ? json.id : null;
  } catch {
    return null;
  }
}

/**
 * 2xx: delivered. 429 and 5xx (and no answer): tried again, then a retryable failure, so Temporal
 * retries the activity. Another 4xx: the receiver refuses this body, and trying again would not
 * change that; recorded as rejected, the rest of the publication goes on.
 */
export async function deliverToWebhook(
  settings: WebhookSettings,
  idempotencyKey: string,
  payload: unknown,
): Promise<WebhookReceipt> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': idempotencyKey,
    'user-agent': 'breach-notify-announcements',
  };
  if (settings.secret) {
    headers['x-announcement-signature'] =
      `sha256=${createHmac('sha256', settings.secret).update(body).digest('hex')}`;
  }
  let last = 'no answer';
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    let wait = settings.backoffMs * 2 ** (attempt - 1);
    try {
      const res = await fetch(settings.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (res.ok || !retryable(res.status)) {
        return {
          status: res.ok ? 'delivered' : 'rejected',
          httpStatus: res.status,
          attempts: attempt,
          idempotencyKey,
          reference: await referenceOf(res),
          at: new Date().toISOString(),
        };
      }
      await res.body?.cancel();
      last = `HTTP ${res.status}`;
      wait = retryAfterMs(res.headers.get('retry-after'), wait);
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (attempt < settings.attempts) await sleep(wait);
  }
  throw ApplicationFailure.retryable(
    `announcement webhook did not accept ${idempotencyKey} after ${settings.attempts} tries: ${last}`,
    'AnnouncementWebhookUnavailable',
  );
}
