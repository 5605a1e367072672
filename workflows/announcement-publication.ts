// Publishing, re-publishing and archiving an announcement through its activities, and the audit entries
// they leave, written in order by the workflow once each step is done. Workflow code: deterministic.
import { proxyActivities } from '@temporalio/workflow';
import type { AnnouncementAuditActivities } from '../activities/announcement-audit.js';
import type { AnnouncementActivities } from '../activities/announcements.js';
import type { AnnouncementState } from './announcement-messages.js';

// Publishing goes through adapters (webhooks, media mail) that may be down for a while: keep retrying.
const publishing = proxyActivities<AnnouncementActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});
const audit = proxyActivities<AnnouncementAuditActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PendingAudit {
  action: string;
  key: string;
  actor: string;
  at: string;
  reason?: string;
  details: Record<string, unknown>;
}

export type AnnouncementPublisher = ReturnType<typeof announcementPublisher>;

export function announcementPublisher(incidentId: string, pendingAudit: PendingAudit[]) {
  let inFlight: number | undefined;
  return {
    /** True while a publication is on its way: what changes now goes into the next version. */
    inFlight: () => inFlight !== undefined,

    async flushAudit(): Promise<void> {
      while (pendingAudit.length > 0) {
        await audit.recordAnnouncementAudit({ incidentId, ...pendingAudit[0]! });
        pendingAudit.shift();
      }
    },

    /** The posting period counts from the first publication; updates keep its end. */
    async publish(a: AnnouncementState, version: number): Promise<void> {
      const expiresAt = a.expiresAt ?? new Date(Date.now() + a.decision.postingDays * DAY_MS).toISOString();
      inFlight = version;
      const published = await publishing.publishAnnouncement({
        incidentId,
        version,
        reasons: a.decision.reasons,
        replacesIndividualNoticeFor: a.decision.replacesIndividualNoticeFor,
        expiresAt,
        approvedBy: a.approval?.by ?? 'system',
      });
      inFlight = undefined;
      Object.assign(a, {
        status: 'published',
        version,
        url: published.url,
        locales: published.locales,
        publishedAt: a.publishedAt ?? published.publishedAt,
        updatedAt: published.publishedAt,
        expiresAt,
      });
      if (a.pendingVersion !== undefined && a.pendingVersion <= version) delete a.pendingVersion;
      pendingAudit.push({
        action: 'announcement:published',
        key: `v${version}`,
        actor: 'system',
        at: published.publishedAt,
        details: { version, url: published.url, contentHash: published.contentHash, expiresAt },
      });
    },

    async archive(a: AnnouncementState): Promise<void> {
      const { archivedAt } = await publishing.archiveAnnouncement({
        incidentId,
        at: new Date().toISOString(),
      });
      a.status = 'archived';
      a.archivedAt = archivedAt;
      pendingAudit.push({
        action: 'announcement:archived',
        key: 'archived',
        actor: 'system',
        at: archivedAt,
        reason: `posting period of ${a.decision.postingDays} days ended (${a.decision.postingDaysSource})`,
        details: { version: a.version, expiresAt: a.expiresAt },
      });
    },
  };
}
