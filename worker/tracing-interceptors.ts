// The worker's half of tracing: activity spans (children of the workflow's "RunActivity" span, read from
// the activity's Temporal headers) and the sink through which the workflow sandbox's spans leave it.
// The sandbox builds its spans with the interceptors' own OpenTelemetry 1.x SDK; the process exports
// with 2.x, whose exporters read the parent and the scope under other names, so each span is adapted.
import type { SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Tracing } from '../platform/tracing.js';

export const tracingActivityInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

type SandboxSpan = ReadableSpan & {
  parentSpanId?: string;
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
};

function adapt(span: SandboxSpan): ReadableSpan {
  const own = span.spanContext();
  const parentSpanContext: SpanContext | undefined =
    span.parentSpanContext ??
    (span.parentSpanId
      ? { traceId: own.traceId, spanId: span.parentSpanId, traceFlags: own.traceFlags }
      : undefined);
  return Object.assign(span, {
    parentSpanContext,
    instrumentationScope: span.instrumentationScope ??
      span.instrumentationLibrary ?? { name: 'temporal-workflow' },
  });
}

/**
 * The sink the workflow interceptors call. Without tracing the spans are dropped here: the bundle
 * always carries the interceptors, so a worker must always offer the sink.
 */
export function workflowTracingSinks(tracing: Tracing | undefined): InjectedSinks<Record<string, never>> {
  if (!tracing) return { exporter: { export: { fn: () => undefined } } } as never;
  const processor: SpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => tracing.processor.onEnd(adapt(span as SandboxSpan)),
    forceFlush: () => tracing.processor.forceFlush(),
    shutdown: () => Promise.resolve(),
  };
  return { exporter: makeWorkflowExporter(processor as never, tracing.resource as never) } as never;
}
