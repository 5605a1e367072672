import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createAnnouncementActivities } from '../activities/announcements.js';
import { createAnnouncementAuditActivities } from '../activities/announcement-audit.js';
import type { AnnouncementActivities } from '../activities/announcements.js';
import { createChannels } from '../activities/channels/index.js';
import { createFilingActivities } from '../activities/filings.js';
import { createDirectoryActivities, type DirectorySettings } from '../activities/directory.js';
import { createIncidentActivities } from '../activities/incident.js';
import { auditSigner, loadAuditKeys, type AuditKeyRing } from '../platform/audit-keys.js';
import { createNoticeActivities } from '../activities/notices.js';
import { loadAnnouncementSettings, type AnnouncementSettings } from '../platform/announcement-config.js';
import { loadChannelSettings, type ChannelSettings } from '../platform/channel-config.js';
import type { PayloadKeyRing } from '../platform/codec.js';
import { dataConverter } from '../platform/data-converter.js';
import type { Ledger } from '../store/ledger.js';
import { limitHeapGrowth } from '../activities/throughput/heap-growth.js';
import { filingSettingsFrom, type FilingWorkerSettings } from './filing-settings.js';
import { workflowInterceptorModules, workflowsPath } from './workflow-bundle.js';
import type { Logger } from 'pino';
import { activityObserver } from './metrics/activity-observer.js';
import { meteredChannels } from './metrics/metered-channels.js';
import { meteredLedger } from './metrics/metered-ledger.js';
import type { WorkerMetrics } from './metrics/worker-metrics.js';
import type { Tracing } from '../platform/tracing.js';
import { tracingActivityInterceptor, workflowTracingSinks } from './tracing-interceptors.js';

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  keys: PayloadKeyRing;
  /** Signs audit checkpoints; from AUDIT_SIGNING_KEYS (or derived from the payload keys) when absent. */
  auditKeys?: AuditKeyRing;
  ledger: Ledger;
  /** A prebuilt bundle (tests); otherwise the workflow code is bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  identity?: string;
  /**
   * Notice channels and fan-out tuning (`loadChannelSettings(env)`). When absent they are read from
   * `process.env`. A channel left unconfigured is not used: people only it could reach end `unreachable`.
   * Call `closeChannels` after the worker stopped, to close pooled provider connections.
   */
  channels?: ChannelSettings;
  /** The company's user directory, when affected people come from there instead of uploads. */
  directory?: DirectorySettings;
  /** Publishing of announcements in place of the service's own (tests record the calls). */
  announcements?: AnnouncementActivities;
  /** The announcement's public origin and adapters; read from `process.env` when absent. */
  announcementSettings?: AnnouncementSettings;
  /** Regulator recipients and submission adapters; from the environment when absent (worker/filing-settings.ts). */
  filings?: Partial<FilingWorkerSettings>;
  /** Counters for /metrics (worker/metrics/); none are kept without it. */
  metrics?: WorkerMetrics;
  /** One JSON line per activity attempt, with incident, workflow and trace ids. */
  logger?: Logger;
  /** Where spans go (platform/tracing.ts); workflow spans are dropped without it. */
  tracing?: Tracing;
}

export async function createWorker(
  opts: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection; closeChannels: () => Promise<void> }> {
  const settings = opts.channels ?? loadChannelSettings();
  // Process-wide, as a worker process is one worker; without it memory grows with the run's length.
  if (settings.heapGrowthPercent > 0) limitHeapGrowth(settings.heapGrowthPercent);
  const built = createChannels(settings.channels, { sendingThread: settings.sendingThread });
  const channels = opts.metrics ? meteredChannels(built, opts.metrics) : built;
  const filings = { ...filingSettingsFrom(settings), ...opts.filings };
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.identity ? { identity: opts.identity } : {}),
    dataConverter: dataConverter(opts.keys),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    activities: {
      ...createIncidentActivities(
        opts.ledger,
        auditSigner(opts.auditKeys ?? loadAuditKeys(process.env, opts.keys)),
      ),
      ...createDirectoryActivities(opts.ledger, opts.directory),
      ...createNoticeActivities({
        ledger: opts.metrics ? meteredLedger(opts.ledger, opts.metrics) : opts.ledger,
        channels,
        settings,
      }),
      ...createAnnouncementActivities({
        ledger: opts.ledger,
        settings: opts.announcementSettings ?? loadAnnouncementSettings(),
      }),
      ...createAnnouncementAuditActivities(opts.ledger),
      ...opts.announcements,
      ...createFilingActivities({
        ledger: opts.ledger,
        ...filings,
        ...(settings.channels.email ? { email: settings.channels.email } : {}),
      }),
    },
    // Tracing first, so the observer's log lines carry the activity span's trace id.
    interceptors: {
      activity: [tracingActivityInterceptor, activityObserver(opts.metrics, opts.logger)],
      ...(opts.workflowBundle ? {} : { workflowModules: workflowInterceptorModules }),
    },
    sinks: workflowTracingSinks(opts.tracing),
    // Page activities learn of a cancel (incident cancelled) at their next heartbeat: keep that prompt.
    maxHeartbeatThrottleInterval: '2 seconds',
  });
  return { worker, connection, closeChannels: () => channels.close() };
}
