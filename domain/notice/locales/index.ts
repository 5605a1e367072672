import { remembered } from '../remembered.js';
import type { NoticeTemplate } from '../template.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { zhCN } from './zh-CN.js';

/** Every locale a notice can be written in, keyed by its BCP 47 tag. Add a locale by adding a module here. */
export const NOTICE_TEMPLATES: Readonly<Record<string, NoticeTemplate>> = {
  en,
  'zh-CN': zhCN,
  es,
  fr,
};

export const DEFAULT_NOTICE_LOCALE = 'en';

/**
 * The template for a person's locale: the exact tag, then any template of the same language
 * (`zh-TW` reads `zh-CN`, `es-MX` reads `es`), then English.
 */
export function noticeTemplate(locale: string | undefined): NoticeTemplate {
  return templateFor(locale ?? '');
}

// Canonicalising a locale costs more than the rest of choosing; a fan-out asks for a few, often.
const templateFor = remembered(chooseTemplate);

function chooseTemplate(locale: string): NoticeTemplate {
  const fallback = NOTICE_TEMPLATES[DEFAULT_NOTICE_LOCALE] as NoticeTemplate;
  if (!locale) return fallback;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? '';
  } catch {
    return fallback;
  }
  const exact = Object.keys(NOTICE_TEMPLATES).find((tag) => tag.toLowerCase() === canonical.toLowerCase());
  if (exact) return NOTICE_TEMPLATES[exact] as NoticeTemplate;
  const language = canonical.split('-')[0]?.toLowerCase();
  const sameLanguage = Object.keys(NOTICE_TEMPLATES).find(
    (tag) => tag.split('-')[0]?.toLowerCase() === language,
  );
  return sameLanguage ? (NOTICE_TEMPLATES[sameLanguage] as NoticeTemplate) : fallback;
}
