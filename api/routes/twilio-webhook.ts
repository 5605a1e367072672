import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  TwilioStatusCallback,
  twilioDeliveryState,
  verifyTwilioCallback,
} from '../../activities/channels/sms.js';
import type { Ledger } from '../../store/ledger.js';
import { HttpError, issuesFromZod } from '../errors.js';

export interface TwilioWebhookOptions {
  ledger: Ledger;
  authToken: string;
  /** The public URL Twilio posts to: the signature covers it, so it must be exactly what Twilio was given. */
  callbackUrl: string;
}

export const TWILIO_STATUS_PATH = '/webhooks/twilio/status';

/** Delivery receipts for SMS: signed by Twilio, recorded against the delivery by the message's sid. */
export function twilioWebhookRoutes(opts: TwilioWebhookOptions): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(formbody);
    app.post(
      TWILIO_STATUS_PATH,
      { schema: { tags: ['webhooks'], summary: 'Twilio message status callback' } },
      async (request, reply) => {
        const params = Object.fromEntries(
          Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        );
        const signature = request.headers['x-twilio-signature'];
        if (
          !verifyTwilioCallback(
            opts.callbackUrl,
            params,
            typeof signature === 'string' ? signature : undefined,
            opts.authToken,
          )
        ) {
          throw new HttpError(403, 'forbidden', 'X-Twilio-Signature does not match this request');
        }
        const parsed = TwilioStatusCallback.safeParse(params);
        if (!parsed.success)
          throw new HttpError(400, 'invalid_request', 'Invalid status callback', issuesFromZod(parsed.error));
        const callback = parsed.data;
        const state = twilioDeliveryState(callback.MessageStatus);
        if (state === 'delivered') {
          await opts.ledger.recordDeliveryOutcomeByProviderId('sms', callback.MessageSid, {
            status: 'delivered',
          });
        } else if (state === 'failed') {
          await opts.ledger.recordDeliveryOutcomeByProviderId('sms', callback.MessageSid, {
            status: 'failed_permanent',
            ...(callback.ErrorCode !== undefined ? { errorCode: String(callback.ErrorCode) } : {}),
            errorMessage: `twilio: ${callback.MessageStatus}`,
          });
        }
        return reply.status(204).send();
      },
    );
  };
}
