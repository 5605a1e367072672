import { describe, expect, it } from 'vitest';
import { signNoticeLink, verifyNoticeLink } from '../domain/notice/link.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const claims = {
  incidentId: '0b9e3c1e-8f1a-4c55-9d0e-2f6a7b8c9d01',
  recipientRef: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
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

  it('is short enough for a UCS-2 SMS and carries no personal data', () => {
    const token = signNoticeLink(claims, SECRET);
    expect(token.length).toBeLessThanOrEqual(80);
    expect(() => signNoticeLink({ ...claims, recipientRef: 'zoe@example.com' }, SECRET)).toThrow(/opaque/);
    expect(() => signNoticeLink({ ...claims, recipientRef: '+44 20 7946 0000' }, SECRET)).toThrow(/opaque/);
  });

  it('accepts opaque ids that are not UUIDs', () => {
    const token = signNoticeLink(
      { ...claims, incidentId: 'INC-2026-0042', recipientRef: 'r_9f8e7d' },
      SECRET,
    );
    const result = verifyNoticeLink(token, SECRET, before);
    expect(result.status === 'ok' && result.claims.incidentId).toBe('INC-2026-0042');
    expect(result.status === 'ok' && result.claims.recipientRef).toBe('r_9f8e7d');
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
