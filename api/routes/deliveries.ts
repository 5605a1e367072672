import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoticeChannel } from '../../domain/fallback.js';
import { DELIVERY_STATUSES, InvalidCursorError } from '../../store/ledger.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import { loadIncident, type IncidentDeps } from '../incidents.js';
import { IncidentParams } from './incident-params.js';
import { DeliveryPage, errorResponses } from '../schemas.js';

const Query = z.object({
  channel: NoticeChannel.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  noticeVersion: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
});

/** The delivery ledger of an incident, page by page: proof of who was sent what, by userId only. */
export function deliveryRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const reader = requireRole(keys, 'responder', 'approver');
  return async (app) => {
    app.get(
      '/v1/incidents/:id/deliveries',
      {
        onRequest: reader,
        schema: {
          tags: ['notices'],
          summary: 'Page through deliveries',
          params: IncidentParams,
          querystring: Query,
          response: { 200: DeliveryPage, ...errorResponses() },
        },
      },
      async (request) => {
        await loadIncident(deps, request.params.id);
        try {
          const page = await deps.ledger.pageDeliveries(request.params.id, request.query);
          return {
            items: page.items.map((d) => ({
              userId: d.userId,
              channel: d.channel,
              noticeVersion: d.noticeVersion,
              status: d.status,
              providerId: d.providerId,
              errorCode: d.errorCode,
              attempts: d.attempts,
              possibleDuplicate: d.possibleDuplicate,
              acceptedAt: d.acceptedAt,
              updatedAt: d.updatedAt,
            })),
            nextCursor: page.nextCursor ?? null,
          };
        } catch (err) {
          if (err instanceof InvalidCursorError) {
            throw new HttpError(400, 'invalid_request', 'Invalid cursor', [
              { path: 'cursor', message: 'not a cursor this API issued' },
            ]);
          }
          throw err;
        }
      },
    );
  };
}
