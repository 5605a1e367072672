import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JudgementRequest, MOMENT_KINDS, recordJudgement } from '../../domain/obligations/judgement.js';
import { RULES_PACK, regimeById } from '../../domain/obligations/rules-pack.js';
import type { PayloadKeyRing } from '../../platform/codec.js';
import { decisionSigner } from '../../platform/signing.js';
import { incidentWorkflowId, recordJudgementUpdate } from '../../workflows/incident-messages.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { HttpError, issuesFromZod } from '../errors.js';
import { loadIncident, runUpdate, type IncidentDeps } from '../incidents.js';
import { IncidentParams } from './incident-params.js';
import { errorResponses, JudgementAnswer } from '../schemas.js';

// Moments (awareness…) need value true: the refinement, as JSON Schema can say it.
const JudgementRequestDocumented = JudgementRequest.meta({
  anyOf: [
    { properties: { kind: { not: { enum: [...MOMENT_KINDS] } } } },
    { properties: { value: { enum: [true] } } },
  ],
});

/** Judgements: decisions the law leaves to people (risk, materiality, awareness…), signed into the audit log. */
export function judgementRoutes(
  deps: IncidentDeps,
  keys: readonly ApiKeyEntry[],
  payloadKeys: PayloadKeyRing,
): FastifyPluginAsyncZod {
  const approver = requireRole(keys, 'approver');
  const signer = decisionSigner(payloadKeys);
  return async (app) => {
    app.post(
      '/v1/incidents/:id/judgements',
      {
        onRequest: approver,
        schema: {
          tags: ['obligations'],
          summary: 'Record a judgement',
          params: IncidentParams,
          body: JudgementRequestDocumented,
          response: { 201: JudgementAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const { regime } = request.body;
        // Checked here, not in JudgementRequest: the rules pack imports the judgement kinds.
        if (regime !== undefined && !regimeById(regime)) {
          const known = RULES_PACK.map((r) => r.id).join(', ');
          throw new HttpError(400, 'invalid_request', 'Invalid judgement', [
            { path: 'regime', message: `unknown regime "${regime}"; known regimes: ${known}` },
          ]);
        }
        await loadIncident(deps, id);
        const by = actorOf(request);
        let judgement;
        try {
          judgement = recordJudgement(request.body, new Date().toISOString(), by);
        } catch (err) {
          if (err instanceof z.ZodError)
            throw new HttpError(400, 'invalid_request', 'Invalid judgement', issuesFromZod(err));
          throw err;
        }
        const state = await runUpdate(id, () =>
          deps.client.workflow
            .getHandle(incidentWorkflowId(id))
            .executeUpdate(recordJudgementUpdate, { args: [judgement] }),
        );
        await deps.ledger.appendAudit({
          incidentId: id,
          at: judgement.decidedAt,
          actor: by,
          action: `judgement:${judgement.kind}`,
          reason: judgement.reason,
          details: { judgement, signature: signer.sign(judgement) },
        });
        return reply.status(201).send({ judgement, obligations: state.obligations });
      },
    );
  };
}
