// Regulators as users: a regulator key reads the filings addressed to its own recipient and
// acknowledges them. Another recipient's filing is answered as absent (404), so a key learns nothing
// about who else files what. Responders and approvers may read an incident's filings here too.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import type { FilingRecord, Page } from '../../store/ledger.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, regulatorRecipientOf, requireRole } from '../auth.js';
import { BinaryBody, preferredType } from '../accept.js';
import { HttpError, notFound } from '../errors.js';
import { acknowledgeFiling, queryFilingState, type FilingDeps } from '../filing-acknowledgement.js';
import { renderFilingPdf } from '../../platform/filing-documents.js';
import type { FilingReport } from '../../domain/filing/report.js';
import { FilingList, FilingStateAnswer, filingSummary, FilingView, filingView } from '../filing-view.js';
import type { ZodApp } from '../route-app.js';
import { errorResponses } from '../schemas.js';

const FilingParams = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[A-Za-z0-9._:-]+$/, 'must be a filing id'),
});
const ListQuery = z.object({
  incident: z.string().min(1).max(100).optional().describe('Required for responders and approvers'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
const AcknowledgeBody = z
  .object({
    reference: z.string().trim().min(1).max(200).describe('The regulator’s own reference number'),
    questions: z
      .string()
      .trim()
      .min(1)
      .max(10_000)
      .optional()
      .describe('Questions for the responders; shown with the filing'),
  })
  .strict();

const PDF = 'application/pdf';

/** A regulator key without its recipient (built by hand, not read from BREACH_API_KEYS) sees nothing. */
function boundRecipient(request: FastifyRequest): string | undefined {
  if (request.principal?.role !== 'regulator') return undefined;
  const recipient = regulatorRecipientOf(request);
  if (!recipient) throw new HttpError(403, 'forbidden', 'This regulator key is not bound to a recipient');
  return recipient;
}

interface RegulatorRouteContext {
  deps: FilingDeps;
  reader: onRequestHookHandler;
  regulator: onRequestHookHandler;
}

async function visibleFiling(deps: FilingDeps, request: FastifyRequest, id: string): Promise<FilingRecord> {
  const recipient = boundRecipient(request);
  const filing = await deps.ledger.getFiling(id);
  if (!filing || (recipient !== undefined && filing.recipient !== recipient)) throw notFound(`filing ${id}`);
  return filing;
}

async function listFor(
  deps: FilingDeps,
  request: FastifyRequest,
  query: z.infer<typeof ListQuery>,
): Promise<Page<FilingRecord>> {
  const recipient = boundRecipient(request);
  if (query.incident === undefined) {
    if (recipient === undefined) {
      throw new HttpError(400, 'invalid_request', 'Invalid querystring: incident', [
        { path: 'incident', message: 'required for this role: the incident whose filings to list' },
      ]);
    }
    return deps.ledger.listFilingsForRecipient(recipient, { limit: query.limit, cursor: query.cursor });
  }
  // An incident has one filing per obligation and phase: a single page, newest first.
  const all = (await deps.ledger.listFilings(query.incident)).reverse();
  return { items: all.filter((f) => recipient === undefined || f.recipient === recipient) };
}

function listFilings(app: ZodApp, { deps, reader }: RegulatorRouteContext): void {
  app.get(
    '/v1/filings',
    {
      onRequest: reader,
      schema: {
        tags: ['filings'],
        summary: 'List filings, newest first (a regulator: those addressed to it)',
        querystring: ListQuery,
        response: { 200: FilingList, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listFor(deps, request, request.query);
      return { items: page.items.map(filingSummary), nextCursor: page.nextCursor ?? null };
    },
  );
}

function readFiling(app: ZodApp, { deps, reader }: RegulatorRouteContext): void {
  app.get(
    '/v1/filings/:id',
    {
      onRequest: reader,
      schema: {
        tags: ['filings'],
        summary: 'Read a filing: JSON, or the report as PDF with Accept: application/pdf',
        params: FilingParams,
        response: {
          200: {
            description: 'The filing',
            content: {
              'application/json': { schema: FilingView },
              [PDF]: { schema: BinaryBody('The report as PDF') },
            },
          },
          ...errorResponses({ also: [409] }),
        },
      },
    },
    async (request, reply) => {
      const filing = await visibleFiling(deps, request, request.params.id);
      // A report is for its recipient alone: no shared cache keeps a copy.
      reply.header('cache-control', 'private, no-store');
      if (preferredType(request.headers.accept, ['application/json', PDF]) === PDF) {
        if (filing.payload === null || filing.payload === undefined) {
          throw new HttpError(409, 'conflict', `filing ${filing.id} has no report yet`);
        }
        const pdf = await renderFilingPdf(filing.payload as FilingReport);
        return reply.type(PDF).header('content-disposition', `inline; filename="${filing.id}.pdf"`).send(pdf);
      }
      return filingView(filing, await queryFilingState(deps, filing.id));
    },
  );
}

function acknowledge(app: ZodApp, { deps, regulator }: RegulatorRouteContext): void {
  app.post(
    '/v1/filings/:id/acknowledge',
    {
      onRequest: regulator,
      schema: {
        tags: ['filings'],
        summary: 'Acknowledge a filing (the regulator, with its reference and optional questions)',
        params: FilingParams,
        body: AcknowledgeBody,
        response: {
          200: FilingStateAnswer.describe('The filing’s state with the acknowledgement'),
          ...errorResponses({ body: true, also: [409, 422] }),
        },
      },
    },
    async (request) => {
      if (request.principal?.role !== 'regulator') {
        throw new HttpError(
          403,
          'forbidden',
          'Only the regulator the filing is addressed to acknowledges it',
        );
      }
      const filing = await visibleFiling(deps, request, request.params.id);
      return acknowledgeFiling(
        deps,
        filing,
        { keyId: request.principal.keyId, actor: actorOf(request) },
        request.body,
      );
    },
  );
}

export function regulatorFilingRoutes(deps: FilingDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const context: RegulatorRouteContext = {
    deps,
    reader: requireRole(keys, 'regulator', 'responder', 'approver'),
    regulator: requireRole(keys, 'regulator'),
  };
  return async (app) => [listFilings, readFiling, acknowledge].forEach((add) => add(app, context));
}
