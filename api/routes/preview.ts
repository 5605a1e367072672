import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import type { IncidentDeps } from '../incidents.js';
import { incidentPreview, type PreviewChannels } from '../preview.js';
import { IncidentPreview } from '../preview-schema.js';
import { errorResponses } from '../schemas.js';
import { IncidentParams } from './incident-params.js';

export function previewRoutes(
  deps: IncidentDeps,
  channels: PreviewChannels,
  keys: readonly ApiKeyEntry[],
): FastifyPluginAsyncZod {
  const reader = requireRole(keys, 'responder', 'approver');
  return async (app) => {
    app.get(
      '/v1/incidents/:id/preview',
      {
        onRequest: reader,
        schema: {
          tags: ['incidents'],
          summary: 'Dry run of the notices: planned sends, costs, time, obligations, sample notices',
          params: IncidentParams,
          response: { 200: IncidentPreview, ...errorResponses() },
        },
      },
      async (request) => incidentPreview(deps, channels, request.params.id),
    );
  };
}
