import { buildNoticeDocument } from './document.js';
import { NoticeInput } from './input.js';
import { noticeTemplate } from './locales/index.js';
import { blockHtml } from './render.js';
import { escapeHtml, fill } from './text.js';

/** What the notice page needs: the notice input without the link, since the page is what it points to. */
export const NoticePageInput = NoticeInput.omit({ noticeUrl: true });
export type NoticePageInput = Parameters<typeof NoticePageInput.parse>[0];

const CSS = `
  body { margin: 0; background: #fff; color: #1a1a1a; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; }
  main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  h2 { font-size: 1.25rem; margin-top: 2rem; }
  :root { color-scheme: light dark; }
  a { color: #0645ad; }
  a:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .meta, footer { color: #444; font-size: 0.9375rem; }
  @media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } a { color: #8ab4f8; } .meta, footer { color: #bbb; } }
`;

function page(lang: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The full notice as a web page in the person's language: one `h1`, a `section` with an `h2` per
 * notice section, landmarks, and no images or scripts. Every inserted value is escaped. The page
 * is marked `noindex` and `no-referrer` because its URL carries the person's link token.
 */
export function renderNoticePage(raw: NoticePageInput): string {
  const input = NoticePageInput.parse(raw);
  const doc = buildNoticeDocument(input);
  const sections = doc.sections
    .map(
      (s) =>
        `<section aria-labelledby="${s.id}">\n<h2 id="${s.id}">${escapeHtml(s.heading)}</h2>\n${s.blocks.map((b) => blockHtml(b)).join('\n')}\n</section>`,
    )
    .join('\n');
  const body = `<main>
<h1>${escapeHtml(doc.subject)}</h1>
<p class="meta">${escapeHtml(fill(doc.template.page.version, { version: input.noticeVersion }))}</p>
<p>${escapeHtml(doc.greeting)}</p>
<p>${escapeHtml(doc.intro)}</p>
${sections}
</main>
<footer><p>${escapeHtml(doc.footer)}</p></footer>`;
  return page(doc.lang, doc.subject, body);
}

/** The page shown instead of a notice when its link is expired or was tampered with. */
export function renderNoticeLinkProblemPage(
  locale: string | undefined,
  problem: 'expired' | 'invalid',
): string {
  const t = noticeTemplate(locale);
  const message = problem === 'expired' ? t.page.linkExpired : t.page.linkInvalid;
  return page(t.locale, message, `<main>\n<h1>${escapeHtml(message)}</h1>\n</main>`);
}
