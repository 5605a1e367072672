import {
  buildNoticeDocument,
  noticeHeading,
  type Block,
  type NoticeDocument,
  type NoticeHeading,
} from './document.js';
import { emailFromLayout, emailLayouts, type EmailLayouts } from './email-layout.js';
import { NoticeCommonInput, NoticeInput, NoticeRecipientInput, type ParsedNoticeInput } from './input.js';
import { smsText } from './sms-text.js';
import { escapeHtml, fill, oneLine, safeHref, truncate } from './text.js';

/** The email of a notice: its content and the headers that belong to that content. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The language the notice is written in (BCP 47), for `Content-Language`. */
  language: string;
  /**
   * The incident's contact, for `Reply-To`: the sender is a notices address, and a person who
   * answers their notice should reach someone who can help.
   */
  replyTo: { name: string; address: string };
}

export interface RenderedNotice {
  email: RenderedEmail;
  /** Fits in two SMS segments and always ends with the full link. */
  sms: string;
  push: { title: string; body: string };
}

/** Lock screens cut longer text; these keep a push readable at a glance. */
export const PUSH_TITLE_MAX = 65;
export const PUSH_BODY_MAX = 178;

const STYLE = {
  body: 'margin:0;padding:0;background:#ffffff;color:#1a1a1a;',
  wrap: 'max-width:640px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  h1: 'font-size:22px;line-height:1.3;margin:0 0 16px;',
  h2: 'font-size:18px;line-height:1.3;margin:24px 0 8px;',
  a: 'color:#0645ad;text-decoration:underline;',
  footer: 'margin-top:32px;font-size:13px;color:#444444;',
};

function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

function linkHtml(label: string, href: string, style?: string): string {
  const safe = safeHref(href);
  if (!safe) return escapeHtml(label);
  return `<a href="${escapeHtml(safe)}"${style ? ` style="${style}"` : ''}>${escapeHtml(label)}</a>`;
}

/**
 * HTML for one block; shared with the web page. Email clients drop style sheets, so the email
 * styles its links inline; the page leaves `linkStyle` out, or its style sheet's colours for
 * each colour scheme would lose to the inline one.
 */
export function blockHtml(block: Block, linkStyle?: string): string {
  switch (block.kind) {
    case 'paragraphs':
      return paragraphsHtml(block.text);
    case 'list':
      return `<ul>\n${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'contact':
      return (
        `<p>${escapeHtml(block.intro)}</p>\n<ul>\n` +
        block.lines
          .map(
            (l) =>
              `<li>${escapeHtml(l.label)}: ${l.href ? linkHtml(l.value, l.href, linkStyle) : escapeHtml(l.value)}</li>`,
          )
          .join('\n') +
        '\n</ul>'
      );
    case 'link':
      return `<p>${linkHtml(block.label, block.href, linkStyle)}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraphs':
      return block.text.trim();
    case 'list':
      return block.items.map((i) => `- ${i}`).join('\n');
    case 'contact':
      return `${block.intro}\n${block.lines.map((l) => `- ${l.label}: ${l.value}`).join('\n')}`;
    case 'link':
      return `${block.label}: ${block.href}`;
  }
}

function emailHtml(doc: NoticeDocument, noticeUrl: string): string {
  const sections = doc.sections
    .map(
      (s) =>
        `<h2 style="${STYLE.h2}">${escapeHtml(s.heading)}</h2>\n${s.blocks.map((b) => blockHtml(b, STYLE.a)).join('\n')}`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.subject)}</title>
</head>
<body style="${STYLE.body}">
<div role="article" aria-label="${escapeHtml(doc.subject)}" lang="${escapeHtml(doc.lang)}" style="${STYLE.wrap}">
<h1 style="${STYLE.h1}">${escapeHtml(doc.subject)}</h1>
<p>${escapeHtml(doc.greeting)}</p>
<p>${escapeHtml(doc.intro)}</p>
${sections}
<p style="margin-top:24px;">${linkHtml(doc.template.readOnline, noticeUrl, STYLE.a)}</p>
<p style="${STYLE.footer}">${escapeHtml(doc.footer)}</p>
</div>
</body>
</html>
`;
}

/** Columns a heading takes in a monospace font: East Asian wide characters take two. */
function displayWidth(text: string): number {
  return Array.from(text).reduce(
    (w, ch) =>
      w +
      (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      )
        ? 2
        : 1),
    0,
  );
}

function emailText(doc: NoticeDocument, noticeUrl: string): string {
  const sections = doc.sections.map(
    (s) => `${s.heading}\n${'-'.repeat(displayWidth(s.heading))}\n${s.blocks.map(blockText).join('\n\n')}`,
  );
  return [
    doc.subject,
    '',
    doc.greeting,
    '',
    doc.intro,
    '',
    sections.join('\n\n'),
    '',
    `${doc.template.readOnline}: ${noticeUrl}`,
    '',
    doc.footer,
    '',
  ].join('\n');
}

/**
 * Writes one person's notice for every channel, in their language. Each channel's text is written
 * when first read: a fan-out lane sending one channel does not pay for the other two.
 */
export function renderNotice(raw: NoticeInput): RenderedNotice {
  return rendered(NoticeInput.parse(raw));
}

/**
 * Writes the notices of one incident and version for person after person: what they share is
 * checked once, each person's part when their notice is written.
 */
export function noticeWriter(common: NoticeCommonInput): (recipient: NoticeRecipientInput) => RenderedNotice {
  const shared = NoticeCommonInput.parse(common);
  // People of the same language, time zone and data categories get the same email but for their
  // name and link (email-layout.ts).
  const layouts = emailLayouts(shared);
  return (recipient) => rendered({ ...shared, ...NoticeRecipientInput.parse(recipient) }, layouts);
}

function replyTo(input: ParsedNoticeInput): RenderedEmail['replyTo'] {
  const { contact } = input.incident;
  return { name: oneLine(contact.name), address: contact.email };
}

function emailOf(input: ParsedNoticeInput, heading: NoticeHeading): RenderedEmail {
  const doc = buildNoticeDocument(input, heading);
  return {
    subject: doc.subject,
    html: emailHtml(doc, input.noticeUrl),
    text: emailText(doc, input.noticeUrl),
    language: doc.lang,
    replyTo: replyTo(input),
  };
}

/** The person's email: filled in from the layout of people like them where it can be, else laid out whole. */
function personEmail(
  input: ParsedNoticeInput,
  heading: NoticeHeading,
  layouts?: EmailLayouts,
): RenderedEmail {
  const filled = layouts && emailFromLayout(input, layouts, (marked) => emailOf(marked, heading));
  return filled ? { ...filled, replyTo: replyTo(input) } : emailOf(input, heading);
}

function rendered(input: ParsedNoticeInput, layouts?: EmailLayouts): RenderedNotice {
  // SMS and push need only the heading; the full document is laid out for email alone.
  const heading = noticeHeading(input);
  const t = heading.template;
  const supplemental = input.noticeVersion > 1;
  let email: RenderedEmail | undefined;
  let sms: string | undefined;
  let push: RenderedNotice['push'] | undefined;
  return {
    get email() {
      return (email ??= personEmail(input, heading, layouts));
    },
    get sms() {
      return (sms ??= smsText(heading, input.noticeUrl, supplemental));
    },
    get push() {
      return (push ??= {
        title: truncate(supplemental ? t.push.supplementalTitle : t.push.title, PUSH_TITLE_MAX),
        body: truncate(fill(t.push.body, { org: heading.org }), PUSH_BODY_MAX),
      });
    },
  };
}
