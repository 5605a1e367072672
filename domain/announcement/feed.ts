// The Atom feed (RFC 4287) of every announcement: one entry per published version, so a reader
// subscribed to it learns of each update as well as of each new announcement.
import { Feed } from 'feed';
import { blockHtml } from '../notice/render.js';
import { escapeHtml, fill } from '../notice/text.js';
import type { AnnouncementContent } from './content.js';
import { announcementTexts } from './texts.js';
import { announcementPath } from './view.js';

export interface FeedVersion {
  version: number;
  content: AnnouncementContent;
  publishedAt: string;
  /** The announcement's first publication, for the entry's `published`. */
  firstPublishedAt?: string;
}

export interface FeedInput {
  baseUrl: string;
  /** Newest first. */
  versions: readonly FeedVersion[];
  /** Who the feed is by when it has no entries yet. */
  defaultAuthor: string;
}

/** A version's entry id: stable, unique per announcement and version. */
export const feedEntryId = (baseUrl: string, slug: string, version: number) =>
  `${baseUrl}${announcementPath(slug)}#version-${version}`;

export function renderAnnouncementFeed(input: FeedInput): string {
  const index = `${input.baseUrl}/public/announcements`;
  const newest = input.versions[0];
  const feed = new Feed({
    id: index,
    title: announcementTexts('en').indexTitle,
    link: index,
    language: 'en',
    updated: new Date(newest?.publishedAt ?? 0),
    author: { name: newest?.content.organisation ?? input.defaultAuthor },
    feedLinks: { atom: `${input.baseUrl}/public/announcements.atom` },
    generator: false,
  });
  for (const v of input.versions) {
    const c = v.content.locales[0];
    if (!c) continue;
    const t = announcementTexts(c.locale);
    const title = v.version > 1 ? `${c.heading} (${fill(t.version, { version: v.version })})` : c.heading;
    const sections = c.sections
      .map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map((b) => blockHtml(b)).join('\n')}`)
      .join('\n');
    feed.addItem({
      title,
      id: feedEntryId(input.baseUrl, v.content.slug, v.version),
      link: `${input.baseUrl}${announcementPath(v.content.slug)}`,
      date: new Date(v.publishedAt),
      ...(v.firstPublishedAt ? { published: new Date(v.firstPublishedAt) } : {}),
      description: c.intro,
      content: `<p>${escapeHtml(c.intro)}</p>\n${sections}`,
      author: [{ name: v.content.organisation }],
    });
  }
  return feed.atom1();
}
