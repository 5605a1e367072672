import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openDeliveryRef } from '../../domain/delivery-ref.js';
import { LetterWebhook, letterDeliveryState, verifyLetterWebhook } from '../../platform/letter-callback.js';
import type { Ledger } from '../../store/ledger.js';
import { HttpError, issuesFromZod } from '../errors.js';
import { ErrorBody, errorResponses } from '../schemas.js';

export interface LetterWebhookOptions {
  ledger: Ledger;
  /** The secret the provider signs its webhooks with. */
  secret: string;
  /** The notice link secrets (newest first): the letters' metadata references are sealed with them. */
  linkSecrets: readonly string[];
}

export const LETTER_WEBHOOK_PATH = '/webhooks/print-mail/letters';

/** Letter receipts from the print-and-mail provider: signed, recorded against the delivery they name. */
export function letterWebhookRoutes(opts: LetterWebhookOptions): FastifyPluginAsyncZod {
  return async (app) => {
    // The signature covers the body as sent, so it is read as text (in this plugin only).
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      LETTER_WEBHOOK_PATH,
      {
        schema: {
          tags: ['webhooks'],
          summary:
            'Print-and-mail letter event (letter.mailed, letter.delivered, letter.returned_to_sender, …)',
          description: 'Authenticated by Lob-Signature and Lob-Signature-Timestamp, not by an API key.',
          security: [],
          response: {
            ...errorResponses({ public: true, body: true }),
            204: z.void().describe('Recorded'),
            403: ErrorBody.describe('Lob-Signature does not match'),
          },
        },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        if (
          !verifyLetterWebhook(raw, header('lob-signature-timestamp'), header('lob-signature'), opts.secret)
        ) {
          throw new HttpError(403, 'forbidden', 'Lob-Signature does not match this request');
        }
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'invalid_request', 'The body is not JSON');
        }
        const parsed = LetterWebhook.safeParse(json);
        if (!parsed.success)
          throw new HttpError(400, 'invalid_request', 'Invalid letter event', issuesFromZod(parsed.error));
        const event = parsed.data;
        const state = letterDeliveryState(event.event_type.id);
        if (state !== 'pending') {
          const outcome =
            state === 'delivered'
              ? { status: 'delivered' as const, providerId: event.body.id }
              : {
                  status: 'failed_permanent' as const,
                  errorCode: 'returned_to_sender',
                  errorMessage: `print-mail: ${event.event_type.id}`,
                };
          const token = event.body.metadata?.ref;
          const ref = token ? openDeliveryRef(token, opts.linkSecrets) : undefined;
          const key = ref?.channel === 'letter' ? ref : undefined;
          await opts.ledger.recordProviderCallback('letter', event.body.id, outcome, key);
        }
        return reply.status(204).send();
      },
    );
  };
}
