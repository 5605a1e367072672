import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, type ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../schemas.js';

export const WhoamiAnswer = z.object({
  keyId: z.string().describe('The id of the key in BREACH_API_KEYS, never the key itself'),
  role: z.enum(ROLES),
  recipient: z.string().optional().describe('Regulator keys only: the recipient whose filings the key sees'),
});

/** GET /v1/whoami: the role a key carries, so a client (the console) offers only what the key may do. */
export function whoamiRoutes(keys: readonly ApiKeyEntry[]): FastifyPluginAsyncZod {
  const anyKey = requireRole(keys, ...ROLES);
  return async (app) => {
    app.get(
      '/v1/whoami',
      {
        onRequest: anyKey,
        schema: {
          tags: ['keys'],
          summary: 'The role (and a regulator key’s recipient) of the key presented',
          response: { 200: WhoamiAnswer, ...errorResponses() },
        },
      },
      async (request) => {
        const p = request.principal!;
        return {
          keyId: p.keyId,
          role: p.role,
          ...(p.recipient === undefined ? {} : { recipient: p.recipient }),
        };
      },
    );
  };
}
