// What the incident owes to whom and by when, from the workflow's own state: used by the workflow
// (deterministic: it passes workflow time) and by the API (with the wall clock, for overdue).
import { computeObligations, type Obligation } from '../domain/obligations/engine.js';
import type { IncidentState, IncidentWorkflowInput, OpenObligation } from './incident-messages.js';

export function incidentObligations(
  input: IncidentWorkflowInput,
  state: IncidentState,
  now: string,
): Obligation[] {
  const enteredAt = (phase: string) => state.history.find((h) => h.phase === phase)?.at;
  const ended = enteredAt('closed') ?? enteredAt('cancelled');
  // A filing that went out fulfils its obligation.
  const completed = Object.fromEntries(
    (state.filings ?? []).flatMap((f) => (f.submittedAt ? [[f.obligationId, f.submittedAt]] : [])),
  );
  return computeObligations({
    incidentId: input.incidentId,
    facts: state.dataCategories ? { ...input.facts, dataCategories: state.dataCategories } : input.facts,
    assessment: state.assessment && {
      affected: state.assessment.affected,
      byCountry: state.assessment.byCountry,
      byRegion: state.assessment.byRegion,
    },
    judgements: state.judgements,
    events: {
      ...(enteredAt('notifying') ? { noticesStartedAt: enteredAt('notifying') } : {}),
      ...(enteredAt('reporting') ? { noticesCompletedAt: enteredAt('reporting') } : {}),
      ...(ended ? { handlingEndedAt: ended } : {}),
      ...(Object.keys(completed).length > 0 ? { completed } : {}),
    },
    now,
  });
}

/** What is still owed and would go unanswered if the incident closed now: regime and kind, no people. */
export function openObligationsOf(obligations: Obligation[]): OpenObligation[] {
  return obligations
    .filter((o) => o.status === 'due' || o.status === 'overdue')
    .map((o) => ({ regime: o.regime, kind: o.kind, status: o.status }));
}
