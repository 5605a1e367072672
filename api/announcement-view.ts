// What a responder sees of an incident's announcement, from the workflow's state: where it is, why it
// exists, and for how many people it stands in. Reasons and counts only.
import type { AnnouncementState } from '../workflows/announcement-messages.js';

export function announcementView(a: AnnouncementState) {
  return {
    url: a.url ?? null,
    status: a.status,
    stage: a.stage,
    reasons: a.decision.reasons,
    publishedAt: a.publishedAt ?? null,
    updatedAt: a.updatedAt ?? null,
    expiresAt: a.expiresAt ?? null,
    archivedAt: a.archivedAt ?? null,
    locales: a.locales ?? [],
    version: a.version ?? null,
    replacesIndividualNoticeFor: a.decision.replacesIndividualNoticeFor,
    replacementReason: a.decision.replacementReason,
    skipIndividualNotices: a.decision.skipIndividualNotices,
    postingDays: a.decision.postingDays,
    approval: a.approval ?? null,
  };
}
