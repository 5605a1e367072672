// The worker's own counters: what it sent, how long providers took, what they refused, what it
// retried and which claims it took over from a dead worker. Labels are channels, outcomes, provider
// codes and activity names: never a person, an address or an incident's words.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class WorkerMetrics {
  readonly registry = new Registry();

  readonly noticeSends = new Counter({
    name: 'breach_notice_sends_total',
    help: 'Notices handed to a provider, by channel and the provider answer (accepted, retryable, permanent, error).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sendDuration = new Histogram({
    name: 'breach_notice_send_duration_seconds',
    help: 'Time one provider call took (one email or SMS, or one push batch), by channel.',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly providerErrors = new Counter({
    name: 'breach_provider_errors_total',
    help: 'Provider refusals and failed calls, by channel, class (retryable, permanent, exception) and provider code.',
    labelNames: ['channel', 'class', 'code'] as const,
    registers: [this.registry],
  });

  readonly activityRetries = new Counter({
    name: 'breach_activity_retries_total',
    help: 'Activity attempts after the first, by activity type.',
    labelNames: ['activity'] as const,
    registers: [this.registry],
  });

  readonly activityFailures = new Counter({
    name: 'breach_activity_failures_total',
    help: 'Activity attempts that threw, by activity type.',
    labelNames: ['activity'] as const,
    registers: [this.registry],
  });

  readonly claimsReclaimed = new Counter({
    name: 'breach_claims_reclaimed_total',
    help: 'Send claims taken over from an attempt that died before recording the answer (possible duplicates), by channel.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'breach_worker_' });
  }
}

/** Provider codes are a small, fixed set per provider; anything else is folded so labels stay bounded. */
export function codeLabel(code: string | undefined): string {
  if (!code) return 'none';
  return /^[A-Za-z0-9_./-]{1,48}$/.test(code) ? code : 'other';
}
