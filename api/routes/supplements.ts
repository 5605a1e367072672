import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DataCategory, type IncidentFacts } from '../../domain/incident.js';
import { IncidentTranslationsInput, supplementTranslations } from '../../domain/incident-translations.js';
import { incidentWorkflowId, supplementUpdate } from '../../workflows/incident-messages.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { conflict } from '../errors.js';
import { loadIncident, queryIncidentState, runUpdate, type IncidentDeps } from '../incidents.js';
import { IncidentParams } from './incident-params.js';
import { errorResponses, SupplementAnswer } from '../schemas.js';

const CHANGES = ['description', 'measuresTaken', 'userActions', 'dataCategories'] as const;

/** New facts for a follow-up notice; what is left out stays as it was. */
const SupplementBody = z
  .object({
    description: z.string().trim().min(10).max(20_000).optional(),
    measuresTaken: z.string().trim().min(1).max(10_000).optional(),
    userActions: z.array(z.string().trim().min(1).max(1_000)).max(30).optional(),
    dataCategories: z.array(DataCategory).min(1).optional(),
    /** Translations of the new text (or of text left as it was), keyed by locale. */
    translations: IncidentTranslationsInput.optional(),
    note: z.string().trim().min(3).max(2_000),
  })
  .strict()
  .refine((b) => b.description || b.measuresTaken || b.userActions || b.dataCategories, {
    message: 'give at least one of description, measuresTaken, userActions, dataCategories',
  })
  // The refinement above, as JSON Schema can say it.
  .meta({ anyOf: CHANGES.map((field) => ({ required: [field] })) });

/** A supplemental notice: new facts go into the ledger, then the workflow sends the next notice version. */
export function supplementRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const responder = requireRole(keys, 'responder');
  return async (app) => {
    app.post(
      '/v1/incidents/:id/updates',
      {
        onRequest: responder,
        schema: {
          tags: ['notices'],
          summary: 'Send a supplemental notice with new facts',
          params: IncidentParams,
          body: SupplementBody,
          response: { 202: SupplementAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const incident = await loadIncident(deps, id);
        const state = await queryIncidentState(deps, id);
        if (state?.phase !== 'monitoring') {
          throw conflict(
            `a supplemental notice follows the first notices; incident ${id} is ${state?.phase ?? incident.phase}`,
          );
        }
        const { note, translations: _, ...changes } = request.body;
        const at = new Date().toISOString();
        const { translations: __, ...unchanged } = incident.facts;
        // A rewritten field's old translations go: they say what the notice no longer says.
        const translations = supplementTranslations(incident.facts.translations, request.body);
        const facts: IncidentFacts = { ...unchanged, ...changes, ...(translations ? { translations } : {}) };
        await deps.ledger.updateIncidentFacts(id, facts, at);
        let version: number;
        try {
          version = await runUpdate(id, () =>
            deps.client.workflow.getHandle(incidentWorkflowId(id)).executeUpdate(supplementUpdate, {
              args: [
                {
                  by: actorOf(request),
                  note,
                  ...(changes.dataCategories ? { dataCategories: changes.dataCategories } : {}),
                },
              ],
            }),
          );
        } catch (err) {
          // Refused: the facts go back to what the notices already sent said.
          await deps.ledger.updateIncidentFacts(id, incident.facts, new Date().toISOString());
          throw err;
        }
        await deps.ledger.appendAudit({
          incidentId: id,
          at,
          actor: actorOf(request),
          action: 'incident:supplemental_notice',
          reason: note,
          details: {
            noticeVersion: version,
            changed: Object.keys(changes),
            translated: Object.keys(request.body.translations ?? {}),
          },
        });
        return reply.status(202).send({ id, noticeVersion: version });
      },
    );
  };
}
