// Runs test/support/stand-in-filing-workflow.ts on the API's task queue and starts it under a
// filing's real workflow id, so the API's Updates and queries reach it as they will the real one.
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { filingWorkflowId } from '../../domain/filing/filing.js';
import { dataConverter, failureConverterPath } from '../../platform/data-converter.js';
import type { FilingState } from '../../workflows/filing-messages.js';
import type { RegulatorApi } from './regulator-api.js';

const workflowsPath = fileURLToPath(new URL('./stand-in-filing-workflow.ts', import.meta.url));

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

export interface StandInFilings {
  start(filingId: string, status: FilingState['status'], dueAt: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startStandInFilings(api: RegulatorApi): Promise<StandInFilings> {
  const connection = await NativeConnection.connect({ address: api.config.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: api.config.TEMPORAL_TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quiet }),
    dataConverter: dataConverter(api.payloadKeys),
  });
  const running = worker.run();
  const started: string[] = [];
  return {
    async start(filingId, status, dueAt) {
      await api.client.workflow.start('standInFilingWorkflow', {
        taskQueue: api.config.TEMPORAL_TASK_QUEUE,
        workflowId: filingWorkflowId(filingId),
        args: [{ filingId, status, dueAt }],
      });
      started.push(filingId);
    },
    async stop() {
      for (const id of started) {
        await api.client.workflow
          .getHandle(filingWorkflowId(id))
          .terminate('test over')
          .catch(() => undefined);
      }
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
