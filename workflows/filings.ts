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
  return new FilingsOfIncident(input, state);
}

/** The earlier filed phase of the same regime, kind and region, in the rules pack's order. */
function earlierPhase(o: Obligation, obligations: Obligation[]): Obligation | undefined {
  const same = obligations.filter(
    (x) => isFiledKind(x.kind) && x.regime === o.regime && x.kind === o.kind && x.region === o.region,
  );
  const at = same.findIndex((x) => x.id === o.id);
  return at > 0 ? same[at - 1] : undefined;
}

class FilingsOfIncident implements IncidentFilings {
  private readonly filings: FilingSummary[] = [];
  /** Later phase's filing id → the earlier phase's filing id it waits for. */
  private readonly earlierOf = new Map<string, string>();
  private readonly toSignal: string[] = [];
  /** Filing id → reason to cancel it; '' once the signal went. */
  private readonly cancelling = new Map<string, string>();
  private syncedFor: Obligation[] | undefined;
  private stopped = false;
  private begun = false;

  constructor(
    private readonly input: IncidentWorkflowInput,
    private readonly state: IncidentState,
  ) {
    state.filings = this.filings;
    setHandler(filingChangedSignal, (summary) => this.changed(summary));
  }

  private changed(summary: FilingSummary): void {
    const i = this.filings.findIndex((f) => f.id === summary.id);
    if (i < 0) return;
    const wasSettled = settled(this.filings[i]!);
    this.filings[i] = summary;
    if (wasSettled || !settled(summary)) return;
    for (const [later, earlier] of this.earlierOf) if (earlier === summary.id) this.toSignal.push(later);
    // A filed obligation is fulfilled: the obligations list shows it `done`.
    if (summary.submittedAt)
      this.state.obligations = incidentObligations(this.input, this.state, new Date().toISOString());
  }

  private async start(o: Obligation): Promise<void> {
    const { input, filings } = this;
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
    const region = o.region ? { region: o.region } : {};
    const recipient = await ledger.filingRecipient({ regime: o.regime, ...region });
    summary.recipient = recipient?.recipientId ?? NO_RECIPIENT;
    const earlier = earlierPhase(o, this.state.obligations);
    const earlierId = earlier && filingIdOf(input.incidentId, earlier.id);
    const waits = earlierId !== undefined && !filings.some((f) => f.id === earlierId && settled(f));
    if (waits) this.earlierOf.set(id, earlierId);
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
      ...region,
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

  private async sync(): Promise<void> {
    const obligations = this.state.obligations;
    const filed = obligations.filter((o) => isFiledKind(o.kind));
    for (const o of filed) {
      const id = filingIdOf(this.input.incidentId, o.id);
      const existing = this.filings.find((f) => f.id === id);
      if (!existing && obligationOwed(o)) await this.start(o);
      else if (existing && o.status === 'not_required')
        this.cancel(existing, `the obligation no longer applies: ${o.reason}`);
    }
    for (const f of this.filings) {
      if (!filed.some((o) => o.id === f.obligationId))
        this.cancel(f, `the obligation no longer applies: ${f.regime} does not reach this incident now`);
    }
    this.syncedFor = obligations;
  }

  private cancel(f: FilingSummary, reason: string): void {
    if (!settled(f) && !this.cancelling.has(f.id)) this.cancelling.set(f.id, reason);
  }

  private async signalChildren(): Promise<void> {
    while (this.toSignal.length > 0) {
      const id = this.toSignal.shift()!;
      this.earlierOf.delete(id);
      await getExternalWorkflowHandle(filingWorkflowId(id)).signal(earlierPhaseFiledSignal);
    }
    for (const [id, reason] of this.cancelling) {
      if (reason === '') continue;
      this.cancelling.set(id, '');
      await getExternalWorkflowHandle(filingWorkflowId(id)).signal(cancelFilingSignal, { reason });
    }
  }

  private pendingCancels(): boolean {
    return [...this.cancelling.values()].some((r) => r !== '');
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.syncedFor !== this.state.obligations) await this.sync();
      await this.signalChildren();
      await condition(
        () =>
          this.stopped ||
          this.syncedFor !== this.state.obligations ||
          this.toSignal.length > 0 ||
          this.pendingCancels(),
      );
    }
  }

  begin(): void {
    if (this.begun) return;
    this.begun = true;
    // Outside the incident's lifecycle scope: cancelling the incident must not cancel this loop or the
    // children it starts; they are cancelled by signal, with the reason.
    void CancellationScope.nonCancellable(() => this.run());
  }

  async reported(): Promise<void> {
    // A regime's first phase: a filing whose obligation has no earlier filed phase.
    const first = (f: FilingSummary) => {
      const o = this.state.obligations.find((x) => x.id === f.obligationId);
      return o === undefined || earlierPhase(o, this.state.obligations) === undefined;
    };
    const handedOver = (f: FilingSummary) =>
      settled(f) || (f.waitingFor !== undefined && PERSON_WAITS.includes(f.waitingFor));
    await condition(
      () => this.syncedFor === this.state.obligations && this.filings.filter(first).every(handedOver),
    );
  }

  async cancelAll(reason: string): Promise<void> {
    if (!this.begun) return;
    for (const f of this.filings) this.cancel(f, reason);
    await this.signalChildren();
    this.stopped = true;
  }
}
