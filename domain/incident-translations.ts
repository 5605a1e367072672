import { z } from 'zod';

/** The incident's own words a notice carries; only these can be given in other languages. */
export const TRANSLATABLE_FIELDS = ['title', 'description', 'measuresTaken', 'userActions'] as const;
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number];

/** The most languages one incident is written in; a few dozen covers any list of people. */
export const MAX_TRANSLATIONS = 50;

/**
 * The responder's words in one other language. Fields left out read the original text. Lengths are
 * the original's, without its minimums, which suit English but not every script.
 */
export const IncidentTranslation = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(1).max(20_000).optional(),
    measuresTaken: z.string().trim().min(1).max(10_000).optional(),
    userActions: z.array(z.string().trim().min(1).max(1_000)).max(30).optional(),
  })
  .strict()
  .refine((t) => TRANSLATABLE_FIELDS.some((f) => t[f] !== undefined), {
    message: `give at least one of ${TRANSLATABLE_FIELDS.join(', ')}`,
  });
export type IncidentTranslation = z.output<typeof IncidentTranslation>;
export type IncidentTranslations = Record<string, IncidentTranslation>;

/** A BCP 47 tag in its canonical spelling (`fr-CA`, `zh-CN`), underscores read as hyphens; null if it is none. */
export function canonicalLocaleTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/** A locale given by a responder, stored under its canonical tag. */
export const LocaleTag = z
  .string()
  .max(35)
  .transform((v, ctx) => {
    const canonical = canonicalLocaleTag(v);
    if (canonical) return canonical;
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a BCP 47 language tag such as en or zh-CN` });
    return z.NEVER;
  });

/**
 * Translations keyed by locale, checked as the import checks a person's locale and stored under the
 * canonical tag, so `fr_CA` and `fr-CA` are one translation and lookups need not guess the spelling.
 */
export const IncidentTranslationsInput = z
  .record(z.string().min(1).max(35), IncidentTranslation)
  .superRefine((record, ctx) => {
    const keys = Object.keys(record);
    if (keys.length > MAX_TRANSLATIONS) {
      ctx.addIssue({ code: 'custom', path: [], message: `at most ${MAX_TRANSLATIONS} locales` });
    }
    const seen = new Map<string, string>();
    for (const key of keys) {
      const canonical = canonicalLocaleTag(key);
      if (!canonical) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `"${key}" is not a BCP 47 language tag such as fr or zh-CN`,
        });
      } else if (seen.has(canonical.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `"${key}" is the same locale as "${seen.get(canonical.toLowerCase())}"`,
        });
      } else seen.set(canonical.toLowerCase(), key);
    }
  })
  .transform((record): IncidentTranslations => {
    const out: IncidentTranslations = {};
    for (const [key, value] of Object.entries(record)) out[canonicalLocaleTag(key) ?? key] = value;
    return out;
  });

/** The free-text facts a supplement may change, and its translations of them. */
export interface TextChanges {
  description?: string;
  measuresTaken?: string;
  userActions?: string[];
  translations?: IncidentTranslations;
}

/**
 * The translations after a supplement: a field the supplement rewrites loses its old translations
 * (they describe what is no longer said) unless the supplement translates it again; what the
 * supplement translates replaces the old text of that field, field by field.
 */
export function supplementTranslations(
  before: IncidentTranslations | undefined,
  changes: TextChanges,
): IncidentTranslations | undefined {
  const rewritten = TRANSLATABLE_FIELDS.filter((f) => f !== 'title' && changes[f] !== undefined);
  const out: IncidentTranslations = {};
  for (const [locale, translation] of Object.entries(before ?? {})) {
    const kept = { ...translation };
    for (const f of rewritten) delete kept[f];
    if (TRANSLATABLE_FIELDS.some((f) => kept[f] !== undefined)) out[locale] = kept;
  }
  for (const [locale, translation] of Object.entries(changes.translations ?? {})) {
    out[locale] = { ...out[locale], ...translation };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
