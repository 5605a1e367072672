import { z } from 'zod';

const Head = z.object({ seq: z.number().int(), hash: z.string() }).nullable();

export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int().describe('Entries in the chain'),
  head: Head.describe("The last entry's seq and hash; null before the first"),
  checkpoints: z.number().int().describe('Signed checkpoints checked'),
  broken: z
    .object({
      id: z.number().int().nullable(),
      seq: z.number().int(),
      problem: z.enum(['missing', 'order', 'link', 'hash', 'checkpoint']),
      message: z.string(),
    })
    .optional()
    .describe('The first entry that does not hold, when ok is false'),
});

export const AuditKeys = z.object({
  keys: z.array(
    z.object({
      kid: z.string(),
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string().describe('The public key, base64url (RFC 8037)'),
      alg: z.literal('EdDSA'),
      use: z.literal('sig'),
      active: z.boolean().describe('Signs now; the others verify older signatures'),
    }),
  ),
});
