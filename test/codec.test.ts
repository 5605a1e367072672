import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../platform/codec.js';

const secret = { contact: 'privacy-officer@example.com', phone: '+14155550123' };

describe('EncryptionCodec', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('encrypts so that nothing of the value is readable, and decodes it back exactly', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1 } });
    const payload = defaultPayloadConverter.toPayload(secret);
    const [encoded] = await codec.encode([payload]);
    const raw = Buffer.from(encoded!.data!).toString('latin1');
    expect(raw).not.toContain('privacy-officer');
    expect(raw).not.toContain('4155550123');
    expect(Buffer.from(encoded!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
  });

  it('uses a fresh IV each time, so equal values do not look equal', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1 } });
    const payload = defaultPayloadConverter.toPayload(secret);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('decodes payloads of a rotated-out key while encrypting with the new one', async () => {
    const old = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1 } });
    const [before] = await old.encode([defaultPayloadConverter.toPayload(secret)]);
    const rotated = new EncryptionCodec({ activeKeyId: 'k2', keys: { k1, k2 } });
    const [after] = await rotated.encode([defaultPayloadConverter.toPayload(secret)]);
    expect(Buffer.from(after!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    const decoded = await rotated.decode([before!, after!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([secret, secret]);
  });

  it('refuses an unknown key id and tampered ciphertext', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1 } });
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(secret)]);
    const other = new EncryptionCodec({ activeKeyId: 'k2', keys: { k2 } });
    await expect(other.decode([encoded!])).rejects.toThrow(/unknown key id "k1"/);
    const tampered = Buffer.from(encoded!.data!);
    tampered[20] = tampered[20]! ^ 0xff;
    await expect(codec.decode([{ ...encoded!, data: tampered }])).rejects.toThrow();
  });

  it('passes through payloads that were never encrypted', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1 } });
    const plain = defaultPayloadConverter.toPayload({ hello: 'world' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new EncryptionCodec({ activeKeyId: 'k', keys: { k: randomBytes(16) } })).toThrow(/32 bytes/);
  });
});
