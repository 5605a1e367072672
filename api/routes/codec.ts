import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EncryptionCodec } from '../../platform/codec.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../schemas.js';

// Temporal's remote codec protocol: payloads as JSON with base64 metadata values and data.
const JsonPayload = z.object({
  metadata: z.record(z.string(), z.string()).optional(),
  data: z.string().optional(),
});
const CodecBody = z.object({ payloads: z.array(JsonPayload).max(1000) });
type JsonPayload = z.infer<typeof JsonPayload>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export interface CodecRouteOptions {
  codec: EncryptionCodec;
  keys: readonly ApiKeyEntry[];
  allowedOrigins: string[];
  /** Operators must present a key; the embedded development UI may be allowed without one. */
  requireAuth: boolean;
}

/** Lets the Temporal Web UI show decrypted payloads to operators; CORS only for the UI's origins. */
export function codecRoutes(opts: CodecRouteOptions): FastifyPluginAsyncZod {
  const operator = requireRole(opts.keys, 'approver');
  return async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin && opts.allowedOrigins.includes(origin)) {
        reply.header('access-control-allow-origin', origin);
        reply.header('access-control-allow-credentials', 'true');
        reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace');
        reply.header('access-control-allow-methods', 'POST, OPTIONS');
        reply.header('vary', 'origin');
      }
    });
    app.options('/codec/*', { schema: { hide: true } }, async (_request, reply) => reply.status(204).send());
    for (const direction of ['decode', 'encode'] as const) {
      app.post(
        `/codec/${direction}`,
        {
          onRequest: opts.requireAuth ? operator : [],
          schema: {
            tags: ['codec'],
            summary: `Remote codec: ${direction} payloads`,
            ...(opts.requireAuth ? {} : { security: [] }),
            body: CodecBody,
            response: { 200: CodecBody, ...errorResponses({ body: true, public: !opts.requireAuth }) },
          },
        },
        async (request) => {
          const payloads = request.body.payloads.map(fromJson);
          const result =
            direction === 'decode' ? await opts.codec.decode(payloads) : await opts.codec.encode(payloads);
          return { payloads: result.map(toJson) };
        },
      );
    }
  };
}
