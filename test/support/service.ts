// The service assembled in-process for a test file: a real Temporal server (from the global setup),
// a real worker on its own task queue, a ledger, and the API answered through Fastify's inject.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { sha256Hex, type ApiKeyEntry, type Role } from '../../api/api-keys.js';
import { buildApi, type ApiDeps } from '../../api/server.js';
import type { AnnouncementActivities } from '../../activities/announcements.js';
import type { PayloadKeyRing } from '../../platform/codec.js';
import { loadAnnouncementSettings } from '../../platform/announcement-config.js';
import { loadChannelSettings } from '../../platform/channel-config.js';
import { directorySettings, loadConfig, type Config } from '../../platform/config.js';
import { connectClient } from '../../platform/temporal-client.js';
import type { Ledger } from '../../store/ledger.js';
import { openLedger } from '../../store/open.js';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createWorker, type WorkerOptions } from '../../worker/worker.js';
import { testSchemaName } from './schema-name.js';

// Worker state changes are logged at INFO; tests only want to see warnings.
let runtimeInstalled = false;
function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  } catch {
    // A test file installed its own runtime first (its logger or the SDK's metrics under test).
  }
}

// JSON bodies are asserted field by field in tests; `any` keeps those assertions short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseJson = any;

export interface TestService {
  config: Config;
  client: Client;
  ledger: Ledger;
  app: FastifyInstance;
  payloadKeys: PayloadKeyRing;
  keys: Record<Role, string>;
  /** Calls the API as a role (or anonymously with `null`). */
  call(
    role: Role | null,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: ResponseJson }>;
  /** The live phase as GET /v1/incidents/:id reports it. */
  phaseOf(id: string): Promise<string>;
  /** Waits until GET /v1/incidents/:id reports `phase`. */
  reachPhase(id: string, phase: string): Promise<void>;
  /** Opens an incident (`incidentRequest(overrides)`) as a responder and waits until it awaits approval. */
  openIncident(overrides?: Record<string, unknown>): Promise<string>;
  /** Uploads affected users as a responder (CSV unless another media type is given). */
  uploadAffectedUsers(id: string, body: string, contentType?: string): Promise<LightMyRequestResponse>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export function testKeys(): { keys: Record<Role, string>; entries: ApiKeyEntry[] } {
  const roles: Role[] = ['responder', 'approver', 'regulator', 'admin'];
  const keys = Object.fromEntries(
    roles.map((r) => [r, `test_${r}_${randomBytes(8).toString('hex')}`]),
  ) as Record<Role, string>;
  return {
    keys,
    // The regulator reads the filings of the development stand-in for the GDPR.
    entries: roles.map((role) => ({
      id: `test-${role}`,
      role,
      sha256: sha256Hex(keys[role]),
      ...(role === 'regulator' ? { recipient: 'dev-eu-gdpr' } : {}),
    })),
  };
}

export interface TestServiceOptions {
  env?: Record<string, string>;
  /** The ledger: SQLite in a temporary folder (default) or the test PostgreSQL server, in a fresh schema. */
  store?: 'sqlite' | 'postgres';
  /** Fixed payload keys (replay fixtures); random otherwise. */
  payloadKeys?: PayloadKeyRing;
  /** Announcement publishing registered on the worker instead of the service's own. */
  announcements?: AnnouncementActivities;
  /** Extra worker options, asked for at every worker start (a test may swap a filing adapter between starts). */
  workerOptions?: () => Partial<WorkerOptions>;
  /** The API's logger and metrics, when a test reads them. */
  api?: Partial<Pick<ApiDeps, 'logger' | 'metrics'>>;
}

export async function startTestService(opts: TestServiceOptions = {}): Promise<TestService> {
  quietTemporalRuntime();
  const env = opts.env ?? {};
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'breach-svc-'));
  const fullEnv = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    // Tests run at any hour: an SMS must not wait for the morning unless a test asks for quiet hours.
    QUIET_HOURS: 'off',
    ...env,
  };
  const config = loadConfig(fullEnv);
  // Channel providers (e.g. the dev/ local servers' `env`) and fan-out tuning come from the same variables.
  const channels = loadChannelSettings(fullEnv);
  const payloadKeys: PayloadKeyRing = opts.payloadKeys ?? {
    activeKeyId: 'test1',
    keys: { test1: randomBytes(32) },
  };
  const { keys, entries } = testKeys();
  const ledger =
    opts.store === 'postgres'
      ? await openLedger({
          databaseUrl: inject('databaseUrl'),
          dataDir,
          schema: testSchemaName('svc'),
        })
      : await openLedger({ databaseUrl: config.DATABASE_URL, dataDir });
  const target = { address: config.TEMPORAL_ADDRESS!, namespace: config.TEMPORAL_NAMESPACE };
  const client = await connectClient(target, payloadKeys);
  const app = await buildApi({
    config,
    client,
    ledger,
    apiKeys: entries,
    payloadKeys,
    channels,
    ...opts.api,
  });

  let running: { stop: () => Promise<void> } | undefined;
  const startWorker = async () => {
    const { worker, connection, closeChannels } = await createWorker({
      ...target,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      keys: payloadKeys,
      ledger,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      channels,
      directory: directorySettings(config),
      announcementSettings: loadAnnouncementSettings(fullEnv),
      ...(opts.announcements ? { announcements: opts.announcements } : {}),
      ...opts.workerOptions?.(),
    });
    const run = worker.run();
    running = {
      stop: async () => {
        worker.shutdown();
        await run;
        await connection.close();
        await closeChannels();
      },
    };
  };
  const stopWorker = async () => {
    await running?.stop();
    running = undefined;
  };
  await startWorker();

  const service: TestService = {
    config,
    client,
    ledger,
    app,
    payloadKeys,
    keys,
    async call(role, method, url, body) {
      const headers: Record<string, string> = role ? { authorization: `Bearer ${keys[role]}` } : {};
      if (typeof body === 'string') headers['content-type'] = 'application/json';
      const payload = body === undefined ? {} : { payload: body as string | object };
      const res = await app.inject({ method, url, headers, ...payload });
      let json: unknown;
      try {
        json = res.json();
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json };
    },
    async phaseOf(id) {
      return (await service.call('responder', 'GET', `/v1/incidents/${id}`)).json?.phase;
    },
    async reachPhase(id, phase) {
      await eventually(async () => (await service.phaseOf(id)) === phase);
    },
    async openIncident(overrides = {}) {
      const { status, json } = await service.call(
        'responder',
        'POST',
        '/v1/incidents',
        incidentRequest(overrides),
      );
      if (status !== 201 && status !== 200)
        throw new Error(`open incident: ${status} ${JSON.stringify(json)}`);
      const id = json.id as string;
      await service.reachPhase(id, 'awaiting_approval');
      return id;
    },
    uploadAffectedUsers(id, body, contentType = 'text/csv') {
      return app.inject({
        method: 'POST',
        url: `/v1/incidents/${id}/affected-users`,
        headers: { authorization: `Bearer ${keys.responder}`, 'content-type': contentType },
        payload: body,
      });
    },
    startWorker,
    stopWorker,
    async close() {
      await stopWorker();
      await app.close();
      await client.connection.close();
      await ledger.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return service;
}

/**
 * Polls until `check` returns a truthy value, or fails with what it saw last. The default wait leaves
 * room for a machine loaded by other test runs and stays below vitest's `testTimeout`, so a slow
 * condition reports what it saw instead of the test timing out.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 60_000, everyMs = 200 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}

export function incidentRequest(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Exposed backup bucket',
    description:
      'A storage bucket holding a customer backup was readable without authentication for nine days.',
    discoveredAt: '2026-11-20T08:30:00Z',
    occurredFrom: '2026-11-11T00:00:00Z',
    occurredTo: '2026-11-20T08:00:00Z',
    dataCategories: ['email', 'phone', 'name'],
    severity: 'high',
    measuresTaken: 'The bucket was closed, keys rotated and access logs reviewed.',
    userActions: ['Be wary of messages asking for your password.'],
    contact: { name: 'Privacy Office', email: 'privacy@example.com' },
    ...overrides,
  };
}
