import formbody from '@fastify/formbody';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openDeliveryRef, type DeliveryRef } from '../../domain/delivery-ref.js';
import { noticeIncident, noticePerson } from '../../domain/notice/incident-notice.js';
import { signNoticeLink } from '../../domain/notice/link.js';
import { voiceScript } from '../../domain/notice/voice-script.js';
import {
  CALLBACK_REF_PARAM,
  TwilioCallStatusCallback,
  twilioCallState,
  verifyTwilioCallback,
} from '../../platform/twilio-callback.js';
import { voiceTwiml } from '../../platform/voice-twiml.js';
import { CALL_REPEAT_PATH } from '../../platform/voice-config.js';
import type { Ledger } from '../../store/ledger.js';
import { HttpError, issuesFromZod } from '../errors.js';
import { ErrorBody, errorResponses } from '../schemas.js';
import { calledUrl } from './twilio-webhook.js';

export interface TwilioCallRoutesOptions {
  ledger: Ledger;
  authToken: string;
  /** The public status callback URL Twilio was given (the signature covers it). */
  callbackUrl: string;
  /** The public URL the call's <Gather> posts a key press to. */
  repeatUrl: string;
  linkSecrets: readonly string[];
  /** Busy or unanswered calls are tried again this often, this long apart, before the next channel. */
  retries: number;
  retryAfterMs: number;
  /** To read the script again: where notice links point and how long they live. */
  links: { noticeBaseUrl: string; linkSecret: string; linkTtlDays: number; callbackNumber?: string };
}

export const TWILIO_CALL_STATUS_PATH = '/webhooks/twilio/call-status';

const DAY_MS = 86_400_000;

/** The form parameters of a Twilio request, after its signature proved it came from Twilio. */
function signedParams(request: FastifyRequest, url: string, authToken: string): Record<string, string> {
  const params = Object.fromEntries(
    Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  const signature = request.headers['x-twilio-signature'];
  if (
    !verifyTwilioCallback(
      calledUrl(url, request.url),
      params,
      typeof signature === 'string' ? signature : undefined,
      authToken,
    )
  ) {
    throw new HttpError(403, 'forbidden', 'X-Twilio-Signature does not match this request');
  }
  return params;
}

function callRef(query: unknown, secrets: readonly string[]): DeliveryRef | undefined {
  const token = (query as Record<string, unknown> | undefined)?.[CALLBACK_REF_PARAM];
  const ref = typeof token === 'string' ? openDeliveryRef(token, secrets) : undefined;
  return ref?.channel === 'voice' ? ref : undefined;
}

const webhook = <R extends Record<number, z.ZodType>>(summary: string, ok: R) => ({
  schema: {
    tags: ['webhooks'],
    summary,
    description: 'Authenticated by X-Twilio-Signature, not by an API key.',
    security: [],
    response: {
      ...errorResponses({ public: true, body: true }),
      ...ok,
      403: ErrorBody.describe('X-Twilio-Signature does not match'),
    },
  },
});

/** Call receipts (recorded; busy and no-answer scheduled again) and the key that repeats the script. */
export function twilioCallRoutes(opts: TwilioCallRoutesOptions): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(formbody);
    app.post(
      TWILIO_CALL_STATUS_PATH,
      webhook('Twilio call status callback', { 204: z.void().describe('Recorded') }),
      async (request, reply) => {
        const params = signedParams(request, opts.callbackUrl, opts.authToken);
        const parsed = TwilioCallStatusCallback.safeParse(params);
        if (!parsed.success)
          throw new HttpError(
            400,
            'invalid_request',
            'Invalid call status callback',
            issuesFromZod(parsed.error),
          );
        const { CallSid: sid, CallStatus: status, ErrorCode: code } = parsed.data;
        const state = twilioCallState(status);
        const key = callRef(request.query, opts.linkSecrets);
        if (state === 'delivered') {
          await opts.ledger.recordProviderCallback(
            'voice',
            sid,
            { status: 'delivered', providerId: sid },
            key,
          );
        } else if (state === 'failed') {
          await opts.ledger.recordProviderCallback(
            'voice',
            sid,
            {
              status: 'failed_permanent',
              ...(code !== undefined ? { errorCode: String(code) } : {}),
              errorMessage: `twilio: call ${status}`,
            },
            key,
          );
        } else if (state === 'unanswered') {
          if (key) {
            await opts.ledger.recordUnansweredCall(key, sid, {
              status,
              retries: opts.retries,
              retryAfterMs: opts.retryAfterMs,
            });
          } else
            request.log.warn('Twilio call status: no delivery reference; an unanswered call is not retried');
        }
        return reply.status(204).send();
      },
    );

    app.post(
      CALL_REPEAT_PATH,
      webhook('Twilio call key press: reads the notice again', {
        200: z.string().describe('TwiML'),
      }),
      async (request, reply) => {
        const params = signedParams(request, opts.repeatUrl, opts.authToken);
        const key = callRef(request.query, opts.linkSecrets);
        const [incident, person] = key
          ? await Promise.all([
              opts.ledger.getIncident(key.incidentId),
              opts.ledger.getAffectedUser(key.incidentId, key.userId),
            ])
          : [undefined, undefined];
        if (!key || !incident || !person || person.purged)
          throw new HttpError(404, 'not_found', 'This call has no notice to read again');
        const { links } = opts;
        const token = signNoticeLink(
          {
            incidentId: key.incidentId,
            linkRef: person.linkRef,
            noticeVersion: key.noticeVersion,
            expiresAt: new Date(Date.now() + links.linkTtlDays * DAY_MS),
          },
          links.linkSecret,
        );
        const script = voiceScript(
          {
            incident: noticeIncident(incident.facts),
            noticeVersion: key.noticeVersion,
            locale: person.locale,
            person: noticePerson(person),
            noticeUrl: `${links.noticeBaseUrl}/n/${token}`,
          },
          links.callbackNumber,
        );
        // Any key reads it again (Digits is all the form says); the next press comes back here.
        request.log.debug({ digits: params.Digits }, 'call asks for the notice again');
        return reply.type('text/xml').send(voiceTwiml(script, calledUrl(opts.repeatUrl, request.url)));
      },
    );
  };
}
