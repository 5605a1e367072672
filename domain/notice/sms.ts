/**
 * SMS length rules (3GPP TS 23.038). A message is GSM-7 when every character is in the GSM basic
 * set or its extension table (extension characters take two septets); otherwise the whole message
 * goes as UCS-2. One segment holds 160 septets or 70 UTF-16 units; a multi-part message loses room
 * to its header: 153 septets or 67 units per segment, and an escape pair or surrogate pair is never
 * split across segments.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The most a notice SMS may use: two segments. */
export const SMS_MAX_SEGMENTS = 2;
export const SMS_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) {
    if (!basic.has(ch) && !extension.has(ch)) return 'UCS-2';
  }
  return 'GSM-7';
}

/** Size of each character in the units of its encoding (septets or UTF-16 code units). */
function unitSizes(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (ch) => (encoding === 'GSM-7' ? (extension.has(ch) ? 2 : 1) : ch.length));
}

/** Total length in septets (GSM-7) or UTF-16 code units (UCS-2). */
export function smsUnits(text: string): number {
  return unitSizes(text, smsEncoding(text)).reduce((a, b) => a + b, 0);
}

/** How many segments the text is sent as. */
export function smsSegments(text: string): number {
  const encoding = smsEncoding(text);
  const sizes = unitSizes(text, encoding);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  const { single, multi } = SMS_LIMITS[encoding];
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

const FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2009': ' ',
  '\u00E7': 'c',
};

/**
 * Replaces typographic punctuation and accents outside GSM-7 with their plain forms, but only if
 * that makes the whole text GSM-7: one curly quote must not halve the room for a Latin-script notice,
 * while a Chinese notice is UCS-2 anyway and keeps its own characters.
 */
export function foldToGsm(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extension.has(ch)) {
      out += ch;
      continue;
    }
    const folded = FOLDS[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += folded;
  }
  return smsEncoding(out) === 'GSM-7' ? out : text;
}
