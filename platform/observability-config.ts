// Where a process reports for operations: the worker's metrics port and the trace exporter.
import { z } from 'zod';
import { optionalString, readEnv } from './env.js';

const ObservabilityEnv = {
  /** The worker's /metrics, /readyz and /healthz listener; unset: none. */
  WORKER_METRICS_PORT: optionalString.pipe(
    z.coerce.number<string | undefined>().int().min(0).max(65535).optional(),
  ),
  WORKER_METRICS_HOST: z.string().default('0.0.0.0'),
  /** OTLP/HTTP collector base URL (spans go to <url>/v1/traces); unset: no traces are recorded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OTEL_SERVICE_NAME: optionalString,
};

export interface ObservabilitySettings {
  workerMetricsPort?: number;
  workerMetricsHost: string;
  otlpEndpoint?: string;
  serviceName?: string;
}

export function loadObservabilitySettings(env: NodeJS.ProcessEnv = process.env): ObservabilitySettings {
  const e = readEnv(ObservabilityEnv, env);
  return {
    ...(e.WORKER_METRICS_PORT !== undefined ? { workerMetricsPort: e.WORKER_METRICS_PORT } : {}),
    workerMetricsHost: e.WORKER_METRICS_HOST,
    ...(e.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
    ...(e.OTEL_SERVICE_NAME ? { serviceName: e.OTEL_SERVICE_NAME } : {}),
  };
}
