// The list of every public announcement, newest first, linking each page and the feed.
import { escapeHtml } from '../notice/text.js';
import type { AnnouncementStatus } from './announcement.js';
import type { AnnouncementContent } from './content.js';
import { htmlDocument } from './page.js';
import { announcementTexts } from './texts.js';
import { announcementPath } from './view.js';

export interface IndexEntry {
  status: AnnouncementStatus;
  content: AnnouncementContent;
  publishedAt: string;
  updatedAt: string;
}

export function renderAnnouncementIndex(entries: readonly IndexEntry[], baseUrl: string): string {
  const t = announcementTexts('en');
  const date = (iso: string) =>
    `<time datetime="${escapeHtml(iso)}">${escapeHtml(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)))}</time>`;
  const items = entries.map((e) => {
    const c = e.content.locales[0];
    if (!c) return '';
    const href = `${baseUrl}${announcementPath(e.content.slug)}`;
    const archived =
      e.status === 'archived' ? ` <span class="meta">(${escapeHtml(t.archivedLabel)})</span>` : '';
    return `<li lang="${escapeHtml(c.locale)}"><a href="${escapeHtml(href)}">${escapeHtml(c.heading)}</a>${archived}<br>
<span class="meta">${escapeHtml(e.content.organisation)} · ${escapeHtml(t.published)} ${date(e.publishedAt)} · ${escapeHtml(t.updated)} ${date(e.updatedAt)}</span></li>`;
  });
  const list = items.length ? `<ul>\n${items.join('\n')}\n</ul>` : `<p>${escapeHtml(t.indexEmpty)}</p>`;
  const atom = `${baseUrl}/public/announcements.atom`;
  const body = `<main>
<h1>${escapeHtml(t.indexTitle)}</h1>
${list}
</main>
<footer><p><a href="${escapeHtml(atom)}" type="application/atom+xml">${escapeHtml(t.feed)}</a></p></footer>`;
  return htmlDocument(
    'en',
    t.indexTitle,
    `<link rel="alternate" type="application/atom+xml" href="${escapeHtml(atom)}">`,
    body,
  );
}
