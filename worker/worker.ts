import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createIncidentActivities } from '../activities/incident.js';
import type { PayloadKeyRing } from '../platform/codec.js';
import { dataConverter } from '../platform/data-converter.js';
import type { Ledger } from '../store/ledger.js';
import { workflowsPath } from './workflow-bundle.js';

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  keys: PayloadKeyRing;
  ledger: Ledger;
  /** A prebuilt bundle (tests); otherwise the workflow code is bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  identity?: string;
}

export async function createWorker(
  opts: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.identity ? { identity: opts.identity } : {}),
    dataConverter: dataConverter(opts.keys),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    activities: {
      ...createIncidentActivities(opts.ledger),
    },
  });
  return { worker, connection };
}
