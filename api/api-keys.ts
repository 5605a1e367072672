import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, readJsonSetting } from '../platform/config.js';

export const ROLES = ['responder', 'approver', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const ApiKeyEntry = z.object({
  id: z.string().min(1),
  role: z.enum(ROLES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'must be the hex SHA-256 of the key'),
});
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

export interface Principal {
  keyId: string;
  role: Role;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function parseApiKeys(setting: string): ApiKeyEntry[] {
  const parsed = z.array(ApiKeyEntry).min(1).safeParse(readJsonSetting('BREACH_API_KEYS', setting));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `BREACH_API_KEYS[${i.path.join('.')}]: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Finds the key's entry, comparing every stored hash in constant time so timing reveals nothing. */
export function authenticate(keys: readonly ApiKeyEntry[], presented: string): Principal | undefined {
  const digest = Buffer.from(sha256Hex(presented), 'hex');
  let match: ApiKeyEntry | undefined;
  for (const entry of keys) {
    if (timingSafeEqual(digest, Buffer.from(entry.sha256, 'hex')) && !match) match = entry;
  }
  return match ? { keyId: match.id, role: match.role } : undefined;
}

export interface DevKeys {
  entries: ApiKeyEntry[];
  /** The plaintext keys, present only the first time they are created. */
  created?: Record<string, string>;
}

/**
 * Development only: with no BREACH_API_KEYS, a responder and an approver key are created once under
 * DATA_DIR. Only their hashes are stored; the keys themselves are printed once.
 */
export function ensureDevKeys(dataDir: string): DevKeys {
  const file = path.join(dataDir, 'api-keys.json');
  if (existsSync(file)) return { entries: parseApiKeys(readFileSync(file, 'utf8')) };
  const created: Record<string, string> = {};
  const entries = (['responder', 'approver'] as const).map((role) => {
    const key = `bk_${role}_${randomBytes(18).toString('base64url')}`;
    created[role] = key;
    return { id: `dev-${role}`, role, sha256: sha256Hex(key) };
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(entries, null, 2), { mode: 0o600 });
  return { entries, created };
}
