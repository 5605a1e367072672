// Twilio's message status callback, as both sides of it know it: the SMS channel names the callback
// URL when it sends, the API's webhook checks what Twilio posts back to it. Both floors import this
// provider module, so the API needs nothing from the activities.
import twilio from 'twilio';
import { z } from 'zod';

/** The query parameter of the status callback URL that carries a message's sealed delivery reference. */
export const CALLBACK_REF_PARAM = 'd';

/** The status callback URL of one message: ours, with its reference when it has one. */
export function statusCallbackFor(url: string, ref: string | undefined): string {
  if (ref === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${CALLBACK_REF_PARAM}=${encodeURIComponent(ref)}`;
}

/**
 * Whether a status callback really came from Twilio: `X-Twilio-Signature` over the full public
 * URL Twilio called and every form parameter received (not only the ones the schema reads).
 */
export function verifyTwilioCallback(
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
  authToken: string,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export const TWILIO_MESSAGE_STATUSES = [
  'queued',
  'accepted',
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
  'receiving',
  'received',
  'partially_delivered',
] as const;

/** The fields of a Twilio message status callback we use; Twilio sends more, which pass through. */
export const TwilioStatusCallback = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  MessageStatus: z.enum(TWILIO_MESSAGE_STATUSES),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  To: z.string().max(64).optional(),
  From: z.string().max(64).optional(),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
  ErrorMessage: z.string().max(1000).optional(),
});
export type TwilioStatusCallback = z.output<typeof TwilioStatusCallback>;

/** What a callback status means for the notice: still on its way, arrived, or did not. */
export function twilioDeliveryState(
  status: TwilioStatusCallback['MessageStatus'],
): 'pending' | 'delivered' | 'failed' {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'undelivered' || status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}
