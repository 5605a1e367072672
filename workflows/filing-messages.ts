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

/** Failure type of an update that does not fit the filing's status (the API answers 409). */
export const WRONG_FILING_STATUS = 'WrongFilingStatus';
