import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** /healthz: the process answers. /readyz: Temporal answers too, so work can actually be started. */
export function healthRoutes(client: Client): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { tags: ['health'], hide: true } }, async (_request, reply) => {
      try {
        await client.withDeadline(Date.now() + 3_000, () => client.workflowService.getSystemInfo({}));
        return { status: 'ready', temporal: 'reachable' };
      } catch (err) {
        return reply.status(503).send({ status: 'not_ready', temporal: (err as Error).message });
      }
    });
  };
}
