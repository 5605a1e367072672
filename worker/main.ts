// A worker process on its own (production, or more workers to scale out): `npm run worker`.
// It needs TEMPORAL_ADDRESS; run as many as the load needs, Temporal spreads the tasks.
import { ConfigError, directorySettings, loadConfig } from '../platform/config.js';
import { createLogger, installTemporalLogging } from '../platform/logger.js';
import { loadObservabilitySettings } from '../platform/observability-config.js';
import { loadPayloadKeys } from '../platform/payload-keys.js';
import { startTracing } from '../platform/tracing.js';
import { openLedger } from '../store/open.js';
import { freeLoopbackPort, startMetricsServer } from './metrics/metrics-server.js';
import { WorkerMetrics } from './metrics/worker-metrics.js';
import { createWorker } from './worker.js';

try {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS) throw new ConfigError(['TEMPORAL_ADDRESS: required for a standalone worker']);
  const ops = loadObservabilitySettings();
  const logger = createLogger(config);
  // The SDK's own Prometheus exporter listens on loopback; the worker's listener serves it with its own.
  const sdkPort = ops.workerMetricsPort !== undefined ? await freeLoopbackPort() : undefined;
  installTemporalLogging(logger, sdkPort ? { prometheusBindAddress: `127.0.0.1:${sdkPort}` } : {});
  const tracing = startTracing({
    serviceName: ops.serviceName ?? 'breach-worker',
    ...(ops.otlpEndpoint ? { endpoint: ops.otlpEndpoint } : {}),
  });
  const metrics = new WorkerMetrics();
  const ledger = await openLedger({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const { worker, connection, closeChannels } = await createWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    keys: loadPayloadKeys(config),
    ledger,
    directory: directorySettings(config),
    metrics,
    logger: logger.child({ component: 'worker' }),
    ...(tracing ? { tracing } : {}),
  });
  const server =
    ops.workerMetricsPort !== undefined
      ? await startMetricsServer({
          port: ops.workerMetricsPort,
          host: ops.workerMetricsHost,
          metrics,
          probe: { state: () => worker.getState() },
          ...(sdkPort ? { sdkMetricsUrl: `http://127.0.0.1:${sdkPort}/metrics` } : {}),
        })
      : undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  logger.info(
    { event: 'worker_started', taskQueue: config.TEMPORAL_TASK_QUEUE, metricsPort: server?.port },
    `worker polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`,
  );
  await worker.run();
  await server?.close();
  await connection.close();
  await closeChannels();
  await tracing?.shutdown();
  await ledger.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
