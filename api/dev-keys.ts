// Development API keys: with no BREACH_API_KEYS, `npm start` makes a responder and an approver key
// under DATA_DIR. The API reads only their hashes (api-keys.json); the keys themselves are kept
// beside them, readable by the owner alone, so `npm run keys` and `npm run demo` can find them again.
// Production never comes here: its keys are BREACH_API_KEYS, hashes made by the operator.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseApiKeys, sha256Hex, type ApiKeyEntry } from './api-keys.js';

export const DEV_KEY_ROLES = ['responder', 'approver'] as const;
export type DevKeyRole = (typeof DEV_KEY_ROLES)[number];
export type DevKeyPair = Record<DevKeyRole, string>;

export function devKeyFiles(dataDir: string): { hashes: string; keys: string } {
  return { hashes: path.join(dataDir, 'api-keys.json'), keys: path.join(dataDir, 'dev-api-keys.json') };
}

export interface DevKeys {
  entries: ApiKeyEntry[];
  /** The keys, present only when they were created by this call. */
  created?: DevKeyPair;
}

/** The development keys' hashes for the API, creating the keys the first time. */
export function ensureDevKeys(dataDir: string): DevKeys {
  const files = devKeyFiles(dataDir);
  if (existsSync(files.hashes)) return { entries: parseApiKeys(readFileSync(files.hashes, 'utf8')) };
  const created = replaceDevKeys(dataDir);
  return { entries: entriesFor(created), created };
}

export type StoredDevKeys =
  | { kind: 'found'; keys: DevKeyPair }
  /** No development keys yet: `npm start` (or `npm run keys`) makes them. */
  | { kind: 'none' }
  /** Hashes without their keys: made before keys were kept, or api-keys.json replaced by hand. */
  | { kind: 'lost'; reason: string };

const KeyFile = z.object({ responder: z.string().min(1), approver: z.string().min(1) });

/** The development keys the API accepts now, if they can still be shown. */
export function readDevKeys(dataDir: string): StoredDevKeys {
  const files = devKeyFiles(dataDir);
  if (!existsSync(files.hashes)) return { kind: 'none' };
  if (!existsSync(files.keys)) {
    return { kind: 'lost', reason: `only their hashes are kept (${files.hashes})` };
  }
  const stored = KeyFile.safeParse(parseOrUndefined(readFileSync(files.keys, 'utf8')));
  if (!stored.success) return { kind: 'lost', reason: `${files.keys} is not a development key file` };
  const hashes = new Set(parseApiKeys(readFileSync(files.hashes, 'utf8')).map((e) => e.sha256));
  const stale = DEV_KEY_ROLES.filter((role) => !hashes.has(sha256Hex(stored.data[role])));
  if (stale.length) {
    return { kind: 'lost', reason: `${files.hashes} no longer holds the ${stale.join(' and ')} key` };
  }
  return { kind: 'found', keys: stored.data };
}

/**
 * New development keys in place of the old ones, which stop working once the API reads the new
 * hashes (at its next start).
 */
export function replaceDevKeys(dataDir: string): DevKeyPair {
  const keys = Object.fromEntries(
    DEV_KEY_ROLES.map((role) => [role, `bk_${role}_${randomBytes(18).toString('base64url')}`]),
  ) as DevKeyPair;
  const files = devKeyFiles(dataDir);
  mkdirSync(dataDir, { recursive: true });
  // The keys first: hashes whose keys were never written would leave nothing to show.
  writePrivate(files.keys, JSON.stringify(keys, null, 2));
  writePrivate(files.hashes, JSON.stringify(entriesFor(keys), null, 2));
  return keys;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function entriesFor(keys: DevKeyPair): ApiKeyEntry[] {
  return DEV_KEY_ROLES.map((role) => ({ id: `dev-${role}`, role, sha256: sha256Hex(keys[role]) }));
}

/** Owner-only, and whole or not at all: a reader never sees half a file. */
function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
