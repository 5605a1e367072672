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

// ---- calls ------------------------------------------------------------------------------------

/** The call progress events a notice call asks Twilio to report; only the final ones are recorded. */
export const CALL_STATUS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;

export const TWILIO_CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;

/** The fields of a Twilio call status callback we use. */
export const TwilioCallStatusCallback = z.looseObject({
  CallSid: z.string().regex(/^CA[0-9a-f]{32}$/),
  CallStatus: z.enum(TWILIO_CALL_STATUSES),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  AnsweredBy: z.string().max(64).optional(),
  CallDuration: z.string().max(16).optional(),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
});
export type TwilioCallStatusCallback = z.output<typeof TwilioCallStatusCallback>;

/**
 * What a call's status means for the notice: still ringing, heard (by a person or their answering
 * machine), worth calling again (busy, no answer), or failed for good.
 */
export function twilioCallState(
  status: TwilioCallStatusCallback['CallStatus'],
): 'pending' | 'delivered' | 'unanswered' | 'failed' {
  if (status === 'completed') return 'delivered';
  if (status === 'busy' || status === 'no-answer') return 'unanswered';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}
