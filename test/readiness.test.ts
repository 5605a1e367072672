// Readiness as a load balancer and an orchestrator see it: the API's /readyz names what is missing
// (Temporal, the ledger, production's provider credentials), the worker's listener reports its state.
// The Temporal client and the ledger are stand-ins here (this tests the route's decisions); the
// observability test runs the real ones.
import type { Client } from '@temporalio/client';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { healthRoutes, type ReadinessDeps } from '../api/routes/health.js';
import { startMetricsServer } from '../worker/metrics/metrics-server.js';
import { WorkerMetrics } from '../worker/metrics/worker-metrics.js';

function client(answers: boolean): Client {
  return {
    withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
    workflowService: {
      getSystemInfo: () =>
        answers ? Promise.resolve({}) : Promise.reject(new Error('14 UNAVAILABLE: no connection')),
    },
  } as unknown as Client;
}

async function readyz(deps: ReadinessDeps) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(healthRoutes(deps));
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  await app.close();
  return { status: res.statusCode, body: res.json() as Record<string, string> };
}

const ledger = (ok: boolean): ReadinessDeps['ledger'] => ({
  listIncidents: () =>
    (ok ? Promise.resolve({ items: [] }) : Promise.reject(new Error('connection refused'))) as never,
});
const email = { email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'privacy@acme.example' } };

describe('/readyz', () => {
  it('is ready when Temporal and the ledger answer and, in production, a channel has credentials', async () => {
    const res = await readyz({
      client: client(true),
      ledger: ledger(true),
      production: true,
      channels: email,
    });
    expect(res).toEqual({
      status: 200,
      body: { status: 'ready', temporal: 'ok', ledger: 'ok', providers: 'ok' },
    });
  });

  it('names each thing that is missing', async () => {
    const res = await readyz({
      client: client(false),
      ledger: ledger(false),
      production: true,
      channels: {},
    });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'not_ready', temporal: expect.stringContaining('UNAVAILABLE') });
    expect(res.body.ledger).toContain('connection refused');
    expect(res.body.providers).toContain('no notice channel');
  });

  it('does not ask for provider credentials outside production', async () => {
    const res = await readyz({ client: client(true), ledger: ledger(true), production: false, channels: {} });
    expect(res.status).toBe(200);
  });
});

describe("the worker's listener", () => {
  it('answers /readyz from the worker state and serves /metrics', async () => {
    let state = 'INITIALIZED';
    const server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: new WorkerMetrics({ processMetrics: false }),
      probe: { state: () => state },
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      state = 'RUNNING';
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', worker: 'RUNNING' });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        '# TYPE breach_notice_sends_total counter',
      );
    } finally {
      await server.close();
    }
  });
});
