// A regulator filing: one per regulator obligation and phase of an incident. Shared by the filing
// workflow, its activities, the store and the API. It holds counts and the organisation's own words,
// never the affected people.
import { z } from 'zod';

/** Obligation kinds that become filings; the others are notices, announcements or register entries. */
export const FILED_OBLIGATION_KINDS = ['regulator_report', 'sample_to_regulator'] as const;
export type FiledObligationKind = (typeof FILED_OBLIGATION_KINDS)[number];
export function isFiledKind(kind: string): kind is FiledObligationKind {
  return (FILED_OBLIGATION_KINDS as readonly string[]).includes(kind);
}

export const FILING_STATUSES = [
  'draft',
  'awaiting_approval',
  'awaiting_manual_submission',
  'submitted',
  'acknowledged',
  'overdue',
  'cancelled',
] as const;
export const FilingStatus = z.enum(FILING_STATUSES);
export type FilingStatus = z.infer<typeof FilingStatus>;

/** Stable and unique per incident and obligation (the obligation id already names regime, kind and phase). */
export function filingIdOf(incidentId: string, obligationId: string): string {
  return `${incidentId}.${obligationId}`;
}
export function filingWorkflowId(filingId: string): string {
  return `filing-${filingId}`;
}

export const FILING_ADAPTERS = ['email', 'https', 'portal'] as const;
export type FilingAdapter = (typeof FILING_ADAPTERS)[number];

/** What the regulator's side answered when the report went out (SMTP answer, HTTP status, portal number). */
export interface FilingReceipt {
  adapter: FilingAdapter;
  at: string;
  /** The message id, the endpoint's reference, or the portal's confirmation number. */
  reference: string;
  detail: Record<string, unknown>;
}

/** The regulator's own acknowledgement, through its API key. */
export interface FilingAcknowledgement {
  /** API key id of the regulator. */
  by: string;
  at: string;
  reference: string;
  questions?: string;
}

/** A responder's record that a portal-only regulator received the report by hand. */
export interface PortalConfirmation {
  by: string;
  at: string;
  confirmationNumber: string;
  /** SHA-256 of the confirmation screenshot or PDF, kept with the filing's evidence. */
  evidenceSha256?: string;
}

export interface FilingReminder {
  /** Share of the time allowed that had passed when it was due: 0.5, 0.8 or 1. */
  share: number;
  dueAt: string;
  sentAt: string;
  /** How late the reminder went out (a timer that fell due while the worker was down). */
  lateByMs: number;
}
