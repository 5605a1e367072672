// The incident workflow's public surface: its input, the state its query returns, and the
// updates and signals the API sends. Shared by the workflow and the API; no personal data here.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DirectoryImportSummary } from '../activities/directory.js';
import type { AssessmentCounts } from '../domain/assessment.js';
import type { AuditHeadRecord } from '../domain/evidence/audit-chain.js';
import type { DataCategory, IncidentAttributes, Severity } from '../domain/incident.js';
import type { Judgement } from '../domain/obligations/judgement.js';
import type { Obligation } from '../domain/obligations/engine.js';
import type { Phase } from '../domain/phases.js';
import type { FanoutTotals } from '../domain/fallback.js';
import type { AnnouncementPolicy } from '../domain/announcement/decision.js';
import type { AnnouncementState } from './announcement-messages.js';
import type { FilingSummary } from './filing-messages.js';

/** Only the facts the workflow decides on; the description and contact stay in the ledger. */
export interface IncidentWorkflowInput {
  incidentId: string;
  openedBy: string;
  facts: {
    discoveredAt: string;
    severity: Severity;
    dataCategories: DataCategory[];
    attributes: IncidentAttributes;
  };
  policy: {
    /** How long after closing the affected people's personal data is purged. */
    retentionDays: number;
    /** How long the incident is watched after notices and reports before it closes by itself. */
    monitoringDays: number;
  };
  /** When a public announcement is due (thresholds, prices, posting period); absent in older runs: defaults. */
  announcement?: AnnouncementPolicy;
}

export interface PhaseChange {
  phase: Phase;
  at: string;
  by?: string;
  reason?: string;
}

export interface Decision {
  by: string;
  at: string;
  note?: string;
}

export interface IncidentState {
  incidentId: string;
  phase: Phase;
  severity: Severity;
  history: PhaseChange[];
  approval?: Decision;
  cancellation?: Decision;
  closure?: Decision & { openObligations: OpenObligation[] };
  /**
   * Set when the monitoring period ran out while obligations were open: the incident stays in
   * monitoring until none is open or a person closes it acknowledging them.
   */
  monitoringPeriodEnded?: { at: string; openObligations: OpenObligation[] };
  /** The audit chain's signed head at each phase change (hashes only), so the ledger alone cannot rewrite it. */
  auditHeads?: AuditHeadRecord[];
  /** Counts only: the people themselves stay in the ledger. */
  assessment?: AssessmentCounts;
  assessedAt?: string;
  /** The last import from the company's user directory: running, or its counts once done. */
  directoryImport?: {
    status: 'running' | 'done' | 'failed';
    startedAt: string;
    summary?: DirectoryImportSummary;
    error?: string;
  };
  /** Decisions the law leaves to people, newest last; they start clocks and switch obligations on or off. */
  judgements: Judgement[];
  /** Recomputed on every change, at workflow time; the API recomputes with the wall clock for `overdue`. */
  obligations: Obligation[];
  /** The data categories as a supplemental notice last corrected them; absent: as opened. */
  dataCategories?: DataCategory[];
  /** What the individual notices fan-out did (counts only), once it finished. */
  notices?: FanoutTotals;
  /** Follow-up notice versions (2, 3, …) with new facts; `totals` once sent (null: nothing was sent). */
  supplements: Array<{
    version: number;
    by: string;
    note?: string;
    requestedAt: string;
    totals?: FanoutTotals | null;
  }>;
  /** The public announcement, once one is proposed or decided (see workflows/announcement.ts). */
  announcement?: AnnouncementState;
  /** Set once personal data of the affected people has been purged under the retention policy. */
  purgedAt?: string;
  /** Regulator filings (workflows/filings.ts): ids, statuses and references, never the reports. */
  filings?: FilingSummary[];
}

export interface ApproveInput {
  by: string;
  note?: string;
}
export interface CancelInput {
  by: string;
  reason: string;
}
export interface CloseInput {
  by: string;
  reason?: string;
  /** Closes although obligations are still due or overdue; needs a reason, and the audit log names them. */
  acknowledgeOpenObligations?: boolean;
}

/** An obligation still owed when the incident closed: regime and kind only, never people. */
export interface OpenObligation {
  regime: string;
  kind: string;
  status: string;
}

export const stateQuery = defineQuery<IncidentState>('state');
export const approveUpdate = defineUpdate<IncidentState, [ApproveInput]>('approve');
export const cancelUpdate = defineUpdate<IncidentState, [CancelInput]>('cancel');
export const closeUpdate = defineUpdate<IncidentState, [CloseInput]>('close');
/** Reads the affected people from the company's user directory (DIRECTORY_QUERY), then re-assesses. */
export const importFromDirectoryUpdate = defineUpdate<DirectoryImportSummary, []>('importFromDirectory');
export interface SupplementInput {
  by: string;
  note?: string;
  /** New data categories, when the supplement corrects them: the obligations follow. */
  dataCategories?: DataCategory[];
}
/** Sends a follow-up notice version to the affected people; the new facts are already in the ledger. Returns the version. */
export const supplementUpdate = defineUpdate<number, [SupplementInput]>('supplement');
export const recordJudgementUpdate = defineUpdate<IncidentState, [Judgement]>('recordJudgement');
/** Sent after an upload of affected users so the assessment is redone before approval. */
export const affectedUsersChangedSignal = defineSignal('affectedUsersChanged');

/** Failure type of an update refused because the incident is in the wrong phase (the API answers 409). */
export const WRONG_PHASE = 'WrongPhase';
/** Failure type of a close refused because obligations are still due or overdue (409; its details list them). */
export const OPEN_OBLIGATIONS = 'OpenObligations';

export function incidentWorkflowId(incidentId: string): string {
  return `incident-${incidentId}`;
}
