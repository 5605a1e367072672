// The print-and-mail provider's letter webhooks, as both sides know them: the letter channel sends a
// sealed delivery reference as the letter's metadata, the API's webhook checks what comes back.
// Lob's scheme: Lob-Signature = hex HMAC-SHA256 of `<Lob-Signature-Timestamp>.<raw body>`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** How far a webhook's timestamp may be from now: an old signed body replayed is refused. */
export const LETTER_WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

export function verifyLetterWebhook(
  rawBody: string,
  timestamp: string | undefined,
  signature: string | undefined,
  secret: string,
  now = Date.now(),
): boolean {
  if (!timestamp || !signature || !/^\d{10,16}$/.test(timestamp)) return false;
  // Lob sends milliseconds; seconds are accepted too.
  const at = timestamp.length <= 10 ? Number(timestamp) * 1000 : Number(timestamp);
  if (Math.abs(now - at) > LETTER_WEBHOOK_TOLERANCE_MS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const LETTER_EVENT_TYPES = [
  'letter.created',
  'letter.rendered_pdf',
  'letter.mailed',
  'letter.in_transit',
  'letter.in_local_area',
  'letter.processed_for_delivery',
  'letter.re-routed',
  'letter.delivered',
  'letter.returned_to_sender',
] as const;

export const LetterWebhook = z.looseObject({
  id: z.string().max(100),
  event_type: z.looseObject({ id: z.string().max(100) }),
  body: z.looseObject({
    id: z.string().regex(/^ltr_[0-9a-zA-Z]{1,60}$/),
    metadata: z.record(z.string(), z.string().max(1000)).optional(),
  }),
});
export type LetterWebhook = z.output<typeof LetterWebhook>;

/** What an event means for the notice: on its way, arrived, or not (returned: the next channel is due). */
export function letterDeliveryState(eventType: string): 'pending' | 'delivered' | 'failed' {
  if (eventType === 'letter.delivered') return 'delivered';
  if (eventType === 'letter.returned_to_sender') return 'failed';
  return 'pending';
}
