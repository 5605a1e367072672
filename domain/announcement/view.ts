// The public view of an announcement: its newest version's content, its dates, status and timeline.
// The page renders it, the JSON is it, so the two never say different things.
import type { NoticeSection } from '../notice/template.js';
import type { AnnouncementStatus } from './announcement.js';
import type { AnnouncementContent, AnnouncementLocaleContent } from './content.js';

export interface TimelineEntry {
  version: number;
  publishedAt: string;
  contentHash: string;
  /** Sections whose text differs from the version before; empty for the first. */
  changed: NoticeSection[];
}

export interface AnnouncementView {
  slug: string;
  url: string;
  status: AnnouncementStatus;
  version: number;
  contentHash: string;
  organisation: string;
  discoveredAt: string;
  publishedAt: string;
  updatedAt: string;
  expiresAt: string | null;
  archivedAt: string | null;
  locales: AnnouncementLocaleContent[];
  timeline: TimelineEntry[];
  links: { html: string; json: string; atom: string };
}

export interface StoredVersion {
  version: number;
  content: AnnouncementContent;
  contentHash: string;
  publishedAt: string;
}

export interface ViewInput {
  status: AnnouncementStatus;
  expiresAt: string | null;
  archivedAt: string | null;
  /** Oldest first; at least one. */
  versions: readonly StoredVersion[];
  /** The service's public origin, without a trailing slash. */
  baseUrl: string;
}

export const announcementPath = (slug: string) => `/public/announcements/${encodeURIComponent(slug)}`;

export function announcementView(input: ViewInput): AnnouncementView {
  const first = input.versions[0];
  const latest = input.versions[input.versions.length - 1];
  if (!first || !latest) throw new Error('an announcement view needs a published version');
  const { content } = latest;
  const html = `${input.baseUrl}${announcementPath(content.slug)}`;
  return {
    slug: content.slug,
    url: html,
    status: input.status,
    version: latest.version,
    contentHash: latest.contentHash,
    organisation: content.organisation,
    discoveredAt: content.discoveredAt,
    publishedAt: first.publishedAt,
    updatedAt: latest.publishedAt,
    expiresAt: input.expiresAt,
    archivedAt: input.archivedAt,
    locales: content.locales,
    timeline: input.versions.map((v, i) => ({
      version: v.version,
      publishedAt: v.publishedAt,
      contentHash: v.contentHash,
      changed: i === 0 ? [] : changedSections(input.versions[i - 1]!.content, v.content),
    })),
    links: { html, json: `${html}.json`, atom: `${input.baseUrl}/public/announcements.atom` },
  };
}

/** Compared in the first (original) locale, which every version has. */
export function changedSections(before: AnnouncementContent, after: AnnouncementContent): NoticeSection[] {
  const a = before.locales[0];
  const b = after.locales[0];
  if (!a || !b) return [];
  const old = new Map(a.sections.map((s) => [s.id, JSON.stringify(s.blocks)]));
  return b.sections.filter((s) => old.get(s.id) !== JSON.stringify(s.blocks)).map((s) => s.id);
}

/** The locale to show: the one asked for, else the reader's preferred languages, else the original. */
export function chooseLocale(
  locales: readonly string[],
  asked: string | undefined,
  acceptLanguage: string | undefined,
): string {
  const lower = (t: string) => t.toLowerCase();
  const match = (tag: string) =>
    locales.find((l) => lower(l) === lower(tag)) ??
    locales.find((l) => lower(l).split('-')[0] === lower(tag).split('-')[0]);
  if (asked) {
    const found = match(asked);
    if (found) return found;
  }
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((p) => p.tag !== '' && p.tag !== '*' && p.q > 0)
    .sort((x, y) => y.q - x.q);
  for (const p of preferred) {
    const found = match(p.tag);
    if (found) return found;
  }
  return locales[0] ?? 'en';
}
