/** Small text helpers shared by the notice renderers. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Fills `{name}` placeholders. A placeholder without a value is an error rather than left in
 * the text: a person must never receive a notice that reads "Dear {name}".
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`notice template uses {${key}} but no value was given`);
    return String(value);
  });
}

/** Collapses runs of whitespace (including newlines) to one space, for one-line fields like subjects. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Shortens to at most `max` characters (code points), ending in an ellipsis, preferring a word boundary. */
export function truncate(value: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  const room = Math.max(0, max - Array.from(ellipsis).length);
  let cut = chars.slice(0, room).join('');
  const space = cut.lastIndexOf(' ');
  if (space > room * 0.6) cut = cut.slice(0, space);
  return cut.replace(/[\s.,;:!?-]+$/u, '') + ellipsis;
}

/** Only web, mail and phone links are made clickable; anything else (e.g. `javascript:`) stays text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
