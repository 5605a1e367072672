import { describe, expect, it } from 'vitest';
import { openDeliveryRef, sealDeliveryRef } from '../domain/delivery-ref.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const OLD_SECRET = 'the-secret-before-rotation-also-32-bytes-long';
const ref = {
  incidentId: '0b9e3c1e-8f1a-4c55-9d0e-2f6a7b8c9d01',
  userId: 'zoe@example.com',
  channel: 'sms' as const,
  noticeVersion: 3,
};

describe('sealed delivery reference', () => {
  it('opens to the delivery it was sealed for, and shows nothing of it', () => {
    const token = sealDeliveryRef(ref, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openDeliveryRef(token, [SECRET])).toEqual(ref);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('zoe');
    // A fresh nonce each time: two messages to one person do not share a visible reference.
    expect(sealDeliveryRef(ref, SECRET)).not.toBe(token);
  });

  it('opens references sealed before a rotation when the old secret is still listed', () => {
    const token = sealDeliveryRef(ref, OLD_SECRET);
    expect(openDeliveryRef(token, [SECRET])).toBeUndefined();
    expect(openDeliveryRef(token, [SECRET, OLD_SECRET])).toEqual(ref);
  });

  it('refuses a changed, cut or made-up token', () => {
    const token = sealDeliveryRef(ref, SECRET);
    const raw = Buffer.from(token, 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(openDeliveryRef(raw.toString('base64url'), [SECRET])).toBeUndefined();
    expect(openDeliveryRef(token.slice(0, -3), [SECRET])).toBeUndefined();
    expect(openDeliveryRef('AQ' + 'A'.repeat(60), [SECRET])).toBeUndefined();
    expect(openDeliveryRef('not base64!', [SECRET])).toBeUndefined();
    expect(openDeliveryRef('', [SECRET])).toBeUndefined();
  });
});
