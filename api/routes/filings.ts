// A responder's and an approver's hold on regulator filings: read one filing of an incident whole
// (live state and report), approve or reject a draft, give the reasons for a late filing, record a
// portal's confirmation number. Each change is an Update of the filing's workflow; one that does not fit
// the filing's status answers 409. The regulator's own routes are elsewhere.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { filingWorkflowId } from '../../domain/filing/filing.js';
import type { FilingRecord } from '../../store/ledger.js';
import {
  approveFilingUpdate,
  confirmPortalSubmissionUpdate,
  filingStateQuery,
  recordDelayReasonsUpdate,
  rejectFilingUpdate,
  WRONG_FILING_STATUS,
  type FilingState,
} from '../../workflows/filing-messages.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { actorOf, requireRole } from '../auth.js';
import { conflict, HttpError, notFound } from '../errors.js';
import {
  ApproveFilingBody,
  DelayReasonsBody,
  FilingAnswer,
  FilingParams,
  IncidentFilingParams,
  PortalConfirmationBody,
  RejectFilingBody,
} from '../filing-schemas.js';
import { loadIncident, type IncidentDeps } from '../incidents.js';
import type { ZodApp } from '../route-app.js';
import { errorResponses } from '../schemas.js';

async function filingState(client: Client, id: string): Promise<FilingState | undefined> {
  try {
    return await client.withDeadline(Date.now() + 5_000, () =>
      client.workflow.getHandle(filingWorkflowId(id)).query(filingStateQuery),
    );
  } catch {
    return undefined;
  }
}

export function filingView(record: FilingRecord, state: FilingState | undefined) {
  const { payload, ...rest } = record;
  return { ...rest, live: state !== undefined, ...(state ? { state } : {}), report: payload };
}

/** What Temporal says about a filing's Update, as the answer a client can act on. */
function httpErrorOfFiling(err: unknown, id: string): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === WRONG_FILING_STATUS) return conflict(err.cause.message);
    if (err.cause.type === 'InvalidFilingEdit') {
      const [path = 'edits', ...rest] = err.cause.message.split(': ');
      return new HttpError(400, 'invalid_request', 'Invalid filing edit', [
        { path, message: rest.join(': ') || err.cause.message },
      ]);
    }
    return new HttpError(422, 'refused', err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return notFound(`filing ${id}`);
  const message = err instanceof Error ? err.message : String(err);
  if (/workflow execution already completed/i.test(message))
    return conflict(`filing ${id} is finished; it no longer accepts changes`);
  return undefined;
}

type FilingChange = (wf: ReturnType<Client['workflow']['getHandle']>) => Promise<FilingState>;

interface FilingRouteContext {
  deps: IncidentDeps;
  reader: onRequestHookHandler;
  approver: onRequestHookHandler;
  responder: onRequestHookHandler;
  /** Sends an Update to a filing the ledger knows, and answers with the whole filing. */
  change(id: string, send: FilingChange): Promise<ReturnType<typeof filingView>>;
}

const answers = { 200: FilingAnswer, ...errorResponses({ body: true, also: [409, 422] }) };

function readFiling(app: ZodApp, { deps, reader }: FilingRouteContext): void {
  app.get(
    '/v1/incidents/:id/filings/:fid',
    {
      onRequest: reader,
      schema: {
        tags: ['filings'],
        summary: 'Read one regulator filing of an incident: live state, report, receipt',
        params: IncidentFilingParams,
        response: { 200: FilingAnswer, ...errorResponses() },
      },
    },
    async (request) => {
      const { id, fid } = request.params;
      await loadIncident(deps, id);
      const record = await deps.ledger.getFiling(fid);
      if (!record || record.incidentId !== id) throw notFound(`filing ${fid} of incident ${id}`);
      return filingView(record, await filingState(deps.client, fid));
    },
  );
}

function approveFiling(app: ZodApp, { approver, change }: FilingRouteContext): void {
  app.post(
    '/v1/filings/:id/approve',
    {
      onRequest: approver,
      schema: {
        tags: ['filings'],
        summary: 'Approve a draft filing, optionally rewriting free-text fields; it is then submitted',
        params: FilingParams,
        body: ApproveFilingBody,
        response: answers,
      },
    },
    async (request) => {
      const { note, edits } = request.body;
      const input = {
        by: actorOf(request),
        ...(note ? { note } : {}),
        ...(edits ? { edits: edits as Edits } : {}),
      };
      return change(request.params.id, (wf) => wf.executeUpdate(approveFilingUpdate, { args: [input] }));
    },
  );
}

function rejectFiling(app: ZodApp, { approver, change }: FilingRouteContext): void {
  app.post(
    '/v1/filings/:id/reject',
    {
      onRequest: approver,
      schema: {
        tags: ['filings'],
        summary: 'Send a draft filing back with the changes it needs (and edits); the clock keeps running',
        params: FilingParams,
        body: RejectFilingBody,
        response: answers,
      },
    },
    async (request) => {
      const { changes, edits } = request.body;
      const input = { by: actorOf(request), changes, ...(edits ? { edits: edits as Edits } : {}) };
      return change(request.params.id, (wf) => wf.executeUpdate(rejectFilingUpdate, { args: [input] }));
    },
  );
}

function recordDelayReasons(app: ZodApp, { responder, change }: FilingRouteContext): void {
  app.post(
    '/v1/filings/:id/delay-reasons',
    {
      onRequest: responder,
      schema: {
        tags: ['filings'],
        summary: 'Give the reasons why a filing is late; they become part of the filed report',
        params: FilingParams,
        body: DelayReasonsBody,
        response: answers,
      },
    },
    async (request) => {
      const input = { by: actorOf(request), reasons: request.body.reasons };
      return change(request.params.id, (wf) => wf.executeUpdate(recordDelayReasonsUpdate, { args: [input] }));
    },
  );
}

function confirmPortalSubmission(app: ZodApp, { responder, change }: FilingRouteContext): void {
  app.post(
    '/v1/filings/:id/portal-confirmation',
    {
      onRequest: responder,
      schema: {
        tags: ['filings'],
        summary: 'Record that a portal-only regulator received the filing: its confirmation number',
        params: FilingParams,
        body: PortalConfirmationBody,
        response: answers,
      },
    },
    async (request) => {
      const { confirmationNumber, evidenceSha256 } = request.body;
      const input = {
        by: actorOf(request),
        confirmationNumber,
        ...(evidenceSha256 ? { evidenceSha256 } : {}),
      };
      return change(request.params.id, (wf) =>
        wf.executeUpdate(confirmPortalSubmissionUpdate, { args: [input] }),
      );
    },
  );
}

export function filingRoutes(deps: IncidentDeps, keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const context: FilingRouteContext = {
    deps,
    reader: requireRole(keys, 'responder', 'approver'),
    approver: requireRole(keys, 'approver'),
    responder: requireRole(keys, 'responder'),
    async change(id, send) {
      if (!(await deps.ledger.getFiling(id))) throw notFound(`filing ${id}`);
      let state: FilingState;
      try {
        state = await send(deps.client.workflow.getHandle(filingWorkflowId(id)));
      } catch (err) {
        throw httpErrorOfFiling(err, id) ?? err;
      }
      return filingView((await deps.ledger.getFiling(id))!, state);
    },
  };
  const routes = [readFiling, approveFiling, rejectFiling, recordDelayReasons, confirmPortalSubmission];
  return async (app) => routes.forEach((add) => add(app, context));
}

/** The body's edits, every key present with its text (zod's partial record types them as optional). */
type Edits = Record<string, string>;
