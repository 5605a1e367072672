// One regulator filing, from draft to the regulator's acknowledgement: it waits for the earlier phase,
// the approver and (when late) the reasons for delay, submits once, and for portal-only regulators waits
// for a person's confirmation number. Its deadline lives in durable timers that remind the incident's
// contact whatever else the filing waits for; the report itself stays in the ledger.
import { ActivityFailure, ApplicationFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filings.js';
import type { SubmissionOutcome } from '../activities/filing-submission/index.js';
import { reminderTimes } from './filing-clock.js';
import type { FilingState, FilingWorkflowInput } from './filing-messages.js';
import { FilingRun, ledger } from './filing-run.js';

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

type Outcome = 'submitted' | 'cancelled';

export async function filingWorkflow(input: FilingWorkflowInput): Promise<FilingState> {
  const run = new FilingRun(input);
  const { state } = run;
  // The reminders run beside everything below until the filing went out or was cancelled.
  void remind(run);

  if ((await prepareAndSubmit(run)) === 'cancelled') {
    state.cancellation = { at: new Date().toISOString(), reason: run.cancelReason ?? 'cancelled' };
    await run.record('cancelled', { status: 'cancelled', reason: state.cancellation.reason });
    return state;
  }
  state.waitingFor = 'acknowledgement';
  await run.tellIncident();
  if (await condition(() => state.acknowledgement !== undefined, ACKNOWLEDGEMENT_WAIT_MS)) {
    state.waitingFor = undefined;
    await run.record('acknowledged', {
      status: 'acknowledged',
      actor: state.acknowledgement!.by,
      details: { reference: state.acknowledgement!.reference },
    });
  }
  return state;
}

/** Builds the report as it stands; undefined (the filing waits a while or for a change) when incomplete. */
async function prepareReport(run: FilingRun, late: boolean): Promise<string | undefined> {
  const { state, revision } = run;
  const prepared = await ledger.prepareFiling({
    ...run.ref,
    late,
    edits: state.edits,
    ...(state.delayReasons ? { delayReasons: state.delayReasons.reasons } : {}),
  });
  if (prepared.ok) {
    state.problem = undefined;
    state.reportHash = prepared.reportHash;
    return prepared.reportHash;
  }
  const seen = revision.count;
  state.problem = prepared.problem;
  state.waitingFor = 'report_fields';
  await run.record('incomplete', { status: run.waitingStatus('draft'), reason: prepared.problem });
  await condition(() => revision.count !== seen || run.cancelled(), PREPARE_RETRY_MS);
  state.waitingFor = undefined;
  return undefined;
}

async function prepareAndSubmit(run: FilingRun): Promise<Outcome> {
  const { state, revision, input } = run;
  if (!(await run.waitFor('earlier_phase', 'draft', () => run.earlierFiled))) return 'cancelled';
  let reportHash: string | undefined;
  let preparedAt = -1;
  let preparedLate = false;
  const approved = () => state.approval !== undefined && revision.approvedAt === revision.count;
  for (;;) {
    if (run.cancelled()) return 'cancelled';
    const late = run.isLate();
    if (late && run.needsReasons && !state.delayReasons) {
      if (!(await run.waitFor('delay_reasons', 'overdue', () => state.delayReasons !== undefined)))
        return 'cancelled';
      continue;
    }
    if (reportHash === undefined || preparedAt !== revision.count || preparedLate !== late) {
      preparedAt = revision.count;
      preparedLate = late;
      reportHash = await prepareReport(run, late);
      if (reportHash === undefined) continue;
    }
    if (input.requiresApproval && !approved()) {
      const seen = revision.count;
      const decided = () => approved() || revision.count !== seen;
      if (!(await run.waitFor('approval', 'awaiting_approval', decided))) return 'cancelled';
      continue;
    }
    return submit(run, reportHash);
  }
}

async function submit(run: FilingRun, reportHash: string): Promise<Outcome> {
  const { state } = run;
  let result: SubmissionOutcome;
  try {
    result = await adapter.submitFiling({ ...run.ref, reportHash });
  } catch (err) {
    const cause =
      err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
    state.problem = `the submission failed: ${cause?.message ?? String(err)}; file it by hand and record the confirmation number`;
    result = { kind: 'prepared_for_portal', portalUrl: '', formFields: [] };
  }
  if (result.kind === 'prepared_for_portal') {
    if (result.portalUrl) state.portal = { portalUrl: result.portalUrl };
    const confirmed = () => state.portalConfirmation !== undefined;
    if (!(await run.waitFor('portal_confirmation', 'awaiting_manual_submission', confirmed)))
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
  await run.record('submitted', {
    status: 'submitted',
    details: { reportHash, adapter: state.receipt.adapter, reference: state.receipt.reference },
  });
  return 'submitted';
}

/** Durable timers at shares of the time allowed; one that fell due while nothing ran fires on recovery. */
async function remind(run: FilingRun): Promise<void> {
  const { state, input } = run;
  const times = reminderTimes(Date.parse(input.clockStartedAt), run.due);
  const settled = () => run.sent() || state.status === 'cancelled' || run.cancelled();
  for (let i = 0; i < times.length; i++) {
    const wait = times[i]!.at - Date.now();
    if (wait > 0 && (await condition(settled, wait))) return;
    if (settled()) return;
    // Reminders that all fell due while nothing ran: only the latest goes out.
    while (i + 1 < times.length && times[i + 1]!.at <= Date.now()) i++;
    const { at, share } = times[i]!;
    if (share >= 1 && state.status !== 'overdue') await run.record('overdue', { status: 'overdue' });
    const lateByMs = Math.max(Date.now() - at, 0);
    const reminderDueAt = new Date(at).toISOString();
    await ledger.sendFilingReminder({
      ...run.ref,
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
