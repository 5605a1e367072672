// What a responder sees of the incident's announcement in `GET /v1/incidents/:id`: where it is,
// whether it is up, why, and until when. Read from the announcement's record in the ledger.
import { ANNOUNCEMENT_STATUSES, type AnnouncementReason, type AnnouncementStatus } from './announcement.js';
import { announcementPath } from './view.js';

/** The parts of the ledger's announcement record this needs. */
export interface AnnouncementRecordLike {
  incidentId: string;
  status: string;
  payload: unknown;
  publishedAt: string | null;
  locales: string[];
  expiresAt: string | null;
}

export interface AnnouncementStatusView {
  url: string;
  status: AnnouncementStatus;
  reasons: AnnouncementReason[];
  publishedAt: string | null;
  updatedAt: string | null;
  expiresAt: string | null;
  locales: string[];
  replacesIndividualNoticeFor: number;
}

export function announcementStatus(record: AnnouncementRecordLike, baseUrl: string): AnnouncementStatusView {
  const payload = (record.payload ?? {}) as {
    reasons?: AnnouncementReason[];
    replacesIndividualNoticeFor?: number;
    lastPublishedAt?: string;
  };
  const status = (ANNOUNCEMENT_STATUSES as readonly string[]).includes(record.status)
    ? (record.status as AnnouncementStatus)
    : 'awaiting_approval';
  return {
    url: `${baseUrl}${announcementPath(record.incidentId)}`,
    status,
    reasons: payload.reasons ?? [],
    publishedAt: record.publishedAt,
    updatedAt: payload.lastPublishedAt ?? record.publishedAt,
    expiresAt: record.expiresAt,
    locales: record.locales,
    replacesIndividualNoticeFor: payload.replacesIndividualNoticeFor ?? 0,
  };
}
