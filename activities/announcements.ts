// What the incident workflow asks of the announcement's publishing. Activities take references and
// counts, never people; publishing the same incident and version twice publishes once.
import type { AnnouncementReason } from '../domain/announcement/announcement.js';

export interface PublishAnnouncementInput {
  incidentId: string;
  /** 1 for the first publication, then one more per update (supplemental facts). */
  version: number;
  reasons: AnnouncementReason[];
  /** How many people the announcement stands in for (not sent individual notices); 0 when it complements them. */
  replacesIndividualNoticeFor: number;
  /** Until when it must stay up (the strictest regime's posting period, or the configured default). */
  expiresAt: string;
  /** Who approved it. */
  approvedBy: string;
}

export interface AdapterReceipt {
  adapter: string;
  at: string;
  reference: string;
  detail: Record<string, unknown>;
}

export interface PublishedAnnouncement {
  slug: string;
  url: string;
  contentHash: string;
  publishedAt: string;
  locales: string[];
  receipts: AdapterReceipt[];
}

export interface AnnouncementActivities {
  publishAnnouncement(input: PublishAnnouncementInput): Promise<PublishedAnnouncement>;
  /** Marks it archived (still reachable) once its posting period is over. */
  archiveAnnouncement(input: { incidentId: string; at: string }): Promise<{ archivedAt: string }>;
}
