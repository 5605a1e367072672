import formbody from '@fastify/formbody';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CALLBACK_REF_PARAM,
  TwilioStatusCallback,
  twilioDeliveryState,
  verifyTwilioCallback,
} from '../../platform/twilio-callback.js';
import { openDeliveryRef } from '../../domain/delivery-ref.js';
import type { DeliveryKey, Ledger } from '../../store/ledger.js';
import { HttpError, issuesFromZod } from '../errors.js';
import { ErrorBody, errorResponses } from '../schemas.js';

export interface TwilioWebhookOptions {
  ledger: Ledger;
  authToken: string;
  /** The public URL Twilio posts to: the signature covers it, so it must be exactly what Twilio was given. */
  callbackUrl: string;
  /** The notice link secrets (newest first): the delivery references in callback URLs are sealed with them. */
  linkSecrets: readonly string[];
}

export const TWILIO_STATUS_PATH = '/webhooks/twilio/status';

/**
 * The URL Twilio called, as it signed it: our public callback URL with the query the request came
 * with (the sealed delivery reference the message was sent with).
 */
export function calledUrl(callbackUrl: string, requestUrl: string): string {
  const q = requestUrl.indexOf('?');
  if (q < 0) return callbackUrl;
  const url = new URL(callbackUrl);
  return `${url.origin}${url.pathname}${requestUrl.slice(q)}`;
}

/** Delivery receipts for SMS: signed by Twilio, recorded against the delivery their URL names. */
export function twilioWebhookRoutes(opts: TwilioWebhookOptions): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(formbody);
    app.post(
      TWILIO_STATUS_PATH,
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio message status callback',
          description: 'Authenticated by X-Twilio-Signature, not by an API key.',
          security: [],
          response: {
            ...errorResponses({ public: true, body: true }),
            204: z.void().describe('Recorded'),
            403: ErrorBody.describe('X-Twilio-Signature does not match'),
          },
        },
      },
      async (request, reply) => {
        const params = Object.fromEntries(
          Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        );
        const signature = request.headers['x-twilio-signature'];
        if (
          !verifyTwilioCallback(
            calledUrl(opts.callbackUrl, request.url),
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
        // `queued`, `sent` and the like say nothing the ledger keeps.
        if (state !== 'pending') {
          const outcome =
            state === 'delivered'
              ? { status: 'delivered' as const, providerId: callback.MessageSid }
              : {
                  status: 'failed_permanent' as const,
                  ...(callback.ErrorCode !== undefined ? { errorCode: String(callback.ErrorCode) } : {}),
                  errorMessage: `twilio: ${callback.MessageStatus}`,
                };
          const key = deliveryKeyOf(request.query, opts.linkSecrets, request.log);
          await opts.ledger.recordProviderCallback('sms', callback.MessageSid, outcome, key);
        }
        return reply.status(204).send();
      },
    );
  };
}

/**
 * The delivery the callback URL names; undefined for messages sent without a reference, and for a
 * reference that does not open: Twilio signed the URL, so the callback is genuine and its reference
 * was sealed with a secret since retired; the message's sid still finds the delivery.
 */
function deliveryKeyOf(
  query: unknown,
  secrets: readonly string[],
  log: FastifyBaseLogger,
): DeliveryKey | undefined {
  const token = (query as Record<string, unknown> | undefined)?.[CALLBACK_REF_PARAM];
  if (token === undefined) return undefined;
  const ref = typeof token === 'string' ? openDeliveryRef(token, secrets) : undefined;
  if (ref?.channel === 'sms') return ref;
  log.warn('Twilio status callback: its delivery reference does not open; finding the delivery by the sid');
  return undefined;
}
