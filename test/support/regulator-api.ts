// The API with regulator keys, for the regulator and register tests: a real ledger (SQLite or
// PostgreSQL), a client of the test run's Temporal server, and keys read through BREACH_API_KEYS'
// own parser, two of them regulators bound to different recipients.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { parseApiKeys, sha256Hex } from '../../api/api-keys.js';
import { buildApi } from '../../api/server.js';
import { loadChannelSettings } from '../../platform/channel-config.js';
import type { PayloadKeyRing } from '../../platform/codec.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { connectClient } from '../../platform/temporal-client.js';
import type { Ledger } from '../../store/ledger.js';
import { openTestStore, type StoreKind } from './stores.js';

export const CALLERS = ['responder', 'approver', 'admin', 'bfdi', 'cnil'] as const;
export type Caller = (typeof CALLERS)[number];
/** The recipient each regulator key is bound to. */
export const RECIPIENT_OF = { bfdi: 'bfdi-de', cnil: 'cnil-fr' } as const;

export interface RegulatorApi {
  config: Config;
  ledger: Ledger;
  client: Client;
  app: FastifyInstance;
  payloadKeys: PayloadKeyRing;
  keyId: Record<Caller, string>;
  request(
    caller: Caller | null,
    method: 'GET' | 'POST',
    url: string,
    opts?: { body?: unknown; accept?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startRegulatorApi(kind: StoreKind = 'sqlite'): Promise<RegulatorApi> {
  const store = await openTestStore(kind);
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: store.dataDir,
    LOG_LEVEL: 'silent',
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
  };
  const config = loadConfig(env);
  const payloadKeys: PayloadKeyRing = { activeKeyId: 'test1', keys: { test1: randomBytes(32) } };
  const secret = Object.fromEntries(
    CALLERS.map((c) => [c, `test_${c}_${randomBytes(8).toString('hex')}`]),
  ) as Record<Caller, string>;
  const keyId = Object.fromEntries(CALLERS.map((c) => [c, `key-${c}`])) as Record<Caller, string>;
  const apiKeys = parseApiKeys(
    JSON.stringify(
      CALLERS.map((c) => ({
        id: keyId[c],
        role: c === 'bfdi' || c === 'cnil' ? 'regulator' : c,
        sha256: sha256Hex(secret[c]),
        ...(c === 'bfdi' || c === 'cnil' ? { recipient: RECIPIENT_OF[c] } : {}),
      })),
    ),
  );
  const client = await connectClient(
    { address: config.TEMPORAL_ADDRESS!, namespace: config.TEMPORAL_NAMESPACE },
    payloadKeys,
  );
  const app = await buildApi({
    config,
    client,
    ledger: store.ledger,
    apiKeys,
    payloadKeys,
    channels: loadChannelSettings(env),
  });
  return {
    config,
    ledger: store.ledger,
    client,
    app,
    payloadKeys,
    keyId,
    request(caller, method, url, opts = {}) {
      const headers: Record<string, string> = caller ? { authorization: `Bearer ${secret[caller]}` } : {};
      if (opts.accept) headers.accept = opts.accept;
      return app.inject({
        method,
        url,
        headers,
        ...(opts.body === undefined ? {} : { payload: opts.body as object }),
      });
    },
    async close() {
      await app.close();
      await client.connection.close();
      await store.cleanup();
    },
  };
}
