import { Client, Connection } from '@temporalio/client';
import type { PayloadKeyRing } from './codec.js';
import { dataConverter } from './data-converter.js';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectClient(target: TemporalTarget, keys: PayloadKeyRing): Promise<Client> {
  const connection = await Connection.connect({ address: target.address });
  return new Client({ connection, namespace: target.namespace, dataConverter: dataConverter(keys) });
}
