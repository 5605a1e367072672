import { z } from 'zod';
import type { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * What the API answers, as zod types: the serializer checks each answer against them and the
 * OpenAPI document shows them. Objects stay open (`looseObject`) where the workflow's state or a
 * store's record carries more than a client needs to rely on, so a new field never fails an answer.
 */

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const ERROR_MEANINGS = {
  400: 'The request is invalid; `issues` names each field',
  401: 'No valid API key',
  403: 'The key’s role may not do this',
  404: 'Not found',
  409: 'The incident’s phase does not allow this now',
  410: 'The link has expired',
  413: 'The body is too large',
  414: 'A path parameter is too long',
  415: 'The body’s media type is not accepted',
  422: 'The workflow refused the change; the message says why',
  503: 'A dependency (Temporal) does not answer',
} as const;
export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** Errors every authenticated route can answer, whatever it does. */
const AUTHENTICATED: ErrorStatus[] = [400, 401, 403, 404, 414];
/** Errors of a route that takes a JSON body. */
const WITH_BODY: ErrorStatus[] = [413, 415];

function errorsFor(statuses: ErrorStatus[]) {
  return Object.fromEntries(
    [...new Set(statuses)].map((s) => [s, ErrorBody.describe(ERROR_MEANINGS[s])]),
  ) as Record<ErrorStatus, typeof ErrorBody>;
}

/** The error answers of a route with an API key; `body` adds those of a JSON body. */
export function errorResponses(opts: { body?: boolean; also?: ErrorStatus[]; public?: boolean } = {}) {
  const base: ErrorStatus[] = opts.public ? [400, 404, 414] : AUTHENTICATED;
  return errorsFor([...base, ...(opts.body ? WITH_BODY : []), ...(opts.also ?? [])]);
}

export const IncidentLinks = z.object({
  self: z.string(),
  approve: z.string(),
  cancel: z.string(),
  close: z.string(),
  affectedUsers: z.string(),
  judgements: z.string(),
  deliveries: z.string(),
  audit: z.string(),
});

export const IncidentSummary = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  title: z.string(),
  phase: z.string(),
  severity: z.string(),
  createdAt: z.string(),
  links: IncidentLinks,
});

export const IncidentList = z.object({
  items: z.array(IncidentSummary),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});

/**
 * An incident's public announcement as the workflow decided and published it (api/announcement-view.ts);
 * when no worker answers, as the ledger recorded it (without the decision's stage and reasons for replacing).
 */
export const AnnouncementView = z.looseObject({
  url: z.string().nullable().describe('The public page, once published'),
  status: z.enum(['proposed', 'approved', 'awaiting_approval', 'published', 'archived']),
  stage: z.enum(['with_notices', 'after_notices']).optional(),
  reasons: z.array(
    z.object({
      code: z.string(),
      regime: z.string().optional(),
      detail: z.string(),
    }),
  ),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  locales: z.array(z.string()),
  replacesIndividualNoticeFor: z.number().int(),
  replacementReason: z.string().nullable().optional(),
});

export const AnnouncementAnswer = z.object({
  id: z.string(),
  announcement: AnnouncementView.nullable().describe(
    'null: asked for while the notices go out; decided once they are through',
  ),
});

/** The responder's view: ledger facts always, the workflow's live state when a worker answered. */
export const IncidentView = z.looseObject({
  id: z.string(),
  externalId: z.string().nullable(),
  phase: z.string(),
  live: z.boolean().describe('false when no worker answered in time: the state parts are absent'),
  severity: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  facts: z.looseObject({ title: z.string() }),
  history: z.array(z.unknown()).optional(),
  assessment: z.unknown().optional(),
  directoryImport: z.unknown().optional(),
  supplements: z.array(z.unknown()).optional(),
  judgements: z.array(z.unknown()).optional(),
  notices: z.unknown().optional(),
  obligations: z.array(z.unknown()).optional(),
  obligationSummary: z.unknown().optional(),
  approval: z.unknown().optional(),
  monitoringPeriodEnded: z
    .object({
      at: z.string(),
      openObligations: z.array(z.object({ regime: z.string(), kind: z.string(), status: z.string() })),
    })
    .optional()
    .describe(
      'The monitoring period ran out while these obligations were open: the incident stays in monitoring until none is open or a person closes it with acknowledgeOpenObligations',
    ),
  announcement: AnnouncementView.optional(),
  links: IncidentLinks,
});

export const PhaseAnswer = z.looseObject({ id: z.string(), phase: z.string() });
export const ApprovalAnswer = PhaseAnswer.extend({
  approval: z.unknown().optional(),
  announcement: AnnouncementView.optional().describe('Approved together with the notices'),
});

export const AuditList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      incidentId: z.string().nullable(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      reason: z.string().nullable(),
      details: z.unknown().describe('What the action recorded; null when nothing'),
      seq: z.number().describe("Position in the incident's hash chain, from 1"),
      prevHash: z.string().describe("The previous entry's hash (64 zeros for the first)"),
      hash: z.string().describe('SHA-256 over the RFC 8785 canonical JSON of the entry and prevHash'),
    }),
  ),
});

export const DeliveryPage = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      channel: z.string(),
      noticeVersion: z.number(),
      status: z.string(),
      providerId: z.string().nullable(),
      errorCode: z.string().nullable(),
      attempts: z.number(),
      possibleDuplicate: z.boolean(),
      acceptedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const ImportAnswer = z.object({
  accepted: z.number().describe('Valid rows'),
  merged: z.number().describe('Valid rows whose userId came earlier in the same upload'),
  rejected: z.number().describe('Invalid rows; nothing of them is stored'),
  errors: z.array(
    z.object({ line: z.number(), field: z.string(), message: z.string() }).describe('A problem, by line'),
  ),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  ignoredColumns: z.array(z.string()),
});

export const DirectoryImportAnswer = z.object({
  id: z.string(),
  directoryImport: z.literal('running'),
  updateId: z.string(),
});

export const SupplementAnswer = z.object({ id: z.string(), noticeVersion: z.number() });

export const JudgementAnswer = z.looseObject({
  judgement: z.unknown(),
  obligations: z.array(z.unknown()),
});

/** An HTML page (the notice behind a link, or the page saying the link does not open). */
export const HtmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
});

/**
 * A body the route streams itself (a content-type parser hands it over unread), so no zod type
 * validates it; it is declared for the OpenAPI document only, by the transform below.
 */
export interface StreamedBody {
  mediaTypes: string[];
  description: string;
}

type SwaggerTransform = typeof jsonSchemaTransform;

/** jsonSchemaTransform, plus the request bodies of routes that declare `streamedBody`. */
export function withStreamedBodies(transform: SwaggerTransform): SwaggerTransform {
  return (document) => {
    const out = transform(document);
    const streamed = (document.schema as { streamedBody?: StreamedBody } | undefined)?.streamedBody;
    const schema = out.schema as Record<string, unknown> | undefined;
    if (!schema) return out;
    delete schema.streamedBody;
    if (streamed) {
      schema.body = { type: 'string', description: streamed.description };
      schema.consumes = streamed.mediaTypes;
    }
    return out;
  };
}
