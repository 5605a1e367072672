import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client/index.js';
import type { PayloadKeyRing } from './codec.js';
import { dataConverter } from './data-converter.js';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectClient(target: TemporalTarget, keys: PayloadKeyRing): Promise<Client> {
  const connection = await Connection.connect({ address: target.address });
  return new Client({
    connection,
    namespace: target.namespace,
    dataConverter: dataConverter(keys),
    // Starts, signals and updates carry the caller's trace in their headers (a no-op without tracing).
    interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
  });
}
