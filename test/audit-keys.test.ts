import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointStatement } from '../domain/evidence/audit-chain.js';
import { auditSigner, loadAuditKeys, verifyAuditSignature } from '../platform/audit-keys.js';

const payloadKeys = { activeKeyId: 'p1', keys: { p1: randomBytes(32) } };
const statement = checkpointStatement({
  incidentId: 'i1',
  seq: 3,
  head: 'ab'.repeat(32),
  signedAt: '2026-11-20T08:30:00Z',
});

describe('audit signing keys', () => {
  it('signs with the active configured key and keeps older ones published after a rotation', () => {
    const old = randomBytes(32).toString('base64');
    const before = auditSigner(
      loadAuditKeys({ AUDIT_SIGNING_KEYS: JSON.stringify({ a1: old }) }, payloadKeys),
    );
    const signedBefore = before.sign(statement);
    expect(signedBefore.keyId).toBe('a1');

    const rotated = auditSigner(
      loadAuditKeys(
        { AUDIT_SIGNING_KEYS: JSON.stringify({ a1: old, a2: randomBytes(32).toString('base64') }) },
        payloadKeys,
      ),
    );
    const published = rotated.publicKeys();
    expect(published.keys.map((k) => [k.kid, k.active])).toEqual([
      ['a1', false],
      ['a2', true],
    ]);
    expect(rotated.sign(statement).keyId).toBe('a2');
    expect(verifyAuditSignature(published, statement, signedBefore)).toBe(true);
    expect(verifyAuditSignature(published, statement.replace('"seq":3', '"seq":4'), signedBefore)).toBe(
      false,
    );
    expect(verifyAuditSignature(published, statement, { ...signedBefore, keyId: 'nobody' })).toBe(false);
  });

  it('derives the same development key from the payload keys in the API and the worker', () => {
    const a = auditSigner(loadAuditKeys({}, payloadKeys));
    const b = auditSigner(loadAuditKeys({}, payloadKeys));
    expect(a.publicKeys()).toEqual(b.publicKeys());
    expect(verifyAuditSignature(b.publicKeys(), statement, a.sign(statement))).toBe(true);
  });

  it('refuses a key that is not 32 bytes and an active id that is not configured, naming the setting', () => {
    expect(() => loadAuditKeys({ AUDIT_SIGNING_KEYS: '{"a1":"c2hvcnQ="}' }, payloadKeys)).toThrow(
      /AUDIT_SIGNING_KEYS\.a1/,
    );
    expect(() =>
      loadAuditKeys(
        {
          AUDIT_SIGNING_KEYS: JSON.stringify({ a1: randomBytes(32).toString('base64') }),
          AUDIT_SIGNING_ACTIVE_KEY_ID: 'zz',
        },
        payloadKeys,
      ),
    ).toThrow(/AUDIT_SIGNING_ACTIVE_KEY_ID/);
  });
});
