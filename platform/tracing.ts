// Traces: one tracer provider per process, exporting by OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is
// set (tests hand in an in-memory exporter). The Temporal interceptors join the API request, the
// workflow runs and their activities into one trace; without an exporter nothing is recorded.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  resource: Resource;
  /** Where the workflow sandbox's spans go too (worker/tracing-interceptors.ts). */
  processor: SpanProcessor;
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process, or answers undefined when there is nowhere to send spans. With an
 * `exporter` (tests) spans are exported one by one; over OTLP they are batched.
 */
export function startTracing(opts: {
  serviceName: string;
  endpoint?: string;
  exporter?: SpanExporter;
}): Tracing | undefined {
  if (!opts.exporter && !opts.endpoint) return undefined;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName });
  const processor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${opts.endpoint!.replace(/\/+$/, '')}/v1/traces` }),
      );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  return {
    resource,
    processor,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}
