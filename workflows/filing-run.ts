// What one run of a filing workflow holds and how it records: the state its query returns, the
// ledger reference its activities take, every change written to the store and audit log and told to
// the incident, and the waits that a person or a signal ends.
import {
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filings.js';
import type { FilingRef } from '../activities/filing-records.js';
import type { FilingStatus } from '../domain/filing/filing.js';
import { lateNeedsReasons } from './filing-clock.js';
import { filingHandlers } from './filing-handlers.js';
import {
  cancelFilingSignal,
  earlierPhaseFiledSignal,
  filingChangedSignal,
  filingStateQuery,
  type FilingState,
  type FilingSummary,
  type FilingWaitingFor,
  type FilingWorkflowInput,
} from './filing-messages.js';

export const ledger = proxyActivities<FilingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface RecordOptions {
  status?: FilingStatus;
  actor?: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The incident's view of a filing: ids, status and references only. */
export function summaryOf(input: FilingWorkflowInput, state: FilingState): FilingSummary {
  const { receipt, acknowledgement: ack } = state;
  return {
    id: input.filingId,
    obligationId: input.obligationId,
    recipient: input.recipientId,
    regime: input.regime,
    phase: input.phase,
    status: state.status,
    dueAt: input.dueAt,
    ...(state.waitingFor ? { waitingFor: state.waitingFor } : {}),
    ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
    ...(receipt
      ? { receipt: { adapter: receipt.adapter, at: receipt.at, reference: receipt.reference } }
      : {}),
    // The regulator's questions are for the responders, who read them in the incident's filings.
    ...(ack
      ? {
          acknowledgement: {
            by: ack.by,
            at: ack.at,
            reference: ack.reference,
            ...(ack.questions ? { questions: ack.questions } : {}),
          },
        }
      : {}),
  };
}

export class FilingRun {
  readonly state: FilingState;
  readonly ref: FilingRef;
  readonly due: number;
  readonly needsReasons: boolean;
  earlierFiled: boolean;
  cancelReason: string | undefined;
  readonly revision: { count: number; approvedAt: number };
  private changes = 0;
  /** The status the ledger holds: updates answer once their change is there, where the API reads it. */
  private persisted: FilingStatus = 'draft';

  constructor(readonly input: FilingWorkflowInput) {
    const { filingId, incidentId, obligationId, regime, phase, recipientId, dueAt } = input;
    this.state = {
      filingId,
      status: 'draft',
      dueAt,
      reminders: [],
      rejections: [],
      edits: {},
      incidentId,
      obligationId,
      regime,
      phase,
      recipientId,
      clockStartedAt: input.clockStartedAt,
    };
    this.ref = {
      filingId,
      incidentId,
      obligationId,
      regime,
      phase,
      recipientId,
      dueAt,
      ...(input.region ? { region: input.region } : {}),
    };
    this.due = Date.parse(dueAt);
    this.needsReasons = lateNeedsReasons(regime, phase, obligationId);
    this.earlierFiled = !input.earlierFilingId;
    this.revision = filingHandlers(this.state, {
      record: (action, opts) => this.record(action, opts),
      sent: () => this.sent(),
      persisted: () => this.persisted,
    });
    setHandler(filingStateQuery, () => this.state);
    setHandler(cancelFilingSignal, ({ reason }) => {
      if (!this.sent() && this.state.status !== 'cancelled') this.cancelReason = reason;
    });
    setHandler(earlierPhaseFiledSignal, () => {
      this.earlierFiled = true;
    });
  }

  isLate(): boolean {
    return Date.now() > this.due;
  }
  sent(): boolean {
    return this.state.status === 'submitted' || this.state.status === 'acknowledged';
  }
  cancelled(): boolean {
    return this.cancelReason !== undefined;
  }

  async tellIncident(): Promise<void> {
    const parent = workflowInfo().parent;
    if (!parent) return;
    // The incident may be gone (its retention ended); the filing goes on regardless.
    await getExternalWorkflowHandle(parent.workflowId)
      .signal(filingChangedSignal, summaryOf(this.input, this.state))
      .catch(() => undefined);
  }

  /** Records an action in the store and audit log; `status` moves the filing on. */
  async record(action: string, opts: RecordOptions = {}): Promise<void> {
    const { state } = this;
    if (opts.status) state.status = opts.status;
    const status = state.status;
    this.changes += 1;
    await ledger.recordFilingStatus({
      ...this.ref,
      status,
      action,
      actor: opts.actor ?? 'system',
      key: `${this.input.filingId}:${this.changes}:${action}`,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.details ? { details: opts.details } : {}),
      ...(state.receipt ? { receipt: state.receipt } : {}),
      ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
      ...(state.acknowledgement
        ? { acknowledgement: state.acknowledgement, acknowledgedAt: state.acknowledgement.at }
        : {}),
    });
    this.persisted = status;
    await this.tellIncident();
  }

  /** The status a filing shows while it waits: past its deadline that is `overdue`, whatever it waits for. */
  waitingStatus(s: FilingStatus): FilingStatus {
    return this.isLate() ? 'overdue' : s;
  }

  /** Waits for `done` (or a cancellation); false when cancelled. */
  async waitFor(what: FilingWaitingFor, status: FilingStatus, done: () => boolean): Promise<boolean> {
    if (!done() && !this.cancelled()) {
      this.state.waitingFor = what;
      await this.record(`waiting:${what}`, { status: this.waitingStatus(status) });
      await condition(() => done() || this.cancelled());
      this.state.waitingFor = undefined;
    }
    return !this.cancelled();
  }
}
