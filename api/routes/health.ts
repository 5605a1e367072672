import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** /healthz: the process answers. /readyz: Temporal answers too, so work can actually be started. */
export function healthRoutes(client: Client): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: { tags: ['health'], security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );
    const Readiness = z.object({ status: z.enum(['ready', 'not_ready']), temporal: z.string() });
    const readiness = {
      200: Readiness.describe('Temporal answers'),
      503: Readiness.describe('Temporal does not answer'),
    };
    app.get(
      '/readyz',
      { schema: { tags: ['health'], security: [], response: readiness } },
      async (_request, reply) => {
        try {
          await client.withDeadline(Date.now() + 3_000, () => client.workflowService.getSystemInfo({}));
          return { status: 'ready' as const, temporal: 'reachable' };
        } catch (err) {
          return reply.status(503).send({ status: 'not_ready' as const, temporal: (err as Error).message });
        }
      },
    );
  };
}
