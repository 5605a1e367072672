import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Recipient } from '../domain/filing/recipient.js';
import { ConfigError, readJsonSetting } from '../platform/config.js';

export const ROLES = ['responder', 'approver', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const ApiKeyEntry = z
  .object({
    id: z.string().min(1),
    role: z.enum(ROLES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'must be the hex SHA-256 of the key'),
    /** The recipient id (recipients file) whose filings a regulator key may see. */
    recipient: Recipient.shape.id.optional(),
  })
  .superRefine((entry, ctx) => {
    // A regulator key sees one regulator's filings; unbound, it would see either nothing or everyone's.
    if (entry.role === 'regulator' && entry.recipient === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: 'a regulator key must name its recipient (the recipient id of the recipients file)',
      });
    }
    if (entry.role !== 'regulator' && entry.recipient !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: `only a regulator key is bound to a recipient; a ${entry.role} key takes none`,
      });
    }
  });
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

export interface Principal {
  keyId: string;
  role: Role;
  /** Regulator keys only: the recipient whose filings the key may see. */
  recipient?: string;
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
  if (!match) return undefined;
  return {
    keyId: match.id,
    role: match.role,
    ...(match.recipient === undefined ? {} : { recipient: match.recipient }),
  };
}
