// Provider error messages often quote the recipient; what the service keeps of them must not.
const EMAIL_RE = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;
// Not libphonenumber-js's finders: without the person's country they miss national and 00-prefixed
// numbers, and here a number missed is personal data kept.
const PHONE_RE = /\+?\d[\d\s().-]{6,}\d/g;
const MAX_LENGTH = 1000;

/** Replaces email addresses and phone numbers (seven digits or more) and caps the length. */
export function redact(message: string): string {
  return message
    .replace(EMAIL_RE, '[email]')
    .replace(PHONE_RE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[number]' : m))
    .slice(0, MAX_LENGTH);
}
