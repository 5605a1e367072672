import { describe, expect, it } from 'vitest';
import { redact } from '../domain/redaction.js';

describe('redacting contact data from provider messages', () => {
  it('replaces email addresses and phone numbers, keeping the rest of the message', () => {
    expect(redact('550 5.1.1 <ada@example.com>: mailbox unavailable')).toBe(
      '550 5.1.1 <[email]>: mailbox unavailable',
    );
    expect(redact('The number +1 (415) 555-0123 is not a mobile')).toBe(
      'The number [number] is not a mobile',
    );
    expect(redact('to 0044 20 7946 0958, from owner zoe.b@mail.example.org')).toBe(
      'to [number], from owner [email]',
    );
  });

  it('leaves short figures such as error codes alone, and errs towards redacting longer ones', () => {
    expect(redact('error 30003 after 4 tries')).toBe('error 30003 after 4 tries');
    // A date has as many digits as a short phone number: it goes too.
    expect(redact('bounced 2026-11-20')).toBe('bounced [number]');
    expect(redact('retry in 12 s')).toBe('retry in 12 s');
  });

  it('caps the length of what is kept', () => {
    expect(redact('x'.repeat(5000))).toHaveLength(1000);
  });
});
