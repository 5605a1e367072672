// The announcement's part of the incident workflow's surface: its state in the `state` query and the two
// updates the API sends. Shared by the workflow and the API; counts and reasons only, never people.
import { defineUpdate } from '@temporalio/workflow';
import type { AnnouncementStatus } from '../domain/announcement/announcement.js';
import type { AnnouncementDecision, AnnouncementRequest } from '../domain/announcement/decision.js';

export interface AnnouncementState {
  /**
   * `proposed`: it would come with the notices once they are approved; `approved`: approved, not yet up;
   * then as the store says (`awaiting_approval` when decided after the notices, `published`, `archived`).
   */
  status: 'proposed' | 'approved' | AnnouncementStatus;
  /** Taken with the notices' approval, or after the notices (then it needs an approval of its own). */
  stage: 'with_notices' | 'after_notices';
  decision: AnnouncementDecision;
  decidedAt: string;
  approval?: { by: string; at: string; note?: string };
  /** The last version published (1, then one more per supplement while it is up). */
  version?: number;
  /** The version the next publication carries, when it is ahead of `version`. */
  pendingVersion?: number;
  url?: string;
  locales?: string[];
  publishedAt?: string;
  updatedAt?: string;
  expiresAt?: string;
  archivedAt?: string;
}

export interface RequestAnnouncementInput {
  by: string;
  reason: string;
}

export interface ApproveAnnouncementInput {
  by: string;
  note?: string;
}

/** A responder asks for an announcement; before approval it joins the notices' decision. */
export const requestAnnouncementUpdate = defineUpdate<AnnouncementState | null, [RequestAnnouncementInput]>(
  'requestAnnouncement',
);
/** An approver approves an announcement decided after the notices. */
export const approveAnnouncementUpdate = defineUpdate<AnnouncementState, [ApproveAnnouncementInput]>(
  'approveAnnouncement',
);

export type { AnnouncementRequest };
