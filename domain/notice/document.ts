import type { DataCategory } from '../incident.js';
import { risksFor } from './consequences.js';
import type { ParsedNoticeInput } from './input.js';
import { noticeTemplate } from './locales/index.js';
import { remembered } from './remembered.js';
import { translationFor } from './translation.js';
import type { NoticeSection, NoticeTemplate } from './template.js';
import { fill, oneLine } from './text.js';

/** A piece of a section, rendered the same way in HTML email, plain text and the web page. */
export type Block =
  | { kind: 'paragraphs'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'contact'; intro: string; lines: { label: string; value: string; href?: string }[] }
  | { kind: 'link'; label: string; href: string };

export interface NoticeDocument {
  template: NoticeTemplate;
  lang: string;
  subject: string;
  greeting: string;
  intro: string;
  /** The incident title in the notice's language where a translation was given. */
  title: string;
  sections: { id: NoticeSection; heading: string; blocks: Block[] }[];
  phishingWarning: string;
  footer: string;
  org: string;
}

// Building a DateTimeFormat costs far more than using one, and a fan-out formats the same few
// dates for every person: one formatter per locale and time zone is kept.
const dateFormat = remembered((key) => {
  const [locale, timeZone] = key.split('\0');
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
});

function formatDate(iso: string, locale: string, timeZone: string): string {
  return dateFormat(`${locale}\0${timeZone}`).format(new Date(iso));
}

/** Sentences joined by a space, except after full-width punctuation, which carries its own spacing. */
function joinSentences(sentences: string[]): string {
  return sentences.reduce(
    (acc, s) => (acc === '' ? s : /[。！？]$/u.test(acc) ? acc + s : `${acc} ${s}`),
    '',
  );
}

type DocumentInput = Omit<ParsedNoticeInput, 'noticeUrl'>;

/** What a short notice (SMS, push) needs: the template in the person's language, sender and title. */
export interface NoticeHeading {
  template: NoticeTemplate;
  org: string;
  title: string;
}

export function noticeHeading(
  input: Pick<DocumentInput, 'locale' | 'organisation' | 'incident'>,
): NoticeHeading {
  const template = noticeTemplate(input.locale);
  const { incident } = input;
  const translated = translationFor(incident.translations, input.locale, template.locale);
  return {
    template,
    org: oneLine(input.organisation ?? incident.contact.name),
    title: oneLine(translated?.title ?? incident.title),
  };
}

/** Lays out the content of one person's notice, independent of the channel it is sent through. */
export function buildNoticeDocument(input: DocumentInput, heading = noticeHeading(input)): NoticeDocument {
  const { template: t, org, title } = heading;
  const { incident, person } = input;
  const translated = translationFor(incident.translations, input.locale, t.locale);
  const description = translated?.description ?? incident.description;
  const measuresTaken = translated?.measuresTaken ?? incident.measuresTaken;
  const userActions = translated?.userActions ?? incident.userActions;
  const version = input.noticeVersion;
  const date = (iso: string) => formatDate(iso, t.locale, person.timeZone ?? 'UTC');
  const categories: DataCategory[] = [...new Set(person.dataCategories ?? incident.dataCategories)];
  const risks = risksFor(categories);

  const when = [fill(t.when.discovered, { date: date(incident.discoveredAt) })];
  if (incident.occurredFrom && incident.occurredTo) {
    when.push(fill(t.when.between, { from: date(incident.occurredFrom), to: date(incident.occurredTo) }));
  } else if (incident.occurredFrom) {
    when.push(fill(t.when.since, { from: date(incident.occurredFrom) }));
  } else if (incident.occurredTo) {
    when.push(fill(t.when.until, { to: date(incident.occurredTo) }));
  } else {
    when.push(t.when.occurredUnknown);
  }

  const actions = userActions.length > 0 ? userActions : risks.map((r) => t.advice[r]);
  const phishingWarning = fill(t.phishingWarning, { org });

  const contactLines: { label: string; value: string; href?: string }[] = [
    { label: t.contact.email, value: incident.contact.email, href: `mailto:${incident.contact.email}` },
  ];
  if (incident.contact.phone) {
    const phone = incident.contact.phone;
    contactLines.push({ label: t.contact.phone, value: phone, href: `tel:${phone.replace(/[^\d+]/g, '')}` });
  }
  if (incident.contact.url) {
    contactLines.push({ label: t.contact.web, value: incident.contact.url, href: incident.contact.url });
  }

  const sections: NoticeDocument['sections'] = [
    {
      id: 'whatHappened',
      heading: t.headings.whatHappened,
      blocks: [{ kind: 'paragraphs', text: description }],
    },
    { id: 'when', heading: t.headings.when, blocks: [{ kind: 'paragraphs', text: joinSentences(when) }] },
    {
      id: 'yourData',
      heading: t.headings.yourData,
      blocks: [
        { kind: 'paragraphs', text: t.yourData },
        { kind: 'list', items: categories.map((c) => t.categories[c]) },
      ],
    },
    {
      id: 'consequences',
      heading: t.headings.consequences,
      blocks: [
        { kind: 'paragraphs', text: t.consequencesIntro },
        { kind: 'list', items: risks.map((r) => t.risks[r]) },
      ],
    },
    {
      id: 'whatWeDid',
      heading: t.headings.whatWeDid,
      blocks: [{ kind: 'paragraphs', text: measuresTaken }],
    },
    {
      id: 'whatYouCanDo',
      heading: t.headings.whatYouCanDo,
      blocks: [
        { kind: 'list', items: actions },
        { kind: 'paragraphs', text: phishingWarning },
      ],
    },
    {
      id: 'contact',
      heading: t.headings.contact,
      blocks: [{ kind: 'contact', intro: fill(t.contact.intro, { org }), lines: contactLines }],
    },
  ];
  if (input.complaintRight) {
    const blocks: Block[] = [
      { kind: 'paragraphs', text: fill(t.complaint, { regulator: oneLine(input.complaintRight.regulator) }) },
    ];
    if (input.complaintRight.url)
      blocks.push({ kind: 'link', label: t.complaintMore, href: input.complaintRight.url });
    sections.push({ id: 'complaint', heading: t.headings.complaint, blocks });
  }

  const supplemental = version > 1;
  return {
    template: t,
    lang: t.locale,
    subject: fill(supplemental ? t.supplementalSubject : t.subject, { org, title, version }),
    greeting: person.name ? fill(t.greetingNamed, { name: oneLine(person.name) }) : t.greetingAnonymous,
    intro: supplemental ? fill(t.supplementalIntro, { org, version }) : fill(t.intro, { org }),
    sections,
    title,
    phishingWarning,
    footer: t.footer,
    org,
  };
}
