// Throughput device: an email is laid out once per language, time zone and data categories, then
// filled with each person's (escaped) name and link. Pure, so it lives with the renderer; the other
// devices are in activities/throughput/.
import type { ParsedNoticeInput } from './input.js';
import { escapeHtml, oneLine, safeHref } from './text.js';

/** Stand-ins for the person's name and link in an email laid out for many people. */
const NAME_MARK = '\uE000';
const LINK_MARK = 'https://link.invalid/\uE001';
/** How the marks read in the HTML: the link as `safeHref` writes it (percent-encoded). */
const HTML_MARKS = [NAME_MARK, safeHref(LINK_MARK)!];
const TEXT_MARKS = [NAME_MARK, LINK_MARK];
/** Layouts kept at most per writer; a list with more kinds of people starts again. */
const LAYOUTS_MAX = 1000;

/** An email's parts that a layout fills in. */
export interface LaidOutEmail {
  subject: string;
  language: string;
  html: string;
  text: string;
}

interface EmailLayout {
  subject: string;
  language: string;
  html: (values: readonly string[]) => string;
  text: (values: readonly string[]) => string;
}

export type EmailLayouts = Map<string, EmailLayout>;

/**
 * The layouts of one writer's emails; undefined when what every notice shares (the incident's own
 * text) could contain a mark, and every email is then laid out whole.
 */
export function emailLayouts(shared: unknown): EmailLayouts | undefined {
  return JSON.stringify(shared).match(/[\uE000\uE001]/) ? undefined : new Map();
}

/** `text` cut at each mark; the function returned puts back, at each cut, the value of the mark cut there. */
function cutAtMarks(text: string, marks: readonly string[]): (values: readonly string[]) => string {
  const pieces: string[] = [];
  const slots: number[] = [];
  const pattern = new RegExp(marks.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  let from = 0;
  for (const m of text.matchAll(pattern)) {
    pieces.push(text.slice(from, m.index));
    slots.push(marks.indexOf(m[0]));
    from = m.index + m[0].length;
  }
  pieces.push(text.slice(from));
  return (values) => {
    let out = pieces[0]!;
    for (let i = 0; i < slots.length; i++) out += values[slots[i]!]! + pieces[i + 1]!;
    return out;
  };
}

/**
 * The person's email from the layout of people like them, laid out with `layOut` and marks the
 * first time; undefined for a link the HTML would not carry as given (then lay the email out whole).
 */
export function emailFromLayout(
  input: ParsedNoticeInput,
  layouts: EmailLayouts,
  layOut: (input: ParsedNoticeInput) => LaidOutEmail,
): LaidOutEmail | undefined {
  const href = safeHref(input.noticeUrl);
  if (!href) return undefined;
  const { name, ...rest } = input.person;
  const key = JSON.stringify([input.locale, name !== undefined, rest.timeZone, rest.dataCategories]);
  let layout = layouts.get(key);
  if (!layout) {
    const marked = layOut({
      ...input,
      person: { ...rest, ...(name !== undefined ? { name: NAME_MARK } : {}) },
      noticeUrl: LINK_MARK,
    });
    layout = {
      subject: marked.subject,
      language: marked.language,
      html: cutAtMarks(marked.html, HTML_MARKS),
      text: cutAtMarks(marked.text, TEXT_MARKS),
    };
    if (layouts.size >= LAYOUTS_MAX) layouts.clear();
    layouts.set(key, layout);
  }
  const person = name !== undefined ? oneLine(name) : '';
  return {
    subject: layout.subject,
    language: layout.language,
    html: layout.html([escapeHtml(person), escapeHtml(href)]),
    text: layout.text([person, input.noticeUrl]),
  };
}
