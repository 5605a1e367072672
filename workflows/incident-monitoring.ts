// The incident's monitoring phase: supplemental notices go out as asked, and the phase ends when a
// person closes the incident or its period has run out with nothing left owed.
import { condition, proxyActivities } from '@temporalio/workflow';
import type { IncidentActivities } from '../activities/incident.js';
import type { AnnouncementTrack } from './announcement.js';
import { sendIndividualNotices } from './fanout.js';
import { openObligationsNow, type IncidentRequests } from './incident-handlers.js';
import type { IncidentState, IncidentWorkflowInput } from './incident-messages.js';

const ledger = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DAY_MS = 24 * 60 * 60 * 1000;

// Monitoring ends when a person closes the incident or its period runs out with nothing left owed;
// supplemental notices (new facts) asked for meanwhile go out here, one version after another.
export async function monitorIncident(
  input: IncidentWorkflowInput,
  state: IncidentState,
  requests: IncidentRequests,
  announcement: AnnouncementTrack,
): Promise<{ by?: string; reason: string | undefined }> {
  const monitoringEnds = Date.now() + input.policy.monitoringDays * DAY_MS;
  const pendingSupplement = () => state.supplements.find((v) => !v.totals);
  for (;;) {
    const periodEnded = state.monitoringPeriodEnded !== undefined;
    const settled = () =>
      requests.close !== undefined ||
      pendingSupplement() !== undefined ||
      (periodEnded && openObligationsNow(input, state).length === 0);
    const woke = periodEnded
      ? await condition(settled).then(() => true)
      : await condition(settled, Math.max(monitoringEnds - Date.now(), 0));
    if (requests.close) return { by: requests.close.by, reason: requests.close.reason };
    const next = pendingSupplement();
    if (woke && next) {
      next.totals = await sendSupplement(input, state, announcement, next.version);
      continue;
    }
    if (periodEnded) return { reason: 'monitoring period ended; the obligations open then are settled' };
    // A period that ran out does not close silently over what is still owed: a person decides.
    const open = openObligationsNow(input, state);
    if (open.length === 0) return { reason: 'monitoring period ended' };
    const at = new Date().toISOString();
    state.monitoringPeriodEnded = { at, openObligations: open };
    await ledger.recordMonitoringPeriodEnded({ incidentId: input.incidentId, at, openObligations: open });
  }
}

async function sendSupplement(
  input: IncidentWorkflowInput,
  state: IncidentState,
  announcement: AnnouncementTrack,
  noticeVersion: number,
) {
  if (announcement.replacesEveryone()) return null;
  const totals = await sendIndividualNotices({
    incidentId: input.incidentId,
    severity: state.severity,
    noticeVersion,
  });
  return totals ?? null;
}
