import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  importAffectedUsers,
  ImportFormatError,
  type ImportFormat,
} from '../../store/affected-user-import.js';
import { AffectedUsersFrozenError, IncidentNotFoundError } from '../../store/ledger.js';
import { WorkflowUpdateStage } from '@temporalio/client';
import {
  affectedUsersChangedSignal,
  importFromDirectoryUpdate,
  incidentWorkflowId,
} from '../../workflows/incident-messages.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { conflict, HttpError, notFound } from '../errors.js';
import { loadIncident, queryIncidentState, runUpdate, type IncidentDeps } from '../incidents.js';
import { IncidentParams } from './incident-params.js';
import { DirectoryImportAnswer, errorResponses, ImportAnswer } from '../schemas.js';

const FORMATS: Record<string, ImportFormat> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' };

/** Uploads of affected people, streamed straight into the ledger: a file of a million rows is never held whole. */
export function affectedUserRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const responder = requireRole(keys, 'responder');
  return async (app) => {
    // The body stays a stream; the import reads it row by row.
    app.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) => done(null, payload));

    app.post(
      '/v1/incidents/:id/affected-users',
      {
        onRequest: responder,
        bodyLimit: 4 * 1024 * 1024 * 1024,
        schema: {
          tags: ['affected users'],
          summary: 'Upload affected users (text/csv or application/x-ndjson)',
          description:
            'Columns: userId (required), name, email, phone, pushToken, locale, country, region, dataCategories (; separated). ' +
            'Answers 202 with counts and the first 100 errors, each with its line: a CSV row with more or fewer fields than the header, ' +
            'a quote never closed (reported where it opens), a line over 1,000,000 bytes, an NDJSON userId that is a number. ' +
            'The lines around a bad one are kept. A file whose header cannot be read, or has no userId column, answers 400.',
          params: IncidentParams,
          streamedBody: {
            mediaTypes: Object.keys(FORMATS),
            description: 'CSV with a header row, or one JSON object per line',
          },
          response: {
            202: ImportAnswer.describe('Counts, and the first errors by line'),
            ...errorResponses({ body: true, also: [409] }),
          },
        },
      },
      async (request, reply) => {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const format = FORMATS[contentType];
        if (!format) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            `Send text/csv or application/x-ndjson, not "${contentType}"`,
          );
        }
        const { id } = request.params;
        try {
          const result = await importAffectedUsers(deps.ledger, id, request.body as Readable, format);
          await deps.ledger.appendAudit({
            incidentId: id,
            actor: actorOf(request),
            action: 'affected_users:imported',
            details: {
              format,
              accepted: result.accepted,
              rejected: result.rejected,
              inserted: result.inserted,
            },
          });
          if (result.inserted + result.updated > 0) {
            // The workflow re-assesses before approval; a missing worker only delays that.
            await deps.client.workflow
              .getHandle(incidentWorkflowId(id))
              .signal(affectedUsersChangedSignal)
              .catch((err: unknown) => request.log.warn({ err }, 'could not signal the incident workflow'));
          }
          return reply.status(202).send(result);
        } catch (err) {
          if (err instanceof IncidentNotFoundError) throw notFound(`incident ${id}`);
          if (err instanceof AffectedUsersFrozenError) {
            throw conflict(`${err.message}; notices have started, so the list of affected users is frozen`);
          }
          if (err instanceof ImportFormatError) {
            throw new HttpError(400, 'invalid_file', err.message, [{ path: '(body)', message: err.message }]);
          }
          throw err;
        }
      },
    );

    app.post(
      '/v1/incidents/:id/affected-users/directory',
      {
        onRequest: responder,
        schema: {
          tags: ['affected users'],
          summary: "Read affected users from the company's user directory",
          description:
            'Runs DIRECTORY_QUERY against DIRECTORY_DATABASE_URL inside the workflow (durable, paged); answers 202 at once. GET the incident to follow `directoryImport` and the assessment.',
          params: IncidentParams,
          response: { 202: DirectoryImportAnswer, ...errorResponses({ also: [409, 422] }) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        await loadIncident(deps, id);
        if (!deps.config.DIRECTORY_DATABASE_URL || !deps.config.DIRECTORY_QUERY) {
          throw conflict('No user directory is configured: set DIRECTORY_DATABASE_URL and DIRECTORY_QUERY');
        }
        // The workflow's validator is the authority; asking first turns its refusal into a clear 409
        // (an update started without waiting for its result reports a refusal only through its result).
        const state = await queryIncidentState(deps, id);
        if (state && !['assessing', 'awaiting_approval'].includes(state.phase)) {
          throw conflict(
            `incident ${id} is ${state.phase}; the affected users are frozen once notices have started`,
          );
        }
        if (state?.directoryImport?.status === 'running')
          throw conflict('a directory import is already running');
        const handle = await runUpdate(id, () =>
          deps.client.workflow
            .getHandle(incidentWorkflowId(id))
            .startUpdate(importFromDirectoryUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED }),
        );
        await deps.ledger.appendAudit({
          incidentId: id,
          actor: actorOf(request),
          action: 'affected_users:directory_import',
        });
        return reply.status(202).send({ id, directoryImport: 'running', updateId: handle.updateId });
      },
    );
  };
}
