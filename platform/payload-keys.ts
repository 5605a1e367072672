import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PayloadKeyRing } from './codec.js';
import { ConfigError, readJsonSetting, type Config } from './config.js';

const KeyFile = z.record(
  z.string().min(1),
  z.string().refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
);

/**
 * The payload key ring from PAYLOAD_KEYS. In development, with none configured, a key is created once
 * under DATA_DIR so histories stay readable across restarts.
 */
export function loadPayloadKeys(config: Config): PayloadKeyRing {
  let raw: unknown;
  if (config.PAYLOAD_KEYS) {
    raw = readJsonSetting('PAYLOAD_KEYS', config.PAYLOAD_KEYS);
  } else {
    const file = path.join(config.dataDir, 'payload-keys.json');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify({ dev1: randomBytes(32).toString('base64') }, null, 2), {
        mode: 0o600,
      });
    }
    raw = JSON.parse(readFileSync(file, 'utf8'));
  }
  const parsed = KeyFile.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `PAYLOAD_KEYS.${i.path.join('.')}: ${i.message}`));
  }
  const ids = Object.keys(parsed.data);
  const activeKeyId = config.PAYLOAD_ACTIVE_KEY_ID ?? ids[ids.length - 1];
  if (!activeKeyId || !parsed.data[activeKeyId]) {
    throw new ConfigError([
      `PAYLOAD_ACTIVE_KEY_ID: "${activeKeyId}" is not one of ${ids.join(', ') || '(no keys)'}`,
    ]);
  }
  const keys = Object.fromEntries(
    Object.entries(parsed.data).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]),
  );
  return { activeKeyId, keys };
}
