// OpenTelemetry inside the workflow sandbox: spans for each workflow run, its activities and child
// workflows, joined to the trace of the API request that started or updated it (the context travels in
// Temporal headers). Spans leave the sandbox through the worker's exporter sink; they carry ids and
// names only, never payloads.
//
// An incident's work after approval (the fan-out, the filings) runs in the workflow's main coroutine,
// whose trace is the one of the request that opened the incident, often days before. The on-call
// engineer follows "who approved, and what did it set off": so the approve update's context is kept, and
// children started after it are started in it, which puts them in the approval request's trace.
import { context, type Context } from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import type {
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The update whose trace the rest of an incident's work joins (workflows/incident-messages.ts). */
const APPROVE_UPDATE = 'approve';

export const interceptors = (): WorkflowInterceptors => {
  let approval: Context | undefined;
  const keepApproval: WorkflowInboundCallsInterceptor = {
    async handleUpdate(input, next) {
      if (input.name === APPROVE_UPDATE) approval = context.active();
      return next(input);
    },
  };
  const inApproval: WorkflowOutboundCallsInterceptor = {
    startChildWorkflowExecution(input, next) {
      return approval ? context.with(approval, () => next(input)) : next(input);
    },
  };
  return {
    // Outer first: the OpenTelemetry inbound interceptor has set the update's span when ours runs,
    // and ours sets the context before the OpenTelemetry outbound interceptor reads it.
    inbound: [new OpenTelemetryInboundInterceptor(), keepApproval],
    outbound: [inApproval, new OpenTelemetryOutboundInterceptor()],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
