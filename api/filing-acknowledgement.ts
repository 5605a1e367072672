// The regulator's acknowledgement of a filing: the filing workflow accepts or refuses it (an Update),
// and only an accepted one reaches the ledger's row and the audit log, where responders and auditors
// read what the regulator answered.
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { filingWorkflowId } from '../domain/filing/filing.js';
import type { FilingRecord, Ledger } from '../store/ledger.js';
import {
  acknowledgeFilingUpdate,
  filingStateQuery,
  WRONG_FILING_STATUS,
  type FilingState,
} from '../workflows/filing-messages.js';
import { conflict, HttpError } from './errors.js';

export interface FilingDeps {
  client: Client;
  ledger: Ledger;
}

export interface AcknowledgementRequest {
  reference: string;
  questions?: string;
}

/** The filing workflow's live state, or undefined when no worker answers in time. */
export async function queryFilingState(deps: FilingDeps, filingId: string): Promise<FilingState | undefined> {
  try {
    return await deps.client.withDeadline(Date.now() + 3_000, () =>
      deps.client.workflow.getHandle(filingWorkflowId(filingId)).query(filingStateQuery),
    );
  } catch {
    return undefined;
  }
}

function httpErrorOf(err: unknown, filingId: string): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === WRONG_FILING_STATUS) return conflict(err.cause.message);
    return new HttpError(422, 'refused', err.cause.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test(message)) {
    return conflict(`filing ${filingId} no longer accepts an acknowledgement: its workflow is not running`);
  }
  return undefined;
}

export async function acknowledgeFiling(
  deps: FilingDeps,
  filing: FilingRecord,
  by: { keyId: string; actor: string },
  request: AcknowledgementRequest,
): Promise<FilingState> {
  // The same acknowledgement sent twice (a client's retry) is one Update to Temporal.
  const updateId = `ack-${createHash('sha256').update(`${filing.id}\n${request.reference}`).digest('hex')}`;
  let state: FilingState;
  try {
    state = await deps.client.workflow
      .getHandle(filingWorkflowId(filing.id))
      .executeUpdate(acknowledgeFilingUpdate, {
        updateId,
        args: [{ by: by.keyId, reference: request.reference, questions: request.questions }],
      });
  } catch (err) {
    throw httpErrorOf(err, filing.id) ?? err;
  }
  await recordAcknowledgement(deps.ledger, filing, state, by.actor);
  return state;
}

async function recordAcknowledgement(
  ledger: Ledger,
  filing: FilingRecord,
  state: FilingState,
  actor: string,
): Promise<void> {
  const ack = state.acknowledgement;
  if (!ack) return;
  // The workflow mirrors its state into the row too; writing it here as well means a regulator's
  // list and the register show the acknowledgement at once, with the same values.
  const current = (await ledger.getFiling(filing.id)) ?? filing;
  await ledger.saveFiling({
    id: current.id,
    incidentId: current.incidentId,
    regime: current.regime,
    phase: current.phase,
    payload: current.payload,
    receipt: current.receipt ?? undefined,
    dueAt: current.dueAt,
    submittedAt: current.submittedAt,
    obligationId: current.obligationId,
    recipient: current.recipient,
    reportHash: current.reportHash,
    status: state.status,
    acknowledgement: ack,
    acknowledgedAt: ack.at,
    at: new Date().toISOString(),
  });
  const recorded = (await ledger.listAudit(filing.incidentId)).some(
    (a) =>
      a.action === 'filing:acknowledged' &&
      a.details?.filingId === filing.id &&
      a.details?.reference === ack.reference,
  );
  if (recorded) return;
  await ledger.appendAudit({
    incidentId: filing.incidentId,
    at: ack.at,
    actor,
    action: 'filing:acknowledged',
    reason: ack.questions,
    details: {
      filingId: filing.id,
      recipient: filing.recipient,
      reference: ack.reference,
      questions: ack.questions ?? null,
    },
  });
}
