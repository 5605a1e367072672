import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveAnnouncementUpdate,
  requestAnnouncementUpdate,
  type AnnouncementState,
} from '../../workflows/announcement-messages.js';
import { incidentWorkflowId } from '../../workflows/incident-messages.js';
import { announcementView } from '../announcement-view.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { loadIncident, runUpdate, type IncidentDeps } from '../incidents.js';
import { AnnouncementAnswer, errorResponses } from '../schemas.js';
import { IncidentParams } from './incident-params.js';

const RequestBody = z
  .object({ reason: z.string().trim().min(3).max(2000).describe('Why the public should be told') })
  .strict();
const ApproveBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict()
  .default({});

/**
 * A responder asks for a public announcement; an approver approves one decided after the notices (one
 * decided before them is approved with the notices). The workflow decides; accepted requests are audited.
 */
export function announcementRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const responder = requireRole(keys, 'responder');
  const approver = requireRole(keys, 'approver');
  const send = async <T extends AnnouncementState | null>(
    id: string,
    audit: { action: string; by: string; reason?: string | undefined },
    update: (workflowId: string) => Promise<T>,
  ) => {
    await loadIncident(deps, id);
    const announcement = await runUpdate(id, () => update(incidentWorkflowId(id)));
    await deps.ledger.appendAudit({
      incidentId: id,
      at: new Date().toISOString(),
      actor: audit.by,
      action: audit.action,
      ...(audit.reason ? { reason: audit.reason } : {}),
      details: { status: announcement?.status ?? 'waiting_for_notices' },
    });
    return { id, announcement: announcement && announcementView(announcement) };
  };

  return async (app) => {
    app.post(
      '/v1/incidents/:id/announcement',
      {
        onRequest: responder,
        schema: {
          tags: ['announcements'],
          summary: 'Ask for a public announcement of the incident',
          params: IncidentParams,
          body: RequestBody,
          response: { 200: AnnouncementAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
        },
      },
      async (request) => {
        const by = actorOf(request);
        const { reason } = request.body;
        return send(request.params.id, { action: 'announcement:requested', by, reason }, (workflowId) =>
          deps.client.workflow
            .getHandle(workflowId)
            .executeUpdate(requestAnnouncementUpdate, { args: [{ by, reason }] }),
        );
      },
    );

    app.post(
      '/v1/incidents/:id/announcement/approve',
      {
        onRequest: approver,
        schema: {
          tags: ['announcements'],
          summary: 'Approve the announcement decided after the notices',
          params: IncidentParams,
          body: ApproveBody,
          response: { 200: AnnouncementAnswer, ...errorResponses({ body: true, also: [409, 422] }) },
        },
      },
      async (request) => {
        const by = actorOf(request);
        const note = request.body?.note;
        return send(request.params.id, { action: 'announcement:approved', by, reason: note }, (workflowId) =>
          deps.client.workflow
            .getHandle(workflowId)
            .executeUpdate(approveAnnouncementUpdate, { args: [{ by, ...(note ? { note } : {}) }] }),
        );
      },
    );
  };
}
