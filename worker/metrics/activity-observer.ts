// One place that sees every activity attempt: it counts retries and failures, and writes one log line
// per attempt's end with the incident, workflow, activity and trace ids, so an on-call engineer can
// follow a stalled fan-out from a log search. Arguments and results are never logged: they may name people.
import { trace } from '@opentelemetry/api';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { WorkerMetrics } from './worker-metrics.js';

const INCIDENT_ID = /inc_[0-9a-f]{20}/;

/** Workflow ids carry the incident id: `incident-<id>`, `notices-<id>-v<n>[-<lane>]`, `filing-<id>.<obligation>`. */
export function incidentIdOf(workflowId: string, args: readonly unknown[]): string | undefined {
  const first = args[0] as { incidentId?: unknown } | undefined;
  if (first && typeof first === 'object' && typeof first.incidentId === 'string') return first.incidentId;
  return INCIDENT_ID.exec(workflowId)?.[0];
}

export function activityObserver(
  metrics: WorkerMetrics | undefined,
  logger: Logger | undefined,
): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt } = ctx.info;
        const workflowId = ctx.info.workflowExecution?.workflowId ?? '';
        if (attempt > 1) metrics?.activityRetries.inc({ activity: activityType });
        const started = Date.now();
        const fields = () => ({
          event: 'activity',
          activity: activityType,
          attempt,
          workflowId,
          runId: ctx.info.workflowExecution?.runId,
          incidentId: incidentIdOf(workflowId, input.args),
          traceId: trace.getActiveSpan()?.spanContext().traceId,
          durationMs: Date.now() - started,
        });
        try {
          const result = await next(input);
          logger?.info(fields(), 'activity completed');
          return result;
        } catch (err) {
          metrics?.activityFailures.inc({ activity: activityType });
          // The error's class and type only: provider messages can echo an address.
          const e = err as { name?: string; type?: string };
          logger?.warn({ ...fields(), error: e.name ?? 'Error', errorType: e.type }, 'activity failed');
          throw err;
        }
      },
    },
  });
}
