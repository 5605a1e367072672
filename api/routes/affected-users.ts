import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ImportFormat } from '../../store/affected-user-import.js';
import { startDirectoryImport, uploadAffectedUsers } from '../affected-users.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { HttpError } from '../errors.js';
import type { IncidentDeps } from '../incidents.js';
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
        const upload = { id: request.params.id, body: request.body as Readable, format };
        const result = await uploadAffectedUsers(deps, {
          ...upload,
          actor: actorOf(request),
          log: request.log,
        });
        return reply.status(202).send(result);
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
        const answer = await startDirectoryImport(deps, request.params.id, actorOf(request));
        return reply.status(202).send(answer);
      },
    );
  };
}
