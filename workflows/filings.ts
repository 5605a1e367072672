// The incident's regulator filings: one child filing workflow per obligation of a filed kind, started
// once, in phase order per regime (a later phase is told when the earlier one went out), cancelled with
// the reason when its obligation stops applying. The reporting phase ends once every regime's first
// filing went out, was cancelled, or waits for a person; later phases (NIS2's final report) go on
// while the incident is monitored, and closing still names the obligations left open.
import {
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filings.js';
import { filingIdOf, filingWorkflowId, isFiledKind } from '../domain/filing/filing.js';
import type { Obligation } from '../domain/obligations/engine.js';
import { filingWorkflow } from './filing.js';
import { obligationOwed } from './filing-clock.js';
import {
  cancelFilingSignal,
  earlierPhaseFiledSignal,
  filingChangedSignal,
  PERSON_WAITS,
  type FilingSummary,
  type FilingWorkflowInput,
} from './filing-messages.js';
import { incidentObligations } from './incident-obligations.js';
import type { IncidentState, IncidentWorkflowInput } from './incident-messages.js';

const ledger = proxyActivities<FilingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Without a period in the law ("without undue delay") reminders count to this after the clock starts. */
const UNDATED_REMINDER_HORIZON_MS = 72 * 60 * 60 * 1000;
/** Recipient id of a filing whose regime has no configured recipient: it waits for a hand submission. */
export const NO_RECIPIENT = 'none';

const settled = (f: FilingSummary) =>
  f.status === 'submitted' || f.status === 'acknowledged' || f.status === 'cancelled';

export interface IncidentFilings {
  /** Starts watching the obligations; filings start from now on. */
  begin(): void;
  /** Resolves once the reporting phase may end (see the file's head). */
  reported(): Promise<void>;
  /** Cancels every filing not yet sent (the incident was cancelled). */
  cancelAll(reason: string): Promise<void>;
}

export function incidentFilings(input: IncidentWorkflowInput, state: IncidentState): IncidentFilings {
  state.filings = [];
  const filings = state.filings;
  /** Later phase's filing id → the earlier phase's filing id it waits for. */
  const earlierOf = new Map<string, string>();
  const toSignal: string[] = [];
  const cancelling = new Map<string, string>();
  let syncedFor: Obligation[] | undefined;
  let stopped = false;
  let begun = false;

  setHandler(filingChangedSignal, (summary) => {
    const i = filings.findIndex((f) => f.id === summary.id);
    if (i < 0) return;
    const wasSettled = settled(filings[i]!);
    filings[i] = summary;
    if (!wasSettled && settled(summary)) {
      for (const [later, earlier] of earlierOf) if (earlier === summary.id) toSignal.push(later);
      // A filed obligation is fulfilled: the obligations list shows it `done`.
      if (summary.submittedAt)
        state.obligations = incidentObligations(input, state, new Date().toISOString());
    }
  });

  /** The earlier filed phase of the same regime, kind and region, in the rules pack's order. */
  const earlierPhase = (o: Obligation, filed: Obligation[]) => {
    const same = filed.filter((x) => x.regime === o.regime && x.kind === o.kind && x.region === o.region);
    const at = same.findIndex((x) => x.id === o.id);
    return at > 0 ? same[at - 1] : undefined;
  };

  async function start(o: Obligation, filed: Obligation[]): Promise<void> {
    const id = filingIdOf(input.incidentId, o.id);
    const clockStartedAt = o.clockStart!;
    const dueAt = o.dueAt ?? new Date(Date.parse(clockStartedAt) + UNDATED_REMINDER_HORIZON_MS).toISOString();
    const summary: FilingSummary = {
      id,
      obligationId: o.id,
      recipient: NO_RECIPIENT,
      regime: o.regime,
      phase: o.phase,
      status: 'draft',
      dueAt,
    };
    filings.push(summary);
    const recipient = await ledger.filingRecipient({
      regime: o.regime,
      ...(o.region ? { region: o.region } : {}),
    });
    summary.recipient = recipient?.recipientId ?? NO_RECIPIENT;
    const earlier = earlierPhase(o, filed);
    const earlierId = earlier && filingIdOf(input.incidentId, earlier.id);
    const waits = earlierId !== undefined && !filings.some((f) => f.id === earlierId && settled(f));
    if (waits) earlierOf.set(id, earlierId);
    const args: FilingWorkflowInput = {
      filingId: id,
      incidentId: input.incidentId,
      obligationId: o.id,
      regime: o.regime,
      phase: o.phase,
      recipientId: summary.recipient,
      clockStartedAt,
      dueAt,
      requiresApproval: recipient?.requiresApproval ?? false,
      ...(waits ? { earlierFilingId: earlierId } : {}),
      ...(o.region ? { region: o.region } : {}),
    };
    try {
      await startChild(filingWorkflow, {
        workflowId: filingWorkflowId(id),
        args: [args],
        // A filing outlives its incident's workflow; cancelling the incident cancels filings by signal.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      // Started before (an earlier run of this incident's workflow): it is the same filing.
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
  }

  async function sync(): Promise<void> {
    const obligations = state.obligations;
    const filed = obligations.filter((o) => isFiledKind(o.kind));
    for (const o of filed) {
      const id = filingIdOf(input.incidentId, o.id);
      const existing = filings.find((f) => f.id === id);
      if (!existing && obligationOwed(o)) await start(o, filed);
      else if (existing && !settled(existing) && o.status === 'not_required' && !cancelling.has(id))
        cancelling.set(id, `the obligation no longer applies: ${o.reason}`);
    }
    for (const f of filings) {
      if (!settled(f) && !cancelling.has(f.id) && !filed.some((o) => o.id === f.obligationId))
        cancelling.set(
          f.id,
          `the obligation no longer applies: ${f.regime} does not reach this incident now`,
        );
    }
    syncedFor = obligations;
  }

  async function signalChildren(): Promise<void> {
    while (toSignal.length > 0) {
      const id = toSignal.shift()!;
      earlierOf.delete(id);
      await getExternalWorkflowHandle(filingWorkflowId(id)).signal(earlierPhaseFiledSignal);
    }
    for (const [id, reason] of cancelling) {
      if (reason === '') continue;
      cancelling.set(id, '');
      await getExternalWorkflowHandle(filingWorkflowId(id)).signal(cancelFilingSignal, { reason });
    }
  }

  const pendingCancels = () => [...cancelling.values()].some((r) => r !== '');

  async function run(): Promise<void> {
    while (!stopped) {
      if (syncedFor !== state.obligations) await sync();
      await signalChildren();
      await condition(
        () => stopped || syncedFor !== state.obligations || toSignal.length > 0 || pendingCancels(),
      );
    }
  }

  return {
    begin() {
      if (begun) return;
      begun = true;
      // Outside the incident's lifecycle scope: cancelling the incident must not cancel this loop or the
      // children it starts; they are cancelled by signal, with the reason.
      void CancellationScope.nonCancellable(run);
    },
    async reported() {
      const firsts = () => filings.filter((f) => !earlierOf.has(f.id) && !isLaterPhase(f));
      await condition(
        () =>
          syncedFor === state.obligations &&
          firsts().every(
            (f) => settled(f) || (f.waitingFor !== undefined && PERSON_WAITS.includes(f.waitingFor)),
          ),
      );
    },
    async cancelAll(reason) {
      if (!begun) return;
      for (const f of filings) if (!settled(f) && !cancelling.has(f.id)) cancelling.set(f.id, reason);
      await signalChildren();
      stopped = true;
    },
  };

  /** A filing whose regime has an earlier filed phase among this incident's filings. */
  function isLaterPhase(f: FilingSummary): boolean {
    const ob = state.obligations.find((o) => o.id === f.obligationId);
    return (
      ob !== undefined &&
      earlierPhase(
        ob,
        state.obligations.filter((o) => isFiledKind(o.kind)),
      ) !== undefined
    );
  }
}
