// The ledger work of a regulator filing: which recipient gets it, the report as it stands (built
// from the incident, its counts and judgements, saved with its hash), and every change of status in
// the store and the audit log. Activities take and return ids and hashes; the report stays here.
import { ApplicationFailure } from '@temporalio/activity';
import type { FilingStatus } from '../domain/filing/filing.js';
import { buildFilingReport, type FilingReport } from '../domain/filing/report.js';
import { computeObligations, type Obligation } from '../domain/obligations/engine.js';
import { Judgement } from '../domain/obligations/judgement.js';
import { regimeById } from '../domain/obligations/rules-pack.js';
import type { Ledger } from '../store/ledger.js';
import { reportHash } from '../platform/filing-documents.js';
import type { RecipientDirectory } from './filing-recipients.js';
import { auditFilingOnce, recipientOf, updateFiling, type FilingRef } from './filing-records.js';
import { createFilingSubmission, type FilingSubmissionDeps } from './filing-submit.js';
import { createFilingReminders, type ReminderDeps } from './filing-reminders.js';

export interface PrepareFilingInput extends FilingRef {
  /** Past dueAt: the rule's late fields (reasons for delay) join the report. */
  late: boolean;
  edits: Record<string, string>;
  delayReasons?: string;
}
export type PrepareFilingResult = { ok: true; reportHash: string } | { ok: false; problem: string };

export interface FilingStatusInput extends FilingRef {
  status: FilingStatus;
  /** Audit action without its `filing:` prefix, e.g. `submitted`, `approved`, `overdue`. */
  action: string;
  actor: string;
  /** Unique per change in the filing's life, so a retried activity writes one audit entry. */
  key: string;
  reason?: string;
  details?: Record<string, unknown>;
  receipt?: unknown;
  submittedAt?: string;
  acknowledgement?: unknown;
  acknowledgedAt?: string;
}

export interface FilingActivityDeps extends FilingSubmissionDeps, ReminderDeps {
  ledger: Ledger;
  recipients: RecipientDirectory;
}

/** The obligation as the engine sees it now, from what the ledger holds (facts, counts, judgements, phases). */
async function currentObligation(
  ledger: Ledger,
  ref: FilingRef,
  late: boolean,
): Promise<Obligation | string> {
  const incident = await ledger.getIncident(ref.incidentId);
  if (!incident) throw ApplicationFailure.nonRetryable(`incident ${ref.incidentId} not found`, 'NotFound');
  const audit = await ledger.listAudit(ref.incidentId);
  const judgements = audit
    .filter((a) => a.action.startsWith('judgement:'))
    .map((a) => Judgement.safeParse(a.details?.judgement))
    .flatMap((p) => (p.success ? [p.data] : []));
  const phaseAt = (phase: string) => audit.find((a) => a.action === `phase:${phase}`)?.at;
  const ended = phaseAt('closed') ?? phaseAt('cancelled');
  const assessment = (await ledger.latestAssessment(ref.incidentId))?.counts;
  const { facts } = incident;
  const obligations = computeObligations({
    incidentId: ref.incidentId,
    facts: {
      discoveredAt: facts.discoveredAt,
      dataCategories: facts.dataCategories,
      severity: facts.severity,
      attributes: facts.attributes,
    },
    ...(assessment ? { assessment } : {}),
    judgements,
    events: {
      ...(phaseAt('notifying') ? { noticesStartedAt: phaseAt('notifying') } : {}),
      ...(phaseAt('reporting') ? { noticesCompletedAt: phaseAt('reporting') } : {}),
      ...(ended ? { handlingEndedAt: ended } : {}),
    },
    now: new Date().toISOString(),
  });
  const found = obligations.find((o) => o.id === ref.obligationId);
  // Its incident will cancel the filing; until then it says why it cannot be prepared.
  if (!found) return `obligation ${ref.obligationId} does not apply to incident ${ref.incidentId} now`;
  // The filing's own clock decides lateness: the workflow's timers, not the wall clock of this attempt.
  const rule = regimeById(found.regime)?.obligations.find(
    (r) => r.kind === found.kind && r.phase === found.phase,
  );
  const lateFields = rule?.fieldsIfLate ?? [];
  const onTime = found.fields.filter((f) => !(lateFields as string[]).includes(f));
  return { ...found, dueAt: ref.dueAt, fields: late ? [...onTime, ...lateFields] : onTime };
}

/** The reports already filed with this recipient for this regime: a later phase refers back to them. */
async function earlierReports(ledger: Ledger, input: PrepareFilingInput): Promise<FilingReport[]> {
  return (await ledger.listFilings(input.incidentId))
    .filter(
      (f) =>
        f.id !== input.filingId &&
        f.regime === input.regime &&
        f.recipient === input.recipientId &&
        (f.status === 'submitted' || f.status === 'acknowledged') &&
        f.payload,
    )
    .map((f) => f.payload as FilingReport);
}

async function prepareFiling(
  { ledger, recipients }: FilingActivityDeps,
  input: PrepareFilingInput,
): Promise<PrepareFilingResult> {
  const recipient = recipientOf(recipients, input);
  if (!recipient) return { ok: false, problem: `no recipient ${input.recipientId} is configured` };
  const obligation = await currentObligation(ledger, input, input.late);
  if (typeof obligation === 'string') return { ok: false, problem: obligation };
  const incident = (await ledger.getIncident(input.incidentId))!;
  const audit = await ledger.listAudit(input.incidentId);
  let report: FilingReport;
  try {
    report = buildFilingReport({
      filingId: input.filingId,
      obligation,
      recipient,
      incidentId: input.incidentId,
      facts: incident.facts,
      assessment: (await ledger.latestAssessment(input.incidentId))?.counts,
      judgements: audit
        .filter((a) => a.action.startsWith('judgement:'))
        .map((a) => Judgement.safeParse(a.details?.judgement))
        .flatMap((p) => (p.success ? [p.data] : [])),
      earlier: await earlierReports(ledger, input),
      ...(input.delayReasons ? { delayReasons: input.delayReasons } : {}),
      edits: input.edits,
      generatedAt: new Date().toISOString(),
    });
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
  const hash = reportHash(report);
  await updateFiling(ledger, input, { payload: report, reportHash: hash });
  await auditFilingOnce(ledger, {
    incidentId: input.incidentId,
    key: `${input.filingId}:prepared:${hash}`,
    action: 'prepared',
    actor: 'system',
    details: { filingId: input.filingId, reportHash: hash, late: input.late },
  });
  return { ok: true, reportHash: hash };
}

export function createFilingActivities(deps: FilingActivityDeps) {
  const { ledger, recipients } = deps;
  return {
    /** Who receives a regime's filing (and whether it waits for an approver); null when nobody is configured. */
    async filingRecipient(q: {
      regime: string;
      region?: string;
    }): Promise<{ recipientId: string; requiresApproval: boolean } | null> {
      const r = recipients.recipientFor(q.regime, q.region);
      return r ? { recipientId: r.id, requiresApproval: r.requiresApproval } : null;
    },

    /** Builds the report as it stands and saves it with its hash; a report that cannot be complete says why. */
    prepareFiling: (input: PrepareFilingInput) => prepareFiling(deps, input),

    /** Mirrors a status change into the filing's row and the audit log (once per key). */
    async recordFilingStatus(input: FilingStatusInput): Promise<void> {
      await updateFiling(ledger, input, {
        status: input.status,
        ...(input.receipt !== undefined ? { receipt: input.receipt } : {}),
        ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}),
        ...(input.acknowledgement !== undefined ? { acknowledgement: input.acknowledgement } : {}),
        ...(input.acknowledgedAt ? { acknowledgedAt: input.acknowledgedAt } : {}),
      });
      await auditFilingOnce(ledger, {
        incidentId: input.incidentId,
        key: input.key,
        action: input.action,
        actor: input.actor,
        ...(input.reason ? { reason: input.reason } : {}),
        details: { filingId: input.filingId, status: input.status, ...input.details },
      });
    },

    ...createFilingSubmission(deps),
    ...createFilingReminders(deps),
  };
}

export type FilingActivities = ReturnType<typeof createFilingActivities>;
