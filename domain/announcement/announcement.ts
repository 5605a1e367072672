// A public announcement of an incident: published where individual notice is not feasible, or where
// the law asks for both. Shared by the incident workflow, the publishing activities, the store and the
// public pages. It carries the organisation's words and counts, never the affected people.

export const ANNOUNCEMENT_STATUSES = ['awaiting_approval', 'published', 'archived'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const ANNOUNCEMENT_REASON_CODES = [
  /** A regime's substitute or public-notice condition holds (judged disproportionate effort, cost, head count). */
  'substitute_notice',
  /** After the individual notices, the share of people left unreachable is over the configured threshold. */
  'unreachable_share',
  /** … or their number is over the configured count. */
  'unreachable_count',
  /** A responder asked for one. */
  'requested',
  /** The law asks for a public or media notice besides the individual ones (HIPAA media, California). */
  'required_alongside',
] as const;
export type AnnouncementReasonCode = (typeof ANNOUNCEMENT_REASON_CODES)[number];

export interface AnnouncementReason {
  code: AnnouncementReasonCode;
  /** The regime whose rule holds, for substitute_notice and required_alongside. */
  regime?: string;
  /** Plain words for the audit log and the responder ("judged disproportionate effort by …"). */
  detail: string;
}

/** The public page's address part. The incident id: stable, unique, and no personal data. */
export function announcementSlugOf(incidentId: string): string {
  return incidentId;
}

/** One announcement per incident; its versions are the timeline's entries. */
export function announcementIdOf(incidentId: string): string {
  return `announcement-${incidentId}`;
}
