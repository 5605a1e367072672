// The worker's small HTTP listener (WORKER_METRICS_PORT): /metrics in Prometheus text format (the
// worker's own counters, then the Temporal SDK's, read from the SDK runtime's exporter on loopback so
// one scrape job sees both), /readyz (the worker polls its task queue) and /healthz.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerMetrics } from './worker-metrics.js';

export interface WorkerProbe {
  /** RUNNING once the worker polls; anything else is not ready. */
  state(): string;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

async function sdkMetrics(sdkMetricsUrl: string | undefined): Promise<string> {
  if (!sdkMetricsUrl) return '';
  try {
    const res = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.text() : '';
  } catch {
    // The SDK exporter starts with the runtime; until then the worker's own counters still answer.
    return '';
  }
}

export async function startMetricsServer(opts: {
  port: number;
  host?: string;
  metrics: WorkerMetrics;
  probe: WorkerProbe;
  /** The Temporal SDK runtime's Prometheus endpoint, e.g. http://127.0.0.1:PORT/metrics. */
  sdkMetricsUrl?: string;
}): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const answer = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'GET') return answer(405, 'text/plain', 'method not allowed\n');
    if (url === '/healthz') return answer(200, 'application/json', JSON.stringify({ status: 'ok' }));
    if (url === '/readyz') {
      const state = opts.probe.state();
      const ready = state === 'RUNNING';
      return answer(
        ready ? 200 : 503,
        'application/json',
        JSON.stringify({ status: ready ? 'ready' : 'not_ready', worker: state }),
      );
    }
    if (url === '/metrics') {
      void Promise.all([opts.metrics.registry.metrics(), sdkMetrics(opts.sdkMetricsUrl)]).then(
        ([own, sdk]) => answer(200, opts.metrics.registry.contentType, `${own}\n${sdk}`),
        (err: unknown) => answer(500, 'text/plain', `${(err as Error).message}\n`),
      );
      return;
    }
    answer(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A free loopback port for the SDK exporter, which needs one named up front. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
