// The life of one incident, decided here: open, assess who is affected, wait for a person to approve,
// notify, report to regulators, monitor, close, and finally purge personal data after retention.
import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { IncidentActivities } from '../activities/incident.js';
import type { Phase } from '../domain/phases.js';
import { IncidentPhaseAttribute } from '../domain/search-attributes.js';
import { announcementTrack } from './announcement.js';
import { sendIndividualNotices } from './fanout.js';
import { incidentFilings } from './filings.js';
import { registerIncidentHandlers } from './incident-handlers.js';
import { monitorIncident } from './incident-monitoring.js';
import { incidentObligations } from './incident-obligations.js';
import type { IncidentState, IncidentWorkflowInput } from './incident-messages.js';

const ledger = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Moves the incident to a phase: its history, its search attribute, its obligations and the ledger. */
async function enterPhase(
  input: IncidentWorkflowInput,
  state: IncidentState,
  refreshObligations: () => void,
  { phase, by, reason }: { phase: Phase; by?: string; reason?: string },
): Promise<void> {
  const at = new Date().toISOString();
  state.phase = phase;
  state.history.push({ phase, at, by, reason });
  upsertSearchAttributes([{ key: IncidentPhaseAttribute, value: phase }]);
  refreshObligations();
  const head = await ledger.recordPhase({
    incidentId: input.incidentId,
    phase,
    at,
    actor: by ?? 'system',
    reason,
  });
  // Histories recorded before the chain existed return nothing here.
  if (head) (state.auditHeads ??= []).push(head);
}

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
  const announcement = announcementTrack(input, state);
  const refreshObligations = () => {
    state.obligations = incidentObligations(input, state, new Date().toISOString());
    announcement.propose();
  };
  const lifecycle = new CancellationScope();
  const filings = incidentFilings(input, state);
  const requests = registerIncidentHandlers(input, state, { lifecycle, announcement, refreshObligations });

  const enter = (phase: Phase, by?: string, reason?: string) =>
    enterPhase(input, state, refreshObligations, { phase, by, reason });
  const assess = async () => {
    state.assessment = await ledger.assessAffectedUsers(input.incidentId);
    state.assessedAt = new Date().toISOString();
    refreshObligations();
  };

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
        await condition(() => state.approval !== undefined || requests.affectedUsersChanged);
        if (state.approval) break;
        requests.affectedUsersChanged = false;
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
      const closing = await monitorIncident(input, state, requests, announcement);
      await enter('closed', closing.by, closing.reason);
    });
  } catch (err) {
    if (!(requests.cancel && isCancellation(err))) throw err;
    await enter('cancelled', requests.cancel.by, requests.cancel.reason);
    await filings.cancelAll(`the incident was cancelled: ${requests.cancel.reason}`);
  }

  // Counts and the audit log stay; the people's contact data goes once retention has passed.
  await sleep(input.policy.retentionDays * DAY_MS);
  await ledger.purgePersonalData(input.incidentId);
  state.purgedAt = new Date().toISOString();
  announcement.finish();
  await announcing;
  return state;
}
