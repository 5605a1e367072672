// One regulator filing, from draft to the regulator's acknowledgement: it waits for the earlier phase,
// the approver and (when late) the reasons for delay, submits once, and for portal-only regulators waits
// for a person's confirmation number. Its deadline lives in durable timers that remind the incident's
// contact whatever else the filing waits for; the report itself stays in the ledger.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filings.js';
import type { FilingRef } from '../activities/filing-records.js';
import type { SubmissionOutcome } from '../activities/filing-submission/index.js';
import type { FilingStatus } from '../domain/filing/filing.js';
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
import { filingHandlers } from './filing-handlers.js';
import { lateNeedsReasons, reminderTimes } from './filing-clock.js';

const ledger = proxyActivities<FilingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A regulator's server down for hours should reach a person: after the retries, the filing waits for a
// hand submission, while the reminders keep counting.
const adapter = proxyActivities<FilingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '10 minutes', maximumAttempts: 25 },
});

/** How long a submitted filing waits for the regulator's acknowledgement before its workflow ends. */
const ACKNOWLEDGEMENT_WAIT_MS = 400 * 24 * 60 * 60 * 1000;
/** Preparing again after a report could not be completed, unless a person changes something first. */
const PREPARE_RETRY_MS = 60 * 60 * 1000;

export async function filingWorkflow(input: FilingWorkflowInput): Promise<FilingState> {
  const state: FilingState = {
    filingId: input.filingId,
    status: 'draft',
    dueAt: input.dueAt,
    reminders: [],
    rejections: [],
    edits: {},
    incidentId: input.incidentId,
    obligationId: input.obligationId,
    regime: input.regime,
    phase: input.phase,
    recipientId: input.recipientId,
    clockStartedAt: input.clockStartedAt,
  };
  const ref: FilingRef = {
    filingId: input.filingId,
    incidentId: input.incidentId,
    obligationId: input.obligationId,
    regime: input.regime,
    phase: input.phase,
    recipientId: input.recipientId,
    dueAt: input.dueAt,
    ...(input.region ? { region: input.region } : {}),
  };
  const due = Date.parse(input.dueAt);
  const isLate = () => Date.now() > due;
  const needsReasons = lateNeedsReasons(input.regime, input.phase, input.obligationId);
  const flags = { earlierFiled: !input.earlierFilingId, cancelReason: undefined as string | undefined };
  let changes = 0;
  /** The status the ledger holds: updates answer once their change is there, where the API reads it. */
  let persisted: FilingStatus = 'draft';
  const sent = () => state.status === 'submitted' || state.status === 'acknowledged';

  const summary = (): FilingSummary => ({
    id: input.filingId,
    obligationId: input.obligationId,
    recipient: input.recipientId,
    regime: input.regime,
    phase: input.phase,
    status: state.status,
    dueAt: input.dueAt,
    ...(state.waitingFor ? { waitingFor: state.waitingFor } : {}),
    ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
    ...(state.receipt
      ? {
          receipt: {
            adapter: state.receipt.adapter,
            at: state.receipt.at,
            reference: state.receipt.reference,
          },
        }
      : {}),
    ...(state.acknowledgement
      ? {
          acknowledgement: {
            by: state.acknowledgement.by,
            at: state.acknowledgement.at,
            reference: state.acknowledgement.reference,
          },
        }
      : {}),
  });
  const tellIncident = async () => {
    const parent = workflowInfo().parent;
    if (!parent) return;
    // The incident may be gone (its retention ended); the filing goes on regardless.
    await getExternalWorkflowHandle(parent.workflowId)
      .signal(filingChangedSignal, summary())
      .catch(() => undefined);
  };
  /** Records an action in the store and audit log; `status` moves the filing on. */
  const record = async (
    action: string,
    opts: { status?: FilingStatus; actor?: string; reason?: string; details?: Record<string, unknown> } = {},
  ) => {
    if (opts.status) state.status = opts.status;
    const status = state.status;
    changes += 1;
    await ledger.recordFilingStatus({
      ...ref,
      status: state.status,
      action,
      actor: opts.actor ?? 'system',
      key: `${input.filingId}:${changes}:${action}`,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.details ? { details: opts.details } : {}),
      ...(state.receipt ? { receipt: state.receipt } : {}),
      ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
      ...(state.acknowledgement
        ? { acknowledgement: state.acknowledgement, acknowledgedAt: state.acknowledgement.at }
        : {}),
    });
    persisted = status;
    await tellIncident();
  };
  /** The status a filing shows while it waits: past its deadline that is `overdue`, whatever it waits for. */
  const waitingStatus = (s: FilingStatus): FilingStatus => (isLate() ? 'overdue' : s);
  /** Waits for `done` (or a cancellation); false when cancelled. */
  const waitFor = async (what: FilingWaitingFor, status: FilingStatus, done: () => boolean) => {
    if (!done() && flags.cancelReason === undefined) {
      state.waitingFor = what;
      await record(`waiting:${what}`, { status: waitingStatus(status) });
      await condition(() => done() || flags.cancelReason !== undefined);
      state.waitingFor = undefined;
    }
    return flags.cancelReason === undefined;
  };

  const revision = filingHandlers(state, { record, sent, persisted: () => persisted });
  setHandler(filingStateQuery, () => state);
  setHandler(cancelFilingSignal, ({ reason }) => {
    if (!sent() && state.status !== 'cancelled') flags.cancelReason = reason;
  });
  setHandler(earlierPhaseFiledSignal, () => {
    flags.earlierFiled = true;
  });

  // The reminders run beside everything below until the filing went out or was cancelled.
  void remind();

  const outcome = await prepareAndSubmit();
  if (outcome === 'cancelled') {
    state.cancellation = { at: new Date().toISOString(), reason: flags.cancelReason ?? 'cancelled' };
    await record('cancelled', { status: 'cancelled', reason: state.cancellation.reason });
    return state;
  }
  state.waitingFor = 'acknowledgement';
  await tellIncident();
  if (await condition(() => state.acknowledgement !== undefined, ACKNOWLEDGEMENT_WAIT_MS)) {
    state.waitingFor = undefined;
    await record('acknowledged', {
      status: 'acknowledged',
      actor: state.acknowledgement!.by,
      details: { reference: state.acknowledgement!.reference },
    });
  }
  return state;

  async function prepareAndSubmit(): Promise<'submitted' | 'cancelled'> {
    if (!(await waitFor('earlier_phase', 'draft', () => flags.earlierFiled))) return 'cancelled';
    let reportHash: string | undefined;
    let preparedAt = -1;
    let preparedLate = false;
    for (;;) {
      if (flags.cancelReason !== undefined) return 'cancelled';
      const late = isLate();
      if (late && needsReasons && !state.delayReasons) {
        if (!(await waitFor('delay_reasons', 'overdue', () => state.delayReasons !== undefined)))
          return 'cancelled';
        continue;
      }
      if (reportHash === undefined || preparedAt !== revision.count || preparedLate !== late) {
        preparedAt = revision.count;
        preparedLate = late;
        const prepared = await ledger.prepareFiling({
          ...ref,
          late,
          edits: state.edits,
          ...(state.delayReasons ? { delayReasons: state.delayReasons.reasons } : {}),
        });
        if (!prepared.ok) {
          reportHash = undefined;
          state.problem = prepared.problem;
          state.waitingFor = 'report_fields';
          await record('incomplete', { status: waitingStatus('draft'), reason: prepared.problem });
          await condition(
            () => revision.count !== preparedAt || flags.cancelReason !== undefined,
            PREPARE_RETRY_MS,
          );
          state.waitingFor = undefined;
          continue;
        }
        state.problem = undefined;
        reportHash = prepared.reportHash;
        state.reportHash = reportHash;
      }
      const approved = () => state.approval !== undefined && revision.approvedAt === revision.count;
      if (input.requiresApproval && !approved()) {
        const seen = revision.count;
        if (!(await waitFor('approval', 'awaiting_approval', () => approved() || revision.count !== seen)))
          return 'cancelled';
        continue;
      }
      break;
    }
    return submit(reportHash);
  }

  async function submit(reportHash: string): Promise<'submitted' | 'cancelled'> {
    let result: SubmissionOutcome;
    try {
      result = await adapter.submitFiling({ ...ref, reportHash });
    } catch (err) {
      const cause =
        err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
      state.problem = `the submission failed: ${cause?.message ?? String(err)}; file it by hand and record the confirmation number`;
      result = { kind: 'prepared_for_portal', portalUrl: '', formFields: [] };
    }
    if (result.kind === 'prepared_for_portal') {
      if (result.portalUrl) state.portal = { portalUrl: result.portalUrl, formFields: result.formFields };
      const confirmed = () => state.portalConfirmation !== undefined;
      if (!(await waitFor('portal_confirmation', 'awaiting_manual_submission', confirmed)))
        return 'cancelled';
      const c = state.portalConfirmation!;
      state.receipt = {
        adapter: 'portal',
        at: c.at,
        reference: c.confirmationNumber,
        detail: { by: c.by, ...(c.evidenceSha256 ? { evidenceSha256: c.evidenceSha256 } : {}), reportHash },
      };
    } else {
      state.receipt = result.receipt;
    }
    state.submittedAt = state.receipt.at;
    state.problem = undefined;
    await record('submitted', {
      status: 'submitted',
      details: { reportHash, adapter: state.receipt.adapter, reference: state.receipt.reference },
    });
    return 'submitted';
  }

  async function remind(): Promise<void> {
    const times = reminderTimes(Date.parse(input.clockStartedAt), due);
    const settled = () => sent() || state.status === 'cancelled' || flags.cancelReason !== undefined;
    for (let i = 0; i < times.length; i++) {
      const wait = times[i]!.at - Date.now();
      if (wait > 0 && (await condition(settled, wait))) return;
      if (settled()) return;
      // Reminders that all fell due while nothing ran: only the latest goes out.
      while (i + 1 < times.length && times[i + 1]!.at <= Date.now()) i++;
      const { at, share } = times[i]!;
      if (share >= 1 && state.status !== 'overdue') await record('overdue', { status: 'overdue' });
      const lateByMs = Math.max(Date.now() - at, 0);
      const reminderDueAt = new Date(at).toISOString();
      await ledger.sendFilingReminder({
        ...ref,
        key: `${input.filingId}:reminder:${i}`,
        share,
        reminderDueAt,
        lateByMs,
        status: state.status,
        ...(state.waitingFor ? { waitingFor: state.waitingFor } : {}),
      });
      state.reminders.push({ share, dueAt: reminderDueAt, sentAt: new Date().toISOString(), lateByMs });
    }
  }
}
