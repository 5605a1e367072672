// What people may ask of a running incident (approve, cancel, close, judge, import from the directory,
// supplement) and the phase rules that answer them: each request is checked in its validator and only
// then recorded on the state, where the incident's story (incident.ts) picks it up.
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  type CancellationScope,
} from '@temporalio/workflow';
import type { DirectoryActivities } from '../activities/directory.js';
import { Judgement as JudgementSchema, type Judgement } from '../domain/obligations/judgement.js';
import { isFinal, type Phase } from '../domain/phases.js';
import type { AnnouncementTrack } from './announcement.js';
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
  type CancelInput,
  type CloseInput,
  type IncidentState,
  type IncidentWorkflowInput,
  type SupplementInput,
} from './incident-messages.js';

// A directory of a million people takes minutes; the heartbeat shows it is still reading.
const directory = proxyActivities<DirectoryActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** The requests the story waits on; the handlers set them, the story reads them. */
export interface IncidentRequests {
  cancel?: CancelInput;
  close?: CloseInput;
  /** Uploads or an import changed the affected people since the last assessment. */
  affectedUsersChanged: boolean;
}

export interface IncidentHandlerDeps {
  /** Cancelled when a person cancels the incident. */
  lifecycle: CancellationScope;
  announcement: AnnouncementTrack;
  /** Recomputes the obligations after a judgement or a correction of the data categories. */
  refreshObligations(): void;
}

export function registerIncidentHandlers(
  input: IncidentWorkflowInput,
  state: IncidentState,
  deps: IncidentHandlerDeps,
): IncidentRequests {
  const requests: IncidentRequests = { affectedUsersChanged: false };
  const rules = phaseRules(input, state, requests);
  setHandler(stateQuery, () => state);
  registerDecisions(input, state, requests, rules, deps);
  registerChanges(input, state, requests, rules, deps);
  return requests;
}

interface PhaseRules {
  requirePhase(allowed: Phase[], action: string): void;
  refuseWhileDeciding(action: string): void;
}

function phaseRules(
  input: IncidentWorkflowInput,
  state: IncidentState,
  requests: IncidentRequests,
): PhaseRules {
  return {
    requirePhase(allowed, action) {
      if (!allowed.includes(state.phase)) {
        throw ApplicationFailure.nonRetryable(
          `cannot ${action} incident ${input.incidentId} in phase ${state.phase}; allowed in: ${allowed.join(', ')}`,
          WRONG_PHASE,
        );
      }
    },
    // Two requests may reach one workflow task together: each validator must see what the handlers
    // before it already decided, so every decision is taken synchronously before a handler awaits.
    refuseWhileDeciding(action) {
      const pending =
        (requests.cancel && 'a cancellation') ??
        (requests.close && 'a close') ??
        (state.phase === 'awaiting_approval' && state.approval && 'an approval');
      if (pending) {
        throw ApplicationFailure.nonRetryable(
          `cannot ${action} incident ${input.incidentId}: ${pending} is already under way`,
          WRONG_PHASE,
        );
      }
    },
  };
}

/** What is still owed right now, at workflow time. */
export function openObligationsNow(input: IncidentWorkflowInput, state: IncidentState) {
  return openObligationsOf(incidentObligations(input, state, new Date().toISOString()));
}

/** Approve, cancel and close: the decisions that move the incident on. */
function registerDecisions(
  input: IncidentWorkflowInput,
  state: IncidentState,
  requests: IncidentRequests,
  { requirePhase, refuseWhileDeciding }: PhaseRules,
  { lifecycle }: IncidentHandlerDeps,
): void {
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
      requests.cancel = request;
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
      requests.close = request;
      state.closure = {
        by: request.by,
        at: new Date().toISOString(),
        note: request.reason,
        openObligations: openObligationsNow(input, state),
      };
      await condition(() => isFinal(state.phase));
      return state;
    },
    {
      validator: (request: CloseInput) => {
        requirePhase(['monitoring'], 'close');
        refuseWhileDeciding('close');
        const open = openObligationsNow(input, state);
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
}

/** Judgements, the directory import, supplements and uploads: what changes the incident's facts. */
function registerChanges(
  input: IncidentWorkflowInput,
  state: IncidentState,
  requests: IncidentRequests,
  { requirePhase, refuseWhileDeciding }: PhaseRules,
  { announcement, refreshObligations }: IncidentHandlerDeps,
): void {
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
        requests.affectedUsersChanged = true;
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
      const version = (state.supplements.at(-1)?.version ?? 1) + 1;
      state.supplements.push({ version, by, note, requestedAt: new Date().toISOString() });
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
    requests.affectedUsersChanged = true;
  });
}
