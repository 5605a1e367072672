// The Ed25519 keys that sign audit checkpoints and evidence packs. AUDIT_SIGNING_KEYS holds
// { "<keyId>": "<base64 32-byte seed>" } (inline or a file path), like PAYLOAD_KEYS: the active id signs,
// every id stays published so older signatures still verify after a rotation. Without it, a key is
// derived from each payload key, so the API and the worker (which share those) sign alike in development.
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { PayloadKeyRing } from './codec.js';
import { ConfigError, readJsonSetting } from './config.js';

const SeedFile = z.record(
  z.string().min(1),
  z.string().refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
);

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditKeyRing {
  activeKeyId: string;
  keys: Record<string, { privateKey: KeyObject; publicKey: KeyObject }>;
}

export interface AuditKeySettings {
  AUDIT_SIGNING_KEYS?: string | undefined;
  AUDIT_SIGNING_ACTIVE_KEY_ID?: string | undefined;
}

export function ed25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function derivedSeeds(payloadKeys: PayloadKeyRing): { seeds: Record<string, Buffer>; active: string } {
  const seeds = Object.fromEntries(
    Object.entries(payloadKeys.keys).map(([id, key]) => [
      `derived-${id}`,
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'breach-notify audit signing key', 32)),
    ]),
  );
  return { seeds, active: `derived-${payloadKeys.activeKeyId}` };
}

export function loadAuditKeys(settings: AuditKeySettings, payloadKeys: PayloadKeyRing): AuditKeyRing {
  let seeds: Record<string, Buffer>;
  let active: string | undefined;
  if (settings.AUDIT_SIGNING_KEYS) {
    const parsed = SeedFile.safeParse(readJsonSetting('AUDIT_SIGNING_KEYS', settings.AUDIT_SIGNING_KEYS));
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((i) => `AUDIT_SIGNING_KEYS.${i.path.join('.')}: ${i.message}`),
      );
    }
    seeds = Object.fromEntries(
      Object.entries(parsed.data).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]),
    );
    const ids = Object.keys(seeds);
    active = settings.AUDIT_SIGNING_ACTIVE_KEY_ID ?? ids[ids.length - 1];
  } else {
    ({ seeds, active } = derivedSeeds(payloadKeys));
  }
  if (!active || !seeds[active]) {
    throw new ConfigError([
      `AUDIT_SIGNING_ACTIVE_KEY_ID: "${active}" is not one of ${Object.keys(seeds).join(', ') || '(no keys)'}`,
    ]);
  }
  const keys = Object.fromEntries(Object.entries(seeds).map(([id, seed]) => [id, ed25519FromSeed(seed)]));
  return { activeKeyId: active, keys };
}

export interface AuditSigner {
  sign(statement: string): { keyId: string; signature: string };
  /** The published form: JWK (OKP, Ed25519) with kid. */
  publicKeys(): PublishedAuditKeys;
}

export interface PublishedAuditKey {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  alg: 'EdDSA';
  use: 'sig';
  /** The key that signs now; the others verify older signatures. */
  active: boolean;
}
export interface PublishedAuditKeys {
  keys: PublishedAuditKey[];
}

export function auditSigner(ring: AuditKeyRing): AuditSigner {
  return {
    sign(statement) {
      const key = ring.keys[ring.activeKeyId]!;
      return {
        keyId: ring.activeKeyId,
        signature: sign(null, Buffer.from(statement, 'utf8'), key.privateKey).toString('base64'),
      };
    },
    publicKeys() {
      return {
        keys: Object.entries(ring.keys).map(([kid, k]) => {
          const jwk = k.publicKey.export({ format: 'jwk' });
          return {
            kid,
            kty: 'OKP' as const,
            crv: 'Ed25519' as const,
            x: String(jwk.x),
            alg: 'EdDSA' as const,
            use: 'sig' as const,
            active: kid === ring.activeKeyId,
          };
        }),
      };
    },
  };
}

/** Checks a signature against published keys (the verifier's side: no private key needed). */
export function verifyAuditSignature(
  published: PublishedAuditKeys,
  statement: string,
  sig: { keyId: string; signature: string },
): boolean {
  const jwk = published.keys.find((k) => k.kid === sig.keyId);
  if (!jwk) return false;
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  return verify(null, Buffer.from(statement, 'utf8'), publicKey, Buffer.from(sig.signature, 'base64'));
}
