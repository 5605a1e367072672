import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditSigner } from '../../platform/audit-keys.js';
import { BinaryBody } from '../accept.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { verifyIncidentAudit } from '../audit-verification.js';
import { requireRole } from '../auth.js';
import { evidencePack } from '../evidence/pack-stream.js';
import { AuditKeys, AuditVerification } from '../evidence/schemas.js';
import { loadIncident, queryIncidentState, type IncidentDeps } from '../incidents.js';
import { errorResponses } from '../schemas.js';
import { IncidentParams } from './incident-params.js';

const ZIP = 'application/zip';

/** Proof of what was done: the chain's verification, the signing keys, and the evidence pack. */
export function evidenceRoutes(
  deps: IncidentDeps,
  keys: readonly ApiKeyEntry[],
  signer: AuditSigner,
): FastifyPluginAsyncZod {
  const reader = requireRole(keys, 'responder', 'approver');
  const approver = requireRole(keys, 'approver');
  return async (app) => {
    app.get(
      '/v1/incidents/:id/audit/verify',
      {
        onRequest: reader,
        schema: {
          tags: ['incidents'],
          summary: "Verify the incident's audit chain and its signed checkpoints",
          params: IncidentParams,
          response: { 200: AuditVerification, ...errorResponses() },
        },
      },
      async (request) => {
        await loadIncident(deps, request.params.id);
        return verifyIncidentAudit(deps.ledger, signer, request.params.id);
      },
    );

    app.get(
      '/.well-known/breach-audit-keys.json',
      {
        schema: {
          tags: ['public'],
          summary: 'The public keys that sign audit checkpoints and evidence packs (JWK, Ed25519)',
          security: [],
          response: { 200: AuditKeys },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return signer.publicKeys();
      },
    );

    app.get(
      '/v1/incidents/:id/evidence',
      {
        onRequest: approver,
        schema: {
          tags: ['incidents'],
          summary: 'The evidence pack: a signed ZIP of everything done for the incident (no contact data)',
          params: IncidentParams,
          response: {
            200: {
              description: 'The pack',
              content: { [ZIP]: { schema: BinaryBody('The evidence pack (ZIP)') } },
            },
            ...errorResponses(),
          },
        },
      },
      async (request, reply) => {
        const incident = await loadIncident(deps, request.params.id);
        const state = await queryIncidentState(deps, incident.id);
        const { stream } = await evidencePack(deps.ledger, signer, incident, state);
        return reply
          .type(ZIP)
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="evidence-${incident.id}.zip"`)
          .send(stream);
      },
    );
  };
}
