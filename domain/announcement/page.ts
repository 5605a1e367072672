// The public announcement as a web page: one `h1`, a `section` with an `h2` per notice section,
// landmarks, a language switch (`hreflang`, `lang`), the "Were you affected?" form, and no images,
// scripts or outside requests, so it works without JavaScript and loads at once on a phone.
import { blockHtml } from '../notice/render.js';
import { escapeHtml, fill } from '../notice/text.js';
import type { AnnouncementLocaleContent, AnnouncementSection } from './content.js';
import { announcementTexts, type AnnouncementTexts } from './texts.js';
import { announcementPath, type AnnouncementView, type TimelineEntry } from './view.js';

export const ANNOUNCEMENT_CSS = `
  :root { color-scheme: light dark; }
  body { margin: 0; background: #fff; color: #1a1a1a; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; }
  header, main, footer { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
  main { padding-bottom: 2rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  h2 { font-size: 1.25rem; margin-top: 2rem; }
  a { color: #0645ad; }
  a:focus, button:focus, input:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
  nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
  dl.dates { display: grid; grid-template-columns: fit-content(50%) minmax(0, 1fr); gap: 0.25rem 1rem; }
  body { overflow-wrap: break-word; }
  dl.dates dt { font-weight: 600; }
  dl.dates dd { margin: 0; }
  .notice { border-left: 4px solid #8a4b00; padding: 0.5rem 1rem; background: #fff4e5; color: #1a1a1a; }
  .lookup { border: 1px solid #767676; border-radius: 6px; padding: 0 1rem 1rem; margin-top: 2rem; }
  .lookup label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .lookup input[type=text] { font: inherit; width: 100%; max-width: 24rem; box-sizing: border-box; padding: 0.5rem; border: 1px solid #595959; border-radius: 4px; }
  .lookup button { font: inherit; margin: 0.5rem 0 0 0.5rem; padding: 0.5rem 1.25rem; border: 0; border-radius: 4px; background: #0645ad; color: #fff; cursor: pointer; }
  .meta, footer { color: #444; font-size: 0.9375rem; }
  @media (prefers-color-scheme: dark) {
    body { background: #111; color: #eee; }
    a { color: #8ab4f8; }
    a:focus, button:focus, input:focus { outline-color: #ffbf47; }
    .meta, footer { color: #bbb; }
    .notice { background: #2b1d00; color: #eee; border-left-color: #ffbf47; }
    .lookup input[type=text] { background: #1e1e1e; color: #eee; border-color: #aaa; }
    .lookup button { background: #8ab4f8; color: #111; }
  }
  @media print {
    nav, .lookup { display: none; }
    body { background: #fff; color: #000; font-size: 11pt; }
    a { color: #000; }
    main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; }
    section { break-inside: avoid-page; }
  }
`;

const localeUrl = (view: AnnouncementView, locale: string) =>
  `${view.url}?lang=${encodeURIComponent(locale)}`;

/** Formats in the page's language, in UTC, which the `<time>` element's value also carries. */
function dateHtml(iso: string, locale: string): string {
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
}

function sectionHtml(s: AnnouncementSection): string {
  const lang = s.originalLanguage ? ` lang="${escapeHtml(s.originalLanguage)}"` : '';
  return `<section aria-labelledby="${s.id}">
<h2 id="${s.id}">${escapeHtml(s.heading)}</h2>
<div${lang}>
${s.blocks.map((b) => blockHtml(b)).join('\n')}
</div>
</section>`;
}

function languageNav(view: AnnouncementView, current: string, t: AnnouncementTexts): string {
  if (view.locales.length < 2) return '';
  const items = view.locales.map((l) => {
    const attrs = `href="${escapeHtml(localeUrl(view, l.locale))}" hreflang="${escapeHtml(l.locale)}" lang="${escapeHtml(l.locale)}"`;
    const mark = l.locale === current ? ' aria-current="page"' : '';
    return `<li><a ${attrs}${mark}>${escapeHtml(l.languageName)}</a></li>`;
  });
  return `<nav aria-label="${escapeHtml(t.languages)}">\n<ul>\n${items.join('\n')}\n</ul>\n</nav>`;
}

function timelineHtml(entries: readonly TimelineEntry[], c: AnnouncementLocaleContent, t: AnnouncementTexts) {
  const headings = new Map(c.sections.map((s) => [s.id, s.heading]));
  const items = entries.map((e) => {
    const what =
      e.changed.length === 0
        ? t.timelineFirst
        : fill(t.timelineUpdated, { sections: e.changed.map((id) => headings.get(id) ?? id).join(', ') });
    return `<li>${dateHtml(e.publishedAt, c.locale)}: ${escapeHtml(fill(t.version, { version: e.version }))}. ${escapeHtml(what)}</li>`;
  });
  return `<section aria-labelledby="timeline">\n<h2 id="timeline">${escapeHtml(t.timelineHeading)}</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}

/** Exactly the form the lookup's routes expect (the interface shared with them). */
function lookupHtml(view: AnnouncementView, locale: string, t: AnnouncementTexts): string {
  const action = `${announcementPath(view.slug)}/lookup`;
  return `<section class="lookup" aria-labelledby="lookup">
<h2 id="lookup">${escapeHtml(t.lookupHeading)}</h2>
<p>${escapeHtml(t.lookupIntro)}</p>
<form method="post" action="${escapeHtml(action)}"><label for="lookup-address">${escapeHtml(t.lookupLabel)}</label><input id="lookup-address" name="address" type="text" autocomplete="email" required><input type="hidden" name="lang" value="${escapeHtml(locale)}"><button type="submit">${escapeHtml(t.lookupButton)}</button></form>
</section>`;
}

function headLinks(view: AnnouncementView, current: string): string {
  const alternates = view.locales.map(
    (l) =>
      `<link rel="alternate" hreflang="${escapeHtml(l.locale)}" href="${escapeHtml(localeUrl(view, l.locale))}">`,
  );
  return [
    `<link rel="canonical" href="${escapeHtml(localeUrl(view, current))}">`,
    ...alternates,
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(view.url)}">`,
    `<link rel="alternate" type="application/atom+xml" href="${escapeHtml(view.links.atom)}">`,
    `<link rel="alternate" type="application/json" href="${escapeHtml(view.links.json)}">`,
  ].join('\n');
}

export function htmlDocument(lang: string, title: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}
<style>${ANNOUNCEMENT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The page in one of the announcement's locales (the first when `locale` is not one of them). */
export function renderAnnouncementPage(view: AnnouncementView, locale: string): string {
  const c = view.locales.find((l) => l.locale === locale) ?? view.locales[0];
  if (!c) throw new Error(`announcement ${view.slug} has no locale`);
  const t = announcementTexts(c.locale);
  const title = c.titleLanguage
    ? escapeHtml(c.heading).replace(
        escapeHtml(c.title),
        `<span lang="${escapeHtml(c.titleLanguage)}">${escapeHtml(c.title)}</span>`,
      )
    : escapeHtml(c.heading);
  const dates = [
    [t.discovered, view.discoveredAt],
    [t.published, view.publishedAt],
    [t.updated, view.updatedAt],
    ...(view.expiresAt ? [[t.postedUntil, view.expiresAt]] : []),
  ]
    .map(([label, iso]) => `<dt>${escapeHtml(label!)}</dt><dd>${dateHtml(iso!, c.locale)}</dd>`)
    .join('\n');
  const notices = [
    view.status === 'archived' ? `<p class="notice" role="note">${escapeHtml(t.archived)}</p>` : '',
    c.fallback ? `<p class="notice" role="note">${escapeHtml(t.fallback)}</p>` : '',
  ].filter(Boolean);
  const body = `<header>
${languageNav(view, c.locale, t)}
</header>
<main>
<h1>${title}</h1>
${notices.join('\n')}
<p class="meta">${escapeHtml(fill(t.version, { version: view.version }))}</p>
<dl class="dates">
${dates}
</dl>
<p>${escapeHtml(c.intro)}</p>
${c.sections.map(sectionHtml).join('\n')}
${lookupHtml(view, c.locale, t)}
${timelineHtml(view.timeline, c, t)}
</main>
<footer>
<ul>
<li><a href="${escapeHtml(view.links.json)}" type="application/json">${escapeHtml(t.json)}</a></li>
<li><a href="${escapeHtml(view.links.atom)}" type="application/atom+xml">${escapeHtml(t.feed)}</a></li>
</ul>
</footer>`;
  return htmlDocument(c.locale, c.heading, headLinks(view, c.locale), body);
}
