import { describe, expect, it } from 'vitest';
import { NOTICE_LINK_MAX_CHARS, signNoticeLink, verifyNoticeLink } from '../domain/notice/link.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const claims = {
  incidentId: '0b9e3c1e-8f1a-4c55-9d0e-2f6a7b8c9d01',
  linkRef: 17,
  noticeVersion: 2,
  expiresAt: new Date('2026-12-31T00:00:00Z'),
};
const before = new Date('2026-12-01T00:00:00Z');

describe('signed notice link', () => {
  it('verifies a fresh token and returns its claims', () => {
    const token = signNoticeLink(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyNoticeLink(token, SECRET, before)).toEqual({ status: 'ok', claims });
  });

  it('is short whatever the reference, and carries only the incident id, a number and dates', () => {
    // The API's incident ids, and UUIDs.
    for (const incidentId of ['inc_0123456789abcdef0123', claims.incidentId]) {
      for (const linkRef of [1, 127, 128, 2_000_000, 0xffffffff]) {
        for (const noticeVersion of [1, 65535]) {
          const signed = { ...claims, incidentId, linkRef, noticeVersion };
          const token = signNoticeLink(signed, SECRET);
          expect(token.length).toBeLessThanOrEqual(NOTICE_LINK_MAX_CHARS);
          expect(verifyNoticeLink(token, SECRET, before)).toEqual({ status: 'ok', claims: signed });
        }
      }
    }
    // An API incident id and a reference below two million, as most links have them.
    expect(
      signNoticeLink({ ...claims, incidentId: 'inc_0123456789abcdef0123', linkRef: 1_999_999 }, SECRET),
    ).toHaveLength(50);
    expect(NOTICE_LINK_MAX_CHARS).toBeLessThanOrEqual(64);
    expect(() => signNoticeLink({ ...claims, linkRef: 0 }, SECRET)).toThrow(/linkRef/);
    expect(() => signNoticeLink({ ...claims, linkRef: 1.5 }, SECRET)).toThrow(/linkRef/);
    expect(() => signNoticeLink({ ...claims, linkRef: 2 ** 32 }, SECRET)).toThrow(/linkRef/);
  });

  it('accepts incident ids that are not UUIDs', () => {
    const token = signNoticeLink({ ...claims, incidentId: 'INC-2026-0042' }, SECRET);
    const result = verifyNoticeLink(token, SECRET, before);
    expect(result.status === 'ok' && result.claims.incidentId).toBe('INC-2026-0042');
    expect(() => signNoticeLink({ ...claims, incidentId: 'i'.repeat(65) }, SECRET)).toThrow(/incidentId/);
  });

  it('still verifies tokens of the first format, which named the person by userId', () => {
    // Signed by the first format's code (userId `u-17`) before link references existed.
    const issued = 'AQALnjwejxpMVZ0OL2p7jJ0BAQR1LTE3AAH0hlcADfV5vEwLKIjmbfGJ-Ylmew';
    expect(verifyNoticeLink(issued, SECRET, before)).toEqual({
      status: 'ok',
      claims: {
        incidentId: claims.incidentId,
        recipientRef: 'u-17',
        noticeVersion: 1,
        expiresAt: new Date('2100-01-01T00:00:00Z'),
      },
    });
    expect(verifyNoticeLink(issued, 'another-secret-that-is-also-32-bytes-long!', before).status).toBe(
      'invalid',
    );
  });

  it('reports an authentic token past its expiry as expired', () => {
    const token = signNoticeLink(claims, SECRET);
    expect(verifyNoticeLink(token, SECRET, new Date('2026-12-31T00:00:00Z')).status).toBe('expired');
    expect(verifyNoticeLink(token, SECRET, new Date('2027-01-01T00:00:00Z'))).toEqual({
      status: 'expired',
      claims,
    });
  });

  it('refuses a tampered token, a token signed with another key, and garbage', () => {
    const token = signNoticeLink(claims, SECRET);
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i] = (flipped[i] ?? 0) ^ 0x01;
      expect(verifyNoticeLink(flipped.toString('base64url'), SECRET, before).status, `byte ${i}`).toBe(
        'invalid',
      );
    }
    expect(verifyNoticeLink(token.slice(0, -2), SECRET, before).status).toBe('invalid');
    expect(verifyNoticeLink(token + 'A', SECRET, before).status).toBe('invalid');
    expect(verifyNoticeLink(token, 'another-secret-that-is-also-32-bytes-long!', before).status).toBe(
      'invalid',
    );
    expect(verifyNoticeLink('', SECRET, before).status).toBe('invalid');
    expect(verifyNoticeLink('not a token!', SECRET, before).status).toBe('invalid');
    // An expired token from someone else's key must not be reported as merely expired.
    const forged = signNoticeLink(claims, 'another-secret-that-is-also-32-bytes-long!');
    expect(verifyNoticeLink(forged, SECRET, new Date('2027-06-01T00:00:00Z')).status).toBe('invalid');
  });

  it('accepts tokens signed with an older key during rotation', () => {
    const old = 'the-old-secret-before-rotation-32-bytes!!';
    const token = signNoticeLink(claims, old);
    expect(verifyNoticeLink(token, [SECRET, old], before).status).toBe('ok');
    expect(verifyNoticeLink(token, [SECRET], before).status).toBe('invalid');
  });

  it('refuses a short secret', () => {
    expect(() => signNoticeLink(claims, 'short')).toThrow(/32 bytes/);
  });
});
