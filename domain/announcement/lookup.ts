// "Was I affected?": a person names an email address or a phone number on an incident's announcement
// page and, if it belongs to one of the incident's affected people, receives a one-time code on that
// channel only. These are the rules of the check; the route, the store and the sender do the I/O.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ParseError, parsePhoneNumberWithError, type PhoneNumber } from 'libphonenumber-js/max';
import { z } from 'zod';

export const LOOKUP_CODE_DIGITS = 6;
export const LOOKUP_CODE_TTL_MS = 10 * 60_000;
export const LOOKUP_MAX_TRIES = 5;

export type LookupChannel = 'email' | 'sms';

/** An address as the affected-user import stores it: email lower-cased, phone in E.164. */
export interface LookupAddress {
  channel: LookupChannel;
  address: string;
}

export type AddressProblem = 'required' | 'invalid' | 'phone_prefix';

const Email = z.email().max(320);

/**
 * Reads what a person typed. An `@` means an email address; anything else is a phone number, which
 * needs its international prefix because the page cannot know the person's country.
 */
export function parseLookupAddress(raw: string): LookupAddress | { problem: AddressProblem } {
  const text = raw.trim();
  if (text === '') return { problem: 'required' };
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return Email.safeParse(email).success ? { channel: 'email', address: email } : { problem: 'invalid' };
  }
  // 00 is the international call prefix of most countries: read it as the +.
  const international = text.startsWith('00') ? `+${text.slice(2)}` : text;
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(international, { extract: false });
  } catch (err) {
    // A number without a country code (and no country to assume) is what the person can fix.
    if (err instanceof ParseError && err.message === 'INVALID_COUNTRY') return { problem: 'phone_prefix' };
    return { problem: 'invalid' };
  }
  return phone.isValid() ? { channel: 'sms', address: phone.number } : { problem: 'invalid' };
}

/** Separate keys per purpose, so an address digest can never be replayed as a code digest. */
type DigestPurpose = 'address' | 'code';

/**
 * The keyed hash (HMAC-SHA256) under which addresses and codes are stored: equal inputs match, and
 * without the key the digests of a guessed list of addresses cannot be computed.
 */
export function lookupDigest(key: Buffer, purpose: DigestPurpose, value: string): string {
  return createHmac('sha256', key).update(`breach-notify/lookup/${purpose}\0`).update(value).digest('hex');
}

/** The key of the lookups, from a secret of its own or the notice link secret. */
export function lookupKeyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('breach-notify/lookup-key').digest();
}

/** A code as the person types it: spaces and dashes forgiven, full-width digits read as digits. */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '');
}

export const CODE_PATTERN = new RegExp(`^\\d{${LOOKUP_CODE_DIGITS}}$`);

/** What the store keeps of one lookup: no address, no code, only their digests. */
export interface LookupState {
  /** Null while the code is being sent, and for addresses of nobody affected (no code exists). */
  codeDigest: string | null;
  tries: number;
  expiresAt: string;
  usedAt: string | null;
}

export type CodeVerdict =
  | { status: 'ok' }
  | { status: 'wrong'; triesLeft: number }
  /** Expired, used, or out of tries: a new lookup is needed. */
  | { status: 'dead' };

/**
 * Judges one attempt. `tries` already counts this attempt (the store counts before comparing, so
 * parallel guesses cannot overrun the limit). A lookup without a code answers like a wrong code.
 */
export function judgeCode(state: LookupState, given: string, key: Buffer, now: Date): CodeVerdict {
  if (state.usedAt !== null || now.getTime() >= Date.parse(state.expiresAt)) return { status: 'dead' };
  if (state.tries > LOOKUP_MAX_TRIES) return { status: 'dead' };
  const digest = Buffer.from(lookupDigest(key, 'code', normaliseCode(given)), 'hex');
  const expected = state.codeDigest === null ? undefined : Buffer.from(state.codeDigest, 'hex');
  // Compare even when no code exists, so the answer takes the same time either way.
  const match = timingSafeEqual(digest, expected ?? Buffer.alloc(digest.length)) && expected !== undefined;
  if (match) return { status: 'ok' };
  const triesLeft = LOOKUP_MAX_TRIES - state.tries;
  return triesLeft > 0 ? { status: 'wrong', triesLeft } : { status: 'dead' };
}

/** The lookup is offered while the incident's personal data is kept and its announcement is public. */
export function lookupOpen(
  incident: { purgedAt: string | null } | undefined,
  announcements: readonly { status: string }[],
): boolean {
  if (!incident || incident.purgedAt !== null) return false;
  return announcements.some((a) => a.status === 'published' || a.status === 'archived');
}
