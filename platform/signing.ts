import { createHmac, hkdfSync } from 'node:crypto';
import type { PayloadKeyRing } from './codec.js';

/**
 * Signs decisions recorded in the audit log (judgements, approvals) so a later reader can tell an entry
 * was written by this service and not altered. The key is derived from the active payload key, so there
 * is no extra secret to manage; the key id is kept with each signature for rotation.
 */
export function decisionSigner(ring: PayloadKeyRing) {
  const keyFor = (keyId: string) => {
    const base = ring.keys[keyId];
    if (!base) throw new Error(`unknown signing key id ${keyId}`);
    return Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), 'breach-notify decision signature', 32));
  };
  const canonical = (value: unknown) => JSON.stringify(value, Object.keys(value as object).sort());
  return {
    sign(decision: object): { keyId: string; hmacSha256: string } {
      const keyId = ring.activeKeyId;
      return {
        keyId,
        hmacSha256: createHmac('sha256', keyFor(keyId)).update(canonical(decision)).digest('hex'),
      };
    },
    verify(decision: object, signature: { keyId: string; hmacSha256: string }): boolean {
      const expected = createHmac('sha256', keyFor(signature.keyId))
        .update(canonical(decision))
        .digest('hex');
      return expected === signature.hmacSha256;
    },
  };
}
