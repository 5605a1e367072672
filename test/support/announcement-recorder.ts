// A test implementation of the announcement's publishing: records what the incident workflow asked for
// and answers like the real one would (the same incident and version twice publishes once).
import type {
  AnnouncementActivities,
  PublishAnnouncementInput,
  PublishedAnnouncement,
} from '../../activities/announcements.js';

export interface AnnouncementRecorder {
  activities: AnnouncementActivities;
  /** Every effective publication, in order. */
  published: PublishAnnouncementInput[];
  archived: { incidentId: string; at: string }[];
  publishedFor(incidentId: string): PublishAnnouncementInput[];
}

export function announcementRecorder(baseUrl = 'https://status.acme.example'): AnnouncementRecorder {
  const published: PublishAnnouncementInput[] = [];
  const archived: { incidentId: string; at: string }[] = [];
  const results = new Map<string, PublishedAnnouncement>();
  const activities: AnnouncementActivities = {
    async publishAnnouncement(input) {
      const key = `${input.incidentId}#${input.version}`;
      const earlier = results.get(key);
      if (earlier) return earlier;
      published.push(input);
      const result: PublishedAnnouncement = {
        slug: input.incidentId,
        url: `${baseUrl}/public/announcements/${input.incidentId}`,
        contentHash: `sha256-test-${input.version}`,
        publishedAt: new Date().toISOString(),
        locales: ['en'],
        receipts: [],
      };
      results.set(key, result);
      return result;
    },
    async archiveAnnouncement({ incidentId, at }) {
      const earlier = archived.find((a) => a.incidentId === incidentId);
      if (!earlier) archived.push({ incidentId, at });
      return { archivedAt: earlier?.at ?? at };
    },
  };
  return {
    activities,
    published,
    archived,
    publishedFor: (incidentId) => published.filter((p) => p.incidentId === incidentId),
  };
}
