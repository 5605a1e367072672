import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import { loadIncident, type IncidentDeps } from '../incidents.js';
import { IncidentParams } from './incident-params.js';
import { AuditList, errorResponses } from '../schemas.js';

/** The append-only record of every decision, approval and send step: what an auditor asks to see later. */
export function auditRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const reader = requireRole(keys, 'responder', 'approver');
  return async (app) => {
    app.get(
      '/v1/incidents/:id/audit',
      {
        onRequest: reader,
        schema: {
          tags: ['incidents'],
          summary: "The incident's audit log, oldest first",
          params: IncidentParams,
          response: { 200: AuditList, ...errorResponses() },
        },
      },
      async (request) => {
        await loadIncident(deps, request.params.id);
        return { items: await deps.ledger.listAudit(request.params.id) };
      },
    );
  };
}
