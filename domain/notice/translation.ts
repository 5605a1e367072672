import type { IncidentFacts } from '../incident.js';
import {
  canonicalLocaleTag,
  TRANSLATABLE_FIELDS,
  type IncidentTranslation,
  type IncidentTranslations,
  type TranslatableField,
} from '../incident-translations.js';
import { noticeTemplate } from './locales/index.js';
import { remembered } from './remembered.js';

const languageOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';
const canonical = remembered((tag) => (canonicalLocaleTag(tag) ?? tag).toLowerCase());

/**
 * The translation a person reads: their own locale, then their language (`fr-CA` reads `fr`), then
 * the notice template's locale and language. Only a translation in the template's language is used,
 * so the incident's words never sit in another language than the headings around them.
 */
export function translationFor(
  translations: IncidentTranslations | undefined,
  personLocale: string | undefined,
  templateLocale: string,
): IncidentTranslation | undefined {
  if (!translations) return undefined;
  const templateLanguage = languageOf(templateLocale);
  const usable = Object.keys(translations).filter((k) => languageOf(k) === templateLanguage);
  if (usable.length === 0) return undefined;
  const person = personLocale ? canonical(personLocale) : '';
  const wanted = [person, languageOf(person), templateLocale.toLowerCase()].filter((t) => t !== '');
  for (const tag of wanted) {
    const key = usable.find((k) => k.toLowerCase() === tag);
    if (key) return translations[key];
  }
  return translations[usable[0]!];
}

/** What the notices of one incident say in which language, for the locales of its people. */
export interface TranslationCoverage {
  /** The language the original text is written in, when the responder said. */
  originalLocale: string | null;
  /** The locales the incident carries a translation for. */
  provided: string[];
  /** People's locales with no translation: their notices carry the original text. */
  missing: string[];
  /** People's locales whose translation leaves fields out: those fields read the original text. */
  incomplete: Record<string, TranslatableField[]>;
}

/** The key the assessment counts people without a locale under. */
const UNKNOWN_LOCALE = 'unknown';

/** Which locales of the affected people (the assessment's `byLocale`) read a translation, and which fall back. */
export function translationCoverage(
  facts: Pick<IncidentFacts, 'translations' | 'originalLocale' | 'userActions'>,
  peopleLocales: readonly string[],
): TranslationCoverage {
  const original = facts.originalLocale ? languageOf(facts.originalLocale) : undefined;
  const needed = TRANSLATABLE_FIELDS.filter((f) => f !== 'userActions' || facts.userActions.length > 0);
  const missing: string[] = [];
  const incomplete: Record<string, TranslatableField[]> = {};
  for (const locale of [...peopleLocales].sort()) {
    const person = locale === UNKNOWN_LOCALE ? undefined : locale;
    const template = noticeTemplate(person).locale;
    if (original !== undefined && languageOf(person ?? template) === original) continue;
    const translation = translationFor(facts.translations, person, template);
    if (!translation) {
      missing.push(locale);
      continue;
    }
    const left = needed.filter((f) => translation[f] === undefined);
    if (left.length > 0) incomplete[locale] = left;
  }
  return {
    originalLocale: facts.originalLocale ?? null,
    provided: Object.keys(facts.translations ?? {}).sort(),
    missing,
    incomplete,
  };
}
