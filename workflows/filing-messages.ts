// The filing workflow's public surface: its input, the state its query returns, and the updates the
// API sends (responders approve, confirm portal submissions and give reasons for delay; the regulator
// acknowledges). Shared by the workflows and the API; counts and the organisation's words only.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  FilingAcknowledgement,
  FilingReceipt,
  FilingReminder,
  FilingStatus,
  PortalConfirmation,
} from '../domain/filing/filing.js';

export interface FilingWorkflowInput {
  filingId: string;
  incidentId: string;
  /** `<regime>.<kind>.<phase>[.<region>]`, from the obligations engine. */
  obligationId: string;
  regime: string;
  phase: string;
  recipientId: string;
  /** When the regime's clock started; reminders fall at shares of the time from here to dueAt. */
  clockStartedAt: string;
  dueAt: string;
  requiresApproval: boolean;
  /** The earlier phase of the same regime (NIS2 early warning before notification); filed first. */
  earlierFilingId?: string;
  /** ISO 3166-2 region of an obligation that exists once per region. */
  region?: string;
}

/** What a filing waits for; the first four need a person, the reminders say so. */
export const FILING_WAITS = [
  'approval',
  'delay_reasons',
  'portal_confirmation',
  'report_fields',
  'earlier_phase',
  'acknowledgement',
] as const;
export type FilingWaitingFor = (typeof FILING_WAITS)[number];
export const PERSON_WAITS: readonly FilingWaitingFor[] = [
  'approval',
  'delay_reasons',
  'portal_confirmation',
  'report_fields',
];

/** Free-text report fields an approver may rewrite (field codes of domain/obligations/fields.ts). */
export const EDITABLE_FIELDS = [
  'nature_of_breach',
  'likely_consequences',
  'measures_taken',
  'cross_border_impact',
  'suspected_malicious',
  'indicators_of_compromise',
  'severity_and_impact',
  'root_cause',
  'mitigation_applied',
  'law_enforcement',
  'material_impact',
  'individuals_notified',
] as const;
export const MAX_EDIT_LENGTH = 10_000;

/** What the incident shows of one filing: ids, statuses and references, never the report. */
export interface FilingSummary {
  id: string;
  obligationId: string;
  recipient: string;
  regime: string;
  phase: string;
  status: FilingStatus;
  waitingFor?: FilingWaitingFor;
  dueAt: string;
  submittedAt?: string;
  receipt?: Pick<FilingReceipt, 'adapter' | 'at' | 'reference'>;
  acknowledgement?: Pick<FilingAcknowledgement, 'by' | 'at' | 'reference' | 'questions'>;
}

export interface FilingDecision {
  by: string;
  at: string;
  note?: string;
}

export interface FilingState {
  filingId: string;
  status: FilingStatus;
  dueAt: string;
  reminders: FilingReminder[];
  approval?: FilingDecision;
  rejections: Array<FilingDecision & { changes: string }>;
  /** Free-text fields an approver edited (field code → text), part of the audit. */
  edits: Record<string, string>;
  delayReasons?: FilingDecision & { reasons: string };
  reportHash?: string;
  submittedAt?: string;
  receipt?: FilingReceipt;
  portalConfirmation?: PortalConfirmation;
  acknowledgement?: FilingAcknowledgement;
  cancellation?: { at: string; reason: string };
  incidentId?: string;
  obligationId?: string;
  regime?: string;
  phase?: string;
  recipientId?: string;
  clockStartedAt?: string;
  waitingFor?: FilingWaitingFor;
  /** A portal-only regulator: where to file; the form's fields, ready to paste, are in the filing's receipt. */
  portal?: { portalUrl: string };
  /** Why the filing is stuck (a report field missing, the adapter refused it), in words for a person. */
  problem?: string;
}

export interface ApproveFilingInput {
  by: string;
  note?: string;
  edits?: Record<string, string>;
}
export interface RejectFilingInput {
  by: string;
  changes: string;
  edits?: Record<string, string>;
}
export interface DelayReasonsInput {
  by: string;
  reasons: string;
}
export type ConfirmPortalSubmissionInput = Omit<PortalConfirmation, 'at'>;
export type AcknowledgeFilingInput = Omit<FilingAcknowledgement, 'at'>;

export const filingStateQuery = defineQuery<FilingState>('filingState');
export const approveFilingUpdate = defineUpdate<FilingState, [ApproveFilingInput]>('approveFiling');
export const rejectFilingUpdate = defineUpdate<FilingState, [RejectFilingInput]>('rejectFiling');
export const recordDelayReasonsUpdate = defineUpdate<FilingState, [DelayReasonsInput]>('recordDelayReasons');
export const confirmPortalSubmissionUpdate = defineUpdate<FilingState, [ConfirmPortalSubmissionInput]>(
  'confirmPortalSubmission',
);
export const acknowledgeFilingUpdate = defineUpdate<FilingState, [AcknowledgeFilingInput]>(
  'acknowledgeFiling',
);
/** The obligation stopped applying (a judgement changed it): an unsent filing is cancelled with the reason. */
export const cancelFilingSignal = defineSignal<[{ reason: string }]>('cancelFiling');
/** The earlier phase went out; a later phase may now be filed. */
export const earlierPhaseFiledSignal = defineSignal('earlierPhaseFiled');

/** The filing workflow tells its incident every change of status, so the incident view and obligations follow. */
export const filingChangedSignal = defineSignal<[FilingSummary]>('filingChanged');

/** Failure type of an update that does not fit the filing's status (the API answers 409). */
export const WRONG_FILING_STATUS = 'WrongFilingStatus';
