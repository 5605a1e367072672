// The one map from a notice's language to how a call reads it: Twilio's <Say> language and voice.
// A language without an entry is read in English (its notice template is English too).
export interface SpokenLanguage {
  /** Twilio's `language` attribute of <Say>. */
  language: string;
  /** Twilio's `voice` attribute of <Say>: an Amazon Polly voice that speaks `language`. */
  voice: string;
}

const SPOKEN: Readonly<Record<string, SpokenLanguage>> = {
  en: { language: 'en-US', voice: 'Polly.Joanna' },
  es: { language: 'es-ES', voice: 'Polly.Lucia' },
  fr: { language: 'fr-FR', voice: 'Polly.Lea' },
  'zh-CN': { language: 'cmn-CN', voice: 'Polly.Zhiyu' },
  de: { language: 'de-DE', voice: 'Polly.Vicki' },
  pt: { language: 'pt-BR', voice: 'Polly.Camila' },
  ja: { language: 'ja-JP', voice: 'Polly.Mizuki' },
};

export const DEFAULT_SPOKEN: SpokenLanguage = SPOKEN.en!;

/** The exact tag, then the language alone, then English. */
export function spokenLanguage(locale: string | undefined): SpokenLanguage {
  if (!locale) return DEFAULT_SPOKEN;
  const exact = Object.keys(SPOKEN).find((t) => t.toLowerCase() === locale.toLowerCase());
  if (exact) return SPOKEN[exact]!;
  const language = locale.split(/[-_]/)[0]?.toLowerCase();
  const same = Object.keys(SPOKEN).find((t) => t.split('-')[0] === language);
  return same ? SPOKEN[same]! : DEFAULT_SPOKEN;
}
