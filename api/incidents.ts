// What the API does with incidents: the ledger keeps the facts, the workflow decides the life.
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { IncidentFacts } from '../domain/incident.js';
import { IncidentPhaseAttribute, IncidentSeverityAttribute } from '../domain/search-attributes.js';
import { announcementPolicyOf } from '../platform/announcement-policy.js';
import type { Config } from '../platform/config.js';
import type { IncidentRecord, Ledger } from '../store/ledger.js';
import {
  approveUpdate,
  cancelUpdate,
  closeUpdate,
  incidentWorkflowId,
  stateQuery,
  type IncidentState,
  type IncidentWorkflowInput,
} from '../workflows/incident-messages.js';
import { incidentObligations } from '../workflows/incident-obligations.js';
import { HttpError, notFound } from './errors.js';
import { incidentAnnouncement, incidentView } from './incident-view.js';
import { httpErrorFromTemporal } from './temporal-errors.js';

export interface IncidentDeps {
  client: Client;
  ledger: Ledger;
  config: Config;
}

export function newIncidentId(): string {
  return `inc_${randomBytes(10).toString('hex')}`;
}

export async function openIncident(
  deps: IncidentDeps,
  facts: IncidentFacts,
  actor: string,
): Promise<{ incident: IncidentRecord; created: boolean }> {
  const now = new Date().toISOString();
  const { incident, created } = await deps.ledger.createIncident({
    id: newIncidentId(),
    facts,
    phase: 'opened',
    createdBy: actor,
    createdAt: now,
  });
  try {
    await startIncidentWorkflow(deps, incident, actor);
  } catch (err) {
    // A ledger row without its workflow would be an incident nobody acts on: take it back.
    if (created) await deps.ledger.deleteIncident(incident.id);
    throw new HttpError(
      503,
      'temporal_unavailable',
      `Could not start the incident workflow: ${(err as Error).message}`,
    );
  }
  if (created) {
    await deps.ledger.appendAudit({
      incidentId: incident.id,
      at: now,
      actor,
      action: 'incident:opened',
      details: { externalId: facts.externalId ?? null, severity: facts.severity },
    });
  }
  return { incident, created };
}

/** The workflow's input: references and the facts it decides on, never people or contacts. */
export function workflowInputFor(
  deps: IncidentDeps,
  incident: IncidentRecord,
  actor: string,
): IncidentWorkflowInput {
  const facts = incident.facts;
  return {
    incidentId: incident.id,
    openedBy: actor,
    facts: {
      discoveredAt: facts.discoveredAt,
      severity: facts.severity,
      dataCategories: facts.dataCategories,
      attributes: facts.attributes,
    },
    policy: { retentionDays: deps.config.RETENTION_DAYS, monitoringDays: deps.config.MONITORING_DAYS },
    announcement: announcementPolicyOf(deps.config),
  };
}

/** Starts the workflow unless it already runs; a retry after a half-finished open completes it. */
async function startIncidentWorkflow(
  deps: IncidentDeps,
  incident: IncidentRecord,
  actor: string,
): Promise<void> {
  const input = workflowInputFor(deps, incident, actor);
  try {
    await deps.client.workflow.start('incidentWorkflow', {
      workflowId: incidentWorkflowId(incident.id),
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: IncidentPhaseAttribute, value: 'opened' },
        { key: IncidentSeverityAttribute, value: input.facts.severity },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export async function loadIncident(deps: IncidentDeps, id: string): Promise<IncidentRecord> {
  const incident = await deps.ledger.getIncident(id);
  if (!incident) throw notFound(`incident ${id}`);
  return incident;
}

/** The workflow's live state, or undefined when no worker answers in time (the ledger then speaks). */
export async function queryIncidentState(deps: IncidentDeps, id: string): Promise<IncidentState | undefined> {
  try {
    return await deps.client.withDeadline(Date.now() + 5_000, () =>
      deps.client.workflow.getHandle(incidentWorkflowId(id)).query(stateQuery),
    );
  } catch {
    return undefined;
  }
}

/**
 * A person's decision on the incident: the workflow accepts or refuses it (wrong phase: 409), and only
 * an accepted one is written to the audit log, with who decided and why.
 */
async function decide(
  deps: IncidentDeps,
  id: string,
  audit: { action: string; by: string; reason?: string },
  send: (workflow: WorkflowHandle) => Promise<IncidentState>,
  details?: (state: IncidentState) => Record<string, unknown> | undefined,
): Promise<IncidentState> {
  await loadIncident(deps, id);
  const state = await runUpdate(id, () => send(deps.client.workflow.getHandle(incidentWorkflowId(id))));
  const { action, by, reason } = audit;
  // Each of these decisions happens once in an incident's life: a second entry would be a second decision.
  const recorded = (await deps.ledger.listAudit(id)).some((a) => a.action === action);
  if (!recorded) {
    await deps.ledger.appendAudit({
      incidentId: id,
      at: new Date().toISOString(),
      actor: by,
      action,
      reason,
      details: details?.(state),
    });
  }
  return state;
}

export const approveIncident = (deps: IncidentDeps, id: string, by: string, note?: string) =>
  decide(deps, id, { action: 'incident:approved', by, reason: note }, (wf) =>
    wf.executeUpdate(approveUpdate, { args: [{ by, note }] }),
  );

export const cancelIncident = (deps: IncidentDeps, id: string, by: string, reason: string) =>
  decide(deps, id, { action: 'incident:cancelled', by, reason }, (wf) =>
    wf.executeUpdate(cancelUpdate, { args: [{ by, reason }] }),
  );

export const closeIncident = (
  deps: IncidentDeps,
  id: string,
  by: string,
  request: { reason?: string; acknowledgeOpenObligations?: boolean },
) =>
  decide(
    deps,
    id,
    { action: 'incident:closed', by, reason: request.reason },
    (wf) => wf.executeUpdate(closeUpdate, { args: [{ by, ...request }] }),
    // What was still owed when a person chose to close anyway: regime and kind, no people.
    (state) =>
      state.closure?.openObligations.length
        ? { acknowledgedOpenObligations: state.closure.openObligations }
        : undefined,
  );

/** An incident as `GET /v1/incidents/:id` shows it: the ledger's facts with the workflow's live state. */
export async function readIncident(deps: IncidentDeps, id: string) {
  const incident = await loadIncident(deps, id);
  const state = await queryIncidentState(deps, incident.id);
  // Without a live workflow the last recorded assessment still answers.
  const assessment = state?.assessment
    ? undefined
    : (await deps.ledger.latestAssessment(incident.id))?.counts;
  // Recomputed with the wall clock, so a deadline that passed since the workflow last ran shows overdue.
  const obligations = state
    ? incidentObligations(
        workflowInputFor(deps, incident, incident.createdBy),
        state,
        new Date().toISOString(),
      )
    : undefined;
  const deliveries = await deps.ledger.deliveryCounts(incident.id);
  const announcement = incidentAnnouncement(
    await deps.ledger.listAnnouncements(incident.id),
    deps.config.publicBaseUrl,
  );
  return incidentView(incident, { state, assessment, obligations, deliveries, announcement });
}

export async function runUpdate<T>(id: string, update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (err) {
    throw httpErrorFromTemporal(err, id) ?? err;
  }
}
