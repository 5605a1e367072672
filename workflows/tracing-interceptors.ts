// OpenTelemetry inside the workflow sandbox: spans for each workflow run, its activities and child
// workflows, joined to the trace of the API request that started or updated it (the context travels in
// Temporal headers). Spans leave the sandbox through the worker's exporter sink; they carry ids and
// names only, never payloads.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import type { WorkflowInterceptors } from '@temporalio/workflow';

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
