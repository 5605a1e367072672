// GET /metrics for Prometheus. Unauthenticated like /healthz, as scrapers usually are: it carries
// counts only, never a person, an address or an incident's words. Keep it off the public ingress.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ledger } from '../../store/ledger.js';
import type { LedgerMetrics } from '../ledger-metrics.js';

export function metricsRoutes(deps: { ledger: Ledger; metrics: LedgerMetrics }): FastifyPluginAsyncZod {
  const plugin: FastifyPluginAsyncZod = async (app) => {
    app.addHook('onResponse', async (request, reply) => {
      // The route's pattern, never the raw URL: paths carry notice tokens and lookup codes.
      const route = request.routeOptions.url ?? 'unmatched';
      deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    });
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['health'],
          security: [],
          summary: 'Prometheus metrics',
          response: {
            200: {
              description: 'Prometheus text exposition format 0.0.4',
              content: { 'text/plain': { schema: z.string() } },
            },
          },
        },
      },
      async (_request, reply) => {
        await deps.metrics.refresh(deps.ledger);
        return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
      },
    );
  };
  // Not encapsulated (what fastify-plugin does), so the request counter sees every route of the API.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
