// What people send a filing: an approver approves or rejects the draft (with edits of its free-text
// fields), a responder gives the reasons for delay or a portal's confirmation number, the regulator
// acknowledges. Validators refuse what does not fit the filing's status, so the API can answer 409.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { FilingStatus } from '../domain/filing/filing.js';
import {
  acknowledgeFilingUpdate,
  approveFilingUpdate,
  confirmPortalSubmissionUpdate,
  EDITABLE_FIELDS,
  MAX_EDIT_LENGTH,
  recordDelayReasonsUpdate,
  rejectFilingUpdate,
  WRONG_FILING_STATUS,
  type AcknowledgeFilingInput,
  type ConfirmPortalSubmissionInput,
  type DelayReasonsInput,
  type FilingState,
} from './filing-messages.js';

type Record_ = (
  action: string,
  opts?: { status?: FilingStatus; actor?: string; reason?: string; details?: Record<string, unknown> },
) => Promise<void>;

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, WRONG_FILING_STATUS);
}

function checkEdits(edits: Record<string, string> | undefined): void {
  for (const [field, text] of Object.entries(edits ?? {})) {
    if (!(EDITABLE_FIELDS as readonly string[]).includes(field)) {
      throw ApplicationFailure.nonRetryable(
        `edits.${field}: not a free-text field of the report; editable: ${EDITABLE_FIELDS.join(', ')}`,
        'InvalidFilingEdit',
      );
    }
    if (typeof text !== 'string' || text.trim().length === 0 || text.length > MAX_EDIT_LENGTH) {
      throw ApplicationFailure.nonRetryable(
        `edits.${field}: must be text of 1 to ${MAX_EDIT_LENGTH} characters`,
        'InvalidFilingEdit',
      );
    }
  }
}

interface FilingHandlerDeps {
  record: Record_;
  sent: () => boolean;
  persisted: () => FilingStatus;
}

interface Revision {
  count: number;
  approvedAt: number;
}

/** The phase rules every handler asks: a filing still open to changes, one awaiting its approval. */
function statusRules(state: FilingState, deps: FilingHandlerDeps) {
  const open = (action: string) => {
    if (deps.sent() || state.status === 'cancelled')
      refuse(`cannot ${action} filing ${state.filingId}: it is ${state.status}`);
  };
  const awaitingApproval = (action: string) => {
    open(action);
    if (state.waitingFor !== 'approval')
      refuse(
        `cannot ${action} filing ${state.filingId}: it does not await approval (${state.waitingFor ?? state.status})`,
      );
  };
  return { open, awaitingApproval };
}

function approvalHandlers(state: FilingState, deps: FilingHandlerDeps, revision: Revision): void {
  const { awaitingApproval } = statusRules(state, deps);
  setHandler(
    approveFilingUpdate,
    async ({ by, note, edits }) => {
      const at = new Date().toISOString();
      if (edits && Object.keys(edits).length > 0) {
        Object.assign(state.edits, edits);
        revision.count += 1;
      }
      state.approval = { by, at, ...(note ? { note } : {}) };
      revision.approvedAt = revision.count;
      await deps.record('approved', {
        actor: by,
        ...(note ? { reason: note } : {}),
        details: { edits: edits ?? {} },
      });
      return state;
    },
    {
      validator: ({ edits }) => {
        awaitingApproval('approve');
        checkEdits(edits);
      },
    },
  );
  setHandler(
    rejectFilingUpdate,
    async ({ by, changes, edits }) => {
      const at = new Date().toISOString();
      if (edits) Object.assign(state.edits, edits);
      state.rejections.push({ by, at, changes });
      revision.count += 1;
      await deps.record('rejected', { actor: by, reason: changes, details: { edits: edits ?? {} } });
      return state;
    },
    {
      validator: ({ changes, edits }) => {
        awaitingApproval('reject');
        if (!changes || changes.trim().length === 0)
          throw ApplicationFailure.nonRetryable('changes: say what must change', 'InvalidFilingEdit');
        checkEdits(edits);
      },
    },
  );
}

function responderHandlers(state: FilingState, deps: FilingHandlerDeps, revision: Revision): void {
  const { open } = statusRules(state, deps);
  setHandler(
    recordDelayReasonsUpdate,
    async ({ by, reasons }) => {
      state.delayReasons = { by, at: new Date().toISOString(), reasons };
      revision.count += 1;
      await deps.record('delay_reasons', { actor: by, reason: reasons });
      return state;
    },
    { validator: (_request: DelayReasonsInput) => open('record reasons for delay for') },
  );
  setHandler(
    confirmPortalSubmissionUpdate,
    async (c) => {
      state.portalConfirmation = { ...c, at: new Date().toISOString() };
      await condition(() => deps.persisted() === 'submitted');
      return state;
    },
    {
      validator: (_request: ConfirmPortalSubmissionInput) => {
        open('confirm a portal submission of');
        if (state.waitingFor !== 'portal_confirmation')
          refuse(
            `filing ${state.filingId} does not await a portal submission (${state.waitingFor ?? state.status})`,
          );
      },
    },
  );
}

function regulatorHandlers(state: FilingState, deps: FilingHandlerDeps): void {
  setHandler(
    acknowledgeFilingUpdate,
    async (ack) => {
      state.acknowledgement = { ...ack, at: new Date().toISOString() };
      await condition(() => deps.persisted() === 'acknowledged');
      return state;
    },
    {
      validator: (_request: AcknowledgeFilingInput) => {
        if (state.status !== 'submitted' || state.acknowledgement)
          refuse(`cannot acknowledge filing ${state.filingId}: it is ${state.status}`);
      },
    },
  );
}

/**
 * Sets the update handlers. `count` goes up with every change to what the report says (edits, a
 * rejection, reasons for delay), so the workflow knows to prepare the report again; an approval holds
 * for the revision it was given at (its own edits included).
 */
export function filingHandlers(state: FilingState, deps: FilingHandlerDeps): Revision {
  const revision: Revision = { count: 0, approvedAt: -1 };
  approvalHandlers(state, deps, revision);
  responderHandlers(state, deps, revision);
  regulatorHandlers(state, deps);
  return revision;
}
