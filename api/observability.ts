// What the API adds for operations, in one place: a span per request (@fastify/otel; a no-op until
// platform/tracing.ts registers a tracer provider), log lines that carry the incident, its workflow
// and the trace, and /metrics.
import { trace } from '@opentelemetry/api';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../store/ledger.js';
import type { LedgerMetrics } from './ledger-metrics.js';
import { metricsRoutes } from './routes/metrics.js';

// One instrumentation per process: each instance would otherwise register itself again.
const fastifyOtel = new FastifyOtelInstrumentation({ ignorePaths: (opts) => opts.url === '/metrics' });

const INCIDENT_ID = /^inc_[0-9a-f]{20}$/;

export async function installObservability(
  app: FastifyInstance,
  deps: { ledger: Ledger; metrics: LedgerMetrics },
): Promise<void> {
  await app.register(fastifyOtel.plugin());
  app.addHook('preHandler', async (request, reply) => {
    const params = request.params as { id?: unknown } | undefined;
    const route = request.routeOptions.url ?? '';
    const incidentId =
      route.startsWith('/v1/incidents/:id') && typeof params?.id === 'string' && INCIDENT_ID.test(params.id)
        ? params.id
        : undefined;
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    if (!incidentId && !traceId) return;
    const bindings = {
      ...(incidentId ? { incidentId, workflowId: `incident-${incidentId}` } : {}),
      ...(traceId ? { traceId } : {}),
    };
    request.log = request.log.child(bindings);
    reply.log = request.log;
  });
  await app.register(metricsRoutes(deps));
}
