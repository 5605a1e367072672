// What a public announcement says, in each language it is published in: the notice's sections
// (reused from the individual notice, addressed to no one), no person's data, and where a
// translation is missing, the original text marked with its language.
import { UNKNOWN } from '../assessment.js';
import type { IncidentFacts } from '../incident.js';
import { buildNoticeDocument, type Block } from '../notice/document.js';
import { noticeIncident } from '../notice/incident-notice.js';
import { DEFAULT_NOTICE_LOCALE, noticeTemplate } from '../notice/locales/index.js';
import { NoticePageInput } from '../notice/page.js';
import type { NoticeSection } from '../notice/template.js';
import { oneLine, fill } from '../notice/text.js';
import { translationFor } from '../notice/translation.js';
import { announcementTexts } from './texts.js';

export interface AnnouncementSection {
  id: NoticeSection;
  heading: string;
  blocks: Block[];
  /** Set when the section shows the incident's original text for want of a translation. */
  originalLanguage?: string;
}

export interface AnnouncementLocaleContent {
  /** The notice locale (BCP 47) this version is written in; the page's `lang`. */
  locale: string;
  languageName: string;
  title: string;
  /** Set when the title is the original for want of a translation. */
  titleLanguage?: string;
  heading: string;
  intro: string;
  /** Some of the incident's words are shown in the original language. */
  fallback: boolean;
  sections: AnnouncementSection[];
}

/** One published version: the same for the page, the JSON, the feed and the adapters. */
export interface AnnouncementContent {
  slug: string;
  version: number;
  organisation: string;
  discoveredAt: string;
  publishedAt: string;
  locales: AnnouncementLocaleContent[];
}

const languageOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The locales an announcement is written in: the original text's (or the default), and the notice
 * locale each affected person's locale reads (a person in `fr-CA` reads `fr`; one in a locale no
 * notice template has reads the default). Original first, the others in tag order.
 */
export function announcementLocales(
  facts: Pick<IncidentFacts, 'originalLocale' | 'translations'>,
  peopleLocales: readonly string[],
): string[] {
  const original = noticeTemplate(facts.originalLocale ?? DEFAULT_NOTICE_LOCALE).locale;
  const others = new Set<string>();
  for (const l of peopleLocales) others.add(noticeTemplate(l === UNKNOWN ? undefined : l).locale);
  for (const l of Object.keys(facts.translations ?? {})) {
    if (peopleLocales.some((p) => languageOf(p) === languageOf(l))) others.add(noticeTemplate(l).locale);
  }
  others.delete(original);
  return [original, ...[...others].sort()];
}

export interface AnnouncementContentInput {
  slug: string;
  version: number;
  facts: IncidentFacts;
  locales: readonly string[];
  publishedAt: string;
}

export function buildAnnouncementContent(input: AnnouncementContentInput): AnnouncementContent {
  const { facts } = input;
  const organisation = oneLine(facts.contact.name);
  return {
    slug: input.slug,
    version: input.version,
    organisation,
    discoveredAt: facts.discoveredAt,
    publishedAt: input.publishedAt,
    locales: input.locales.map((l) => localeContent(facts, l)),
  };
}

/** Sections whose text is the responder's own words, by the field that carries them. */
const OWN_WORDS: { field: 'description' | 'measuresTaken' | 'userActions'; section: NoticeSection }[] = [
  { field: 'description', section: 'whatHappened' },
  { field: 'measuresTaken', section: 'whatWeDid' },
  { field: 'userActions', section: 'whatYouCanDo' },
];

function localeContent(facts: IncidentFacts, locale: string): AnnouncementLocaleContent {
  const template = noticeTemplate(locale);
  const texts = announcementTexts(template.locale);
  // Addressed to no one: no name, dates in UTC, the first notice's wording (versions are on the timeline).
  const doc = buildNoticeDocument(
    NoticePageInput.parse({
      locale: template.locale,
      incident: noticeIncident(facts),
      person: { timeZone: 'UTC' },
      noticeVersion: 1,
    }),
  );
  // Without a stated original language the text is taken to be in the default locale's.
  const originalLanguage = facts.originalLocale ?? DEFAULT_NOTICE_LOCALE;
  const isOriginal = languageOf(originalLanguage) === languageOf(template.locale);
  const translation = isOriginal ? undefined : translationFor(facts.translations, locale, template.locale);
  const untranslated = (field: 'title' | (typeof OWN_WORDS)[number]['field']) =>
    !isOriginal && translation?.[field] === undefined;
  const fellBack = new Set(
    OWN_WORDS.filter(
      (w) => untranslated(w.field) && (w.field !== 'userActions' || facts.userActions.length > 0),
    ).map((w) => w.section),
  );

  const sections = doc.sections.map((s): AnnouncementSection => {
    const section: AnnouncementSection = { id: s.id, heading: s.heading, blocks: s.blocks };
    if (s.id === 'yourData') {
      section.heading = texts.yourDataHeading;
      section.blocks = s.blocks.map((b, i) => (i === 0 ? { kind: 'paragraphs', text: texts.yourData } : b));
    }
    if (s.id === 'consequences') section.heading = texts.consequencesHeading;
    if (fellBack.has(s.id)) section.originalLanguage = originalLanguage;
    return section;
  });
  const titleFellBack = untranslated('title');
  return {
    locale: template.locale,
    languageName: texts.languageName,
    title: doc.title,
    ...(titleFellBack ? { titleLanguage: originalLanguage } : {}),
    heading: fill(texts.heading, { title: doc.title }),
    intro: fill(texts.intro, { org: doc.org }),
    fallback: titleFellBack || fellBack.size > 0,
    sections,
  };
}
