import type { onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OpenIncidentRequest } from '../../domain/incident.js';
import { PHASES } from '../../domain/phases.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import {
  cancelIncident,
  closeIncident,
  openIncident,
  readIncident,
  type IncidentDeps,
} from '../incidents.js';
import { incidentSummary } from '../incident-view.js';
import { approveIncidentAsSeen, type PreviewChannels } from '../preview.js';
import type { ZodApp } from '../route-app.js';
import { IncidentParams } from './incident-params.js';
import { ApprovalAnswer, errorResponses, IncidentList, IncidentView, PhaseAnswer } from '../schemas.js';

const ApproveBody = z
  .object({
    note: z.string().trim().max(2000).optional(),
    /** The hash of the preview the approver saw (GET …/preview): refused if the people changed since. */
    previewHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the previewHash of GET /v1/incidents/:id/preview')
      .optional(),
  })
  .strict()
  .default({});
const CancelBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const CloseBody = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    /** Closes although obligations are still due or overdue; the audit log lists them. */
    acknowledgeOpenObligations: z.boolean().optional(),
  })
  .strict()
  .refine((b) => !b.acknowledgeOpenObligations || (b.reason?.length ?? 0) >= 3, {
    path: ['reason'],
    message: 'closing with open obligations needs a reason of at least 3 characters',
  })
  .default({});
const ListQuery = z.object({
  phase: z.enum(PHASES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

interface IncidentRouteContext {
  deps: IncidentDeps;
  preview: PreviewChannels;
  responder: onRequestHookHandler;
  reader: onRequestHookHandler;
  approver: onRequestHookHandler;
  canceller: onRequestHookHandler;
}

function open(app: ZodApp, { deps, responder }: IncidentRouteContext): void {
  app.post(
    '/v1/incidents',
    {
      onRequest: responder,
      schema: {
        tags: ['incidents'],
        summary: 'Open an incident',
        body: OpenIncidentRequest,
        response: {
          200: PhaseAnswer.describe('An incident with this externalId was already open'),
          201: PhaseAnswer.describe('Opened'),
          ...errorResponses({ body: true, also: [409] }),
        },
      },
    },
    async (request, reply) => {
      const { incident, created } = await openIncident(deps, request.body, actorOf(request));
      return reply.status(created ? 201 : 200).send({ ...incidentSummary(incident), phase: incident.phase });
    },
  );
}

function list(app: ZodApp, { deps, reader }: IncidentRouteContext): void {
  app.get(
    '/v1/incidents',
    {
      onRequest: reader,
      schema: {
        tags: ['incidents'],
        summary: 'List incidents',
        querystring: ListQuery,
        response: { 200: IncidentList, ...errorResponses() },
      },
    },
    async (request) => {
      const { items, nextCursor } = await deps.ledger.listIncidents(request.query);
      return { items: items.map(incidentSummary), nextCursor: nextCursor ?? null };
    },
  );
}

function read(app: ZodApp, { deps, reader }: IncidentRouteContext): void {
  app.get(
    '/v1/incidents/:id',
    {
      onRequest: reader,
      schema: {
        tags: ['incidents'],
        summary: 'Read an incident',
        params: IncidentParams,
        response: { 200: IncidentView, ...errorResponses() },
      },
    },
    async (request) => readIncident(deps, request.params.id),
  );
}

function approve(app: ZodApp, { deps, preview, approver }: IncidentRouteContext): void {
  app.post(
    '/v1/incidents/:id/approve',
    {
      onRequest: approver,
      schema: {
        tags: ['incidents'],
        summary: 'Approve notices',
        params: IncidentParams,
        body: ApproveBody,
        response: { 200: ApprovalAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
      },
    },
    async (request) =>
      approveIncidentAsSeen(deps, preview, request.params.id, actorOf(request), request.body),
  );
}

function cancel(app: ZodApp, { deps, canceller }: IncidentRouteContext): void {
  app.post(
    '/v1/incidents/:id/cancel',
    {
      onRequest: canceller,
      schema: {
        tags: ['incidents'],
        summary: 'Cancel an incident',
        params: IncidentParams,
        body: CancelBody,
        response: { 200: PhaseAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
      },
    },
    async (request) => {
      const state = await cancelIncident(deps, request.params.id, actorOf(request), request.body.reason);
      return { id: request.params.id, phase: state.phase };
    },
  );
}

function close(app: ZodApp, { deps, canceller }: IncidentRouteContext): void {
  app.post(
    '/v1/incidents/:id/close',
    {
      onRequest: canceller,
      schema: {
        tags: ['incidents'],
        summary: 'Close a monitored incident',
        params: IncidentParams,
        body: CloseBody,
        response: { 200: PhaseAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
      },
    },
    async (request) => {
      const state = await closeIncident(deps, request.params.id, actorOf(request), request.body ?? {});
      return { id: request.params.id, phase: state.phase };
    },
  );
}

export function incidentRoutes(
  deps: IncidentDeps,
  keys: readonly ApiKeyEntry[],
  preview: PreviewChannels,
): FastifyPluginAsyncZod {
  const context: IncidentRouteContext = {
    deps,
    preview,
    responder: requireRole(keys, 'responder'),
    reader: requireRole(keys, 'responder', 'approver'),
    approver: requireRole(keys, 'approver'),
    canceller: requireRole(keys, 'responder', 'approver'),
  };
  return async (app) => [open, list, read, approve, cancel, close].forEach((add) => add(app, context));
}
