// What the incident workflow asks of the announcement's publishing. Activities take references and
// counts, never people; publishing the same incident and version twice publishes once.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import canonicalizeModule from 'canonicalize';
import {
  announcementIdOf,
  announcementSlugOf,
  type AnnouncementReason,
} from '../domain/announcement/announcement.js';
import {
  announcementLocales,
  buildAnnouncementContent,
  type AnnouncementContent,
} from '../domain/announcement/content.js';
import { announcementView, type StoredVersion } from '../domain/announcement/view.js';
import type { AnnouncementSettings } from '../platform/announcement-config.js';
import type { AnnouncementVersionRecord, Ledger, NewAuditEntry } from '../store/ledger.js';
import { runAdapters } from './announcement-adapters/index.js';

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

// The package is CommonJS (`module.exports = fn`) while its types declare an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export interface AnnouncementActivityDeps {
  ledger: Ledger;
  settings: AnnouncementSettings;
  now?: () => Date;
}

/** The hash of a version's content: RFC 8785 canonical JSON, so it does not depend on key order. */
export function announcementContentHash(content: AnnouncementContent): string {
  return `sha256:${createHash('sha256')
    .update(canonicalize(content) ?? '')
    .digest('hex')}`;
}

/** What the announcement's record carries beyond its columns. */
interface AnnouncementPayload {
  reasons: AnnouncementInputReasons;
  replacesIndividualNoticeFor: number;
  approvedBy: string;
  /** When the newest version was published (the page's "last updated"). */
  lastPublishedAt: string;
}
type AnnouncementInputReasons = PublishAnnouncementInput['reasons'];

function toStoredVersion(v: AnnouncementVersionRecord): StoredVersion {
  return {
    version: v.version,
    content: v.content as AnnouncementContent,
    contentHash: v.contentHash,
    publishedAt: v.publishedAt,
  };
}

function receiptList(receipts: Record<string, unknown>): AdapterReceipt[] {
  return Object.entries(receipts).map(([adapter, r]) => {
    const detail = (r ?? {}) as Record<string, unknown>;
    const reference = detail.reference ?? detail.messageId ?? detail.idempotencyKey ?? '';
    return { adapter, at: String(detail.at ?? ''), reference: String(reference), detail };
  });
}

/** Renders and records the version once; a second call with the same version finds the first. */
async function recordVersion(deps: AnnouncementActivityDeps, input: PublishAnnouncementInput) {
  const { ledger } = deps;
  const id = announcementIdOf(input.incidentId);
  const existing = await ledger.getAnnouncementVersion(id, input.version);
  if (existing) return existing;
  const incident = await ledger.getIncident(input.incidentId);
  if (!incident) {
    throw ApplicationFailure.nonRetryable(`incident ${input.incidentId} not found`, 'NotFound');
  }
  const counts = (await ledger.latestAssessment(input.incidentId))?.counts;
  const peopleLocales = Object.entries(counts?.byLocale ?? {})
    .filter(([, n]) => n > 0)
    .map(([l]) => l);
  const content = buildAnnouncementContent({
    slug: announcementSlugOf(input.incidentId),
    version: input.version,
    facts: incident.facts,
    locales: announcementLocales(incident.facts, peopleLocales),
    publishedAt: (deps.now?.() ?? new Date()).toISOString(),
  });
  if (!(await ledger.getAnnouncement(id))) {
    // The versions refer to their announcement; it is published once its first version is stored.
    await ledger.saveAnnouncement({
      id,
      incidentId: input.incidentId,
      kind: 'website',
      phase: incident.phase,
      status: 'awaiting_approval',
      payload: {},
    });
  }
  const { version } = await ledger.recordAnnouncementVersion({
    announcementId: id,
    incidentId: input.incidentId,
    version: input.version,
    content,
    contentHash: announcementContentHash(content),
    publishedAt: content.publishedAt,
  });
  return version;
}

/** Points the announcement at its newest version; an older version retried late changes nothing. */
async function markPublished(
  deps: AnnouncementActivityDeps,
  input: PublishAnnouncementInput,
  stored: AnnouncementVersionRecord,
) {
  const id = announcementIdOf(input.incidentId);
  const record = await deps.ledger.getAnnouncement(id);
  if (!record || (record.version ?? 0) > stored.version) return record;
  const sameVersion = record.version === stored.version;
  const payload: AnnouncementPayload = {
    ...(typeof record.payload === 'object' && record.payload ? record.payload : {}),
    reasons: input.reasons,
    replacesIndividualNoticeFor: input.replacesIndividualNoticeFor,
    approvedBy: input.approvedBy,
    lastPublishedAt: stored.publishedAt,
  };
  return deps.ledger.saveAnnouncement({
    id,
    incidentId: input.incidentId,
    kind: record.kind,
    phase: record.phase,
    // Re-running the publication of the current version keeps an archived one archived.
    status: sameVersion && record.status === 'archived' ? 'archived' : 'published',
    payload,
    receipt: stored.receipts,
    publishedAt: record.publishedAt ?? stored.publishedAt,
    version: stored.version,
    contentHash: stored.contentHash,
    locales: (stored.content as AnnouncementContent).locales.map((l) => l.locale),
    expiresAt: input.expiresAt,
    archivedAt: sameVersion ? record.archivedAt : null,
  });
}

async function auditOnce(ledger: Ledger, entry: NewAuditEntry, version?: number): Promise<void> {
  const done = (await ledger.listAudit(entry.incidentId ?? '')).some(
    (a) =>
      a.action === entry.action &&
      (version === undefined || (a.details as { version?: number } | null)?.version === version),
  );
  if (!done) await ledger.appendAudit(entry);
}

export function createAnnouncementActivities(deps: AnnouncementActivityDeps): AnnouncementActivities {
  const { ledger, settings } = deps;
  return {
    async publishAnnouncement(input) {
      const id = announcementIdOf(input.incidentId);
      const stored = await recordVersion(deps, input);
      const record = await markPublished(deps, input, stored);
      const versions = (await ledger.listAnnouncementVersions(id)).filter((v) => v.version <= stored.version);
      const view = announcementView({
        status: 'published',
        expiresAt: input.expiresAt,
        archivedAt: null,
        versions: versions.map(toStoredVersion),
        baseUrl: settings.publicBaseUrl,
      });
      const receipts = await runAdapters(ledger, settings, {
        announcementId: id,
        version: stored.version,
        view,
        receipts: stored.receipts,
      });
      if (record && record.version === stored.version) {
        await ledger.saveAnnouncement({ ...record, receipt: receipts });
      }
      const result: PublishedAnnouncement = {
        slug: view.slug,
        url: view.url,
        contentHash: stored.contentHash,
        publishedAt: stored.publishedAt,
        locales: view.locales.map((l) => l.locale),
        receipts: receiptList(receipts),
      };
      await auditOnce(
        ledger,
        {
          incidentId: input.incidentId,
          at: stored.publishedAt,
          actor: 'system',
          action: stored.version === 1 ? 'announcement:published' : 'announcement:updated',
          reason: input.reasons.map((r) => r.detail).join('; ') || undefined,
          details: {
            version: stored.version,
            url: view.url,
            contentHash: stored.contentHash,
            locales: result.locales,
            expiresAt: input.expiresAt,
            approvedBy: input.approvedBy,
            reasons: input.reasons,
            replacesIndividualNoticeFor: input.replacesIndividualNoticeFor,
            receipts,
          },
        },
        stored.version,
      );
      return result;
    },

    async archiveAnnouncement({ incidentId, at }) {
      const id = announcementIdOf(incidentId);
      const after = await ledger.archiveAnnouncementRecord(id, at);
      if (!after?.archivedAt) {
        throw ApplicationFailure.nonRetryable(`incident ${incidentId} has no announcement`, 'NotFound');
      }
      await auditOnce(ledger, {
        incidentId,
        at: after.archivedAt,
        actor: 'system',
        action: 'announcement:archived',
        reason: 'its posting period ended',
        details: { version: after.version, expiresAt: after.expiresAt },
      });
      return { archivedAt: after.archivedAt };
    },
  };
}
