// The incident's own words in the languages a report is written in: the original where it is in that
// language, otherwise the responder's translation of the same language. A language with neither is left
// out rather than filled with words of another language, so the PDF can say what was not translated.
import type { IncidentFacts } from '../incident.js';
import type { IncidentTranslation } from '../incident-translations.js';
import type { Text, TextList } from './report-values.js';

export const primaryLanguage = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/** The responder's language; English when they did not say, as the API's own texts are. */
export function originalTag(facts: Pick<IncidentFacts, 'originalLocale'>): string {
  return facts.originalLocale ?? 'en';
}

function translationIn(
  facts: Pick<IncidentFacts, 'translations'>,
  language: string,
): IncidentTranslation | undefined {
  const all = facts.translations ?? {};
  const exact = Object.keys(all).find((k) => k.toLowerCase() === language.toLowerCase());
  if (exact) return all[exact];
  const same = Object.keys(all).find((k) => primaryLanguage(k) === primaryLanguage(language));
  return same ? all[same] : undefined;
}

type TextField = 'title' | 'description' | 'measuresTaken';

export function factText(facts: IncidentFacts, field: TextField, languages: readonly string[]): Text {
  const out: Text = {};
  const original = originalTag(facts);
  for (const language of languages) {
    if (primaryLanguage(language) === primaryLanguage(original)) out[language] = facts[field];
    else {
      const translated = translationIn(facts, language)?.[field];
      if (translated) out[language] = translated;
    }
  }
  if (Object.keys(out).length === 0) out[original] = facts[field];
  return out;
}

export function factSteps(facts: IncidentFacts, languages: readonly string[]): TextList {
  const out: TextList = {};
  if (facts.userActions.length === 0) return out;
  const original = originalTag(facts);
  for (const language of languages) {
    if (primaryLanguage(language) === primaryLanguage(original)) out[language] = [...facts.userActions];
    else {
      const translated = translationIn(facts, language)?.userActions;
      if (translated && translated.length > 0) out[language] = [...translated];
    }
  }
  if (Object.keys(out).length === 0) out[original] = [...facts.userActions];
  return out;
}

/** Words a responder typed outside the facts (reasons for delay, a judgement's reason): in their language. */
export function responderText(facts: Pick<IncidentFacts, 'originalLocale'>, text: string): Text {
  return { [originalTag(facts)]: text };
}

/** The text to show in a language: that language, then its primary language; undefined when absent. */
export function textIn(text: Text | TextList, language: string): string | string[] | undefined {
  const exact = Object.keys(text).find((k) => k.toLowerCase() === language.toLowerCase());
  if (exact) return text[exact];
  const same = Object.keys(text).find((k) => primaryLanguage(k) === primaryLanguage(language));
  return same ? text[same] : undefined;
}
