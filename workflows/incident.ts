// The life of one incident, decided here: open, assess who is affected, wait for a person to approve,
// notify, report to regulators, monitor, close, and finally purge personal data after retention.
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { DirectoryActivities } from '../activities/directory.js';
import type { IncidentActivities } from '../activities/incident.js';
import { Judgement as JudgementSchema, type Judgement } from '../domain/obligations/judgement.js';
import { isFinal, type Phase } from '../domain/phases.js';
import { IncidentPhaseAttribute } from '../domain/search-attributes.js';
import { announcementTrack } from './announcement.js';
import { sendIndividualNotices } from './fanout.js';
import { incidentFilings } from './filings.js';
import { incidentObligations, openObligationsOf } from './incident-obligations.js';
import {
  affectedUsersChangedSignal,
  approveUpdate,
  cancelUpdate,
  closeUpdate,
  importFromDirectoryUpdate,
  recordJudgementUpdate,
  stateQuery,
  supplementUpdate,
  OPEN_OBLIGATIONS,
  WRONG_PHASE,
  type ApproveInput,
  type SupplementInput,
  type CancelInput,
  type CloseInput,
  type IncidentState,
  type IncidentWorkflowInput,
} from './incident-messages.js';

const ledger = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// A directory of a million people takes minutes; the heartbeat shows it is still reading.
const directory = proxyActivities<DirectoryActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const DAY_MS = 24 * 60 * 60 * 1000;

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentState> {
  const state: IncidentState = {
    incidentId: input.incidentId,
    phase: 'opened',
    severity: input.facts.severity,
    history: [],
    judgements: [],
    obligations: [],
    supplements: [],
  };
  const supplements = state.supplements;
  const announcement = announcementTrack(input, state);
  const refreshObligations = () => {
    state.obligations = incidentObligations(input, state, new Date().toISOString());
    announcement.propose();
  };
  let cancelRequest: CancelInput | undefined;
  let closeRequest: CloseInput | undefined;
  let affectedUsersChanged = false;
  const lifecycle = new CancellationScope();
  const filings = incidentFilings(input, state);

  const requirePhase = (allowed: Phase[], action: string) => {
    if (!allowed.includes(state.phase)) {
      throw ApplicationFailure.nonRetryable(
        `cannot ${action} incident ${input.incidentId} in phase ${state.phase}; allowed in: ${allowed.join(', ')}`,
        WRONG_PHASE,
      );
    }
  };

  // Two requests may reach one workflow task together: each validator must see what the handlers before
  // it already decided, so every decision is taken synchronously before a handler awaits anything.
  const refuseWhileDeciding = (action: string) => {
    const pending =
      (cancelRequest && 'a cancellation') ??
      (closeRequest && 'a close') ??
      (state.phase === 'awaiting_approval' && state.approval && 'an approval');
    if (pending) {
      throw ApplicationFailure.nonRetryable(
        `cannot ${action} incident ${input.incidentId}: ${pending} is already under way`,
        WRONG_PHASE,
      );
    }
  };
  const openObligations = () =>
    openObligationsOf(incidentObligations(input, state, new Date().toISOString()));

  setHandler(stateQuery, () => state);
  setHandler(
    approveUpdate,
    async ({ by, note }) => {
      state.approval = { by, at: new Date().toISOString(), note };
      await condition(() => state.phase !== 'awaiting_approval');
      return state;
    },
    {
      validator: (_request: ApproveInput) => {
        requirePhase(['awaiting_approval'], 'approve');
        refuseWhileDeciding('approve');
        if (state.directoryImport?.status === 'running') {
          throw ApplicationFailure.nonRetryable(
            'cannot approve while the directory import is running',
            WRONG_PHASE,
          );
        }
      },
    },
  );
  setHandler(
    cancelUpdate,
    async (request) => {
      cancelRequest = request;
      lifecycle.cancel();
      await condition(() => state.phase === 'cancelled');
      return state;
    },
    {
      validator: (_request: CancelInput) => {
        if (isFinal(state.phase)) requirePhase([], 'cancel');
        refuseWhileDeciding('cancel');
      },
    },
  );
  setHandler(
    closeUpdate,
    async (request) => {
      closeRequest = request;
      state.closure = {
        by: request.by,
        at: new Date().toISOString(),
        note: request.reason,
        openObligations: openObligations(),
      };
      await condition(() => isFinal(state.phase));
      return state;
    },
    {
      validator: (request: CloseInput) => {
        requirePhase(['monitoring'], 'close');
        refuseWhileDeciding('close');
        const open = openObligations();
        if (open.length > 0 && !(request.acknowledgeOpenObligations && request.reason)) {
          const listed = open.map((o) => `${o.regime} ${o.kind} (${o.status})`).join(', ');
          throw ApplicationFailure.nonRetryable(
            `cannot close incident ${input.incidentId} while obligations are open: ${listed}; ` +
              'to close anyway send acknowledgeOpenObligations: true with a reason',
            OPEN_OBLIGATIONS,
            open,
          );
        }
      },
    },
  );
  setHandler(
    recordJudgementUpdate,
    (judgement) => {
      state.judgements.push(judgement);
      refreshObligations();
      return state;
    },
    {
      validator: (judgement: Judgement) => {
        if (isFinal(state.phase)) requirePhase([], 'record a judgement on');
        const parsed = JudgementSchema.safeParse(judgement);
        if (!parsed.success) {
          throw ApplicationFailure.nonRetryable(
            `invalid judgement: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            'InvalidJudgement',
          );
        }
      },
    },
  );
  setHandler(
    importFromDirectoryUpdate,
    async () => {
      state.directoryImport = { status: 'running', startedAt: new Date().toISOString() };
      try {
        const summary = await directory.importAffectedUsersFromDirectory(input.incidentId);
        state.directoryImport = { ...state.directoryImport, status: 'done', summary };
        affectedUsersChanged = true;
        return summary;
      } catch (err) {
        state.directoryImport = {
          ...state.directoryImport,
          status: 'failed',
          error: String((err as Error).cause ?? err),
        };
        throw err;
      }
    },
    {
      validator: () => {
        requirePhase(['assessing', 'awaiting_approval'], 'import affected users from the directory for');
        refuseWhileDeciding('import affected users from the directory for');
        if (state.directoryImport?.status === 'running') {
          throw ApplicationFailure.nonRetryable('a directory import is already running', WRONG_PHASE);
        }
      },
    },
  );
  setHandler(
    supplementUpdate,
    ({ by, note, dataCategories }) => {
      const version = (supplements.at(-1)?.version ?? 1) + 1;
      supplements.push({ version, by, note, requestedAt: new Date().toISOString() });
      announcement.supplemented();
      if (dataCategories) {
        state.dataCategories = dataCategories;
        refreshObligations();
      }
      return version;
    },
    {
      validator: (_request: SupplementInput) => {
        requirePhase(['monitoring'], 'send a supplemental notice for');
        refuseWhileDeciding('send a supplemental notice for');
      },
    },
  );
  setHandler(affectedUsersChangedSignal, () => {
    affectedUsersChanged = true;
  });

  async function enter(phase: Phase, by?: string, reason?: string): Promise<void> {
    const at = new Date().toISOString();
    state.phase = phase;
    state.history.push({ phase, at, by, reason });
    upsertSearchAttributes([{ key: IncidentPhaseAttribute, value: phase }]);
    refreshObligations();
    await ledger.recordPhase({ incidentId: input.incidentId, phase, at, actor: by ?? 'system', reason });
  }

  async function assess(): Promise<void> {
    state.assessment = await ledger.assessAffectedUsers(input.incidentId);
    state.assessedAt = new Date().toISOString();
    refreshObligations();
  }

  // Outside the lifecycle: an announcement stays up, and is archived, after the incident closed.
  const announcing = announcement.run();
  try {
    await lifecycle.run(async () => {
      await enter('opened', input.openedBy);

      await enter('assessing');
      await assess();

      await enter('awaiting_approval');
      // Uploads may still arrive while people decide; each one is assessed again before approval.
      for (;;) {
        await condition(() => state.approval !== undefined || affectedUsersChanged);
        if (state.approval) break;
        affectedUsersChanged = false;
        await assess();
      }
      announcement.approveWithNotices(state.approval);

      await enter('notifying', state.approval?.by, state.approval?.note);
      // Regulator clocks do not wait for the notices: filings start with them.
      filings.begin();
      // A substitute notice standing in for everyone replaces the fan-out (the decision says for whom).
      if (!announcement.replacesEveryone()) {
        state.notices = await sendIndividualNotices({
          incidentId: input.incidentId,
          severity: state.severity,
        });
      }
      announcement.afterNotices(state.notices);

      await enter('reporting');
      await filings.reported();

      await enter('monitoring');
      // Monitoring ends when a person closes the incident or its period runs out; supplemental notices
      // (new facts) asked for meanwhile go out here, one version after another.
      const monitoringEnds = Date.now() + input.policy.monitoringDays * DAY_MS;
      let closedByPerson = false;
      for (;;) {
        const woke = await condition(
          () => closeRequest !== undefined || supplements.some((v) => !v.totals),
          Math.max(monitoringEnds - Date.now(), 0),
        );
        const next = supplements.find((v) => !v.totals);
        if (woke && next && closeRequest === undefined) {
          next.totals = announcement.replacesEveryone()
            ? null
            : ((await sendIndividualNotices({
                incidentId: input.incidentId,
                severity: state.severity,
                noticeVersion: next.version,
              })) ?? null);
          continue;
        }
        closedByPerson = woke;
        break;
      }
      await enter(
        'closed',
        closedByPerson ? closeRequest?.by : undefined,
        closedByPerson ? closeRequest?.reason : 'monitoring period ended',
      );
    });
  } catch (err) {
    if (!(cancelRequest && isCancellation(err))) throw err;
    await enter('cancelled', cancelRequest.by, cancelRequest.reason);
    await filings.cancelAll(`the incident was cancelled: ${cancelRequest.reason}`);
  }

  // Counts and the audit log stay; the people's contact data goes once retention has passed.
  await sleep(input.policy.retentionDays * DAY_MS);
  await ledger.purgePersonalData(input.incidentId);
  state.purgedAt = new Date().toISOString();
  announcement.finish();
  await announcing;
  return state;
}
