// The whole service on this machine for `npm run bench` and `npm run chaos`: a Temporal dev server,
// the local providers, the API in-process, and the worker as a separate process (so its memory is
// its own and it can be killed). The SMTP server here only counts: the dev sink keeps every parsed
// message, which at 100,000 notices would measure the sink, not the service.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex, type ApiKeyEntry } from '../api/api-keys.js';
import { buildApi } from '../api/server.js';
import { startFcmStub, type FcmStub } from '../dev/fcm-stub.js';
import { startTwilioServer, type TwilioServer } from '../dev/twilio-server.js';
import type { AffectedUser } from '../domain/affected-user.js';
import type { PayloadKeyRing } from '../platform/codec.js';
import { loadConfig } from '../platform/config.js';
import { connectClient } from '../platform/temporal-client.js';
import { freePort, startDevServer, type DevServer } from '../platform/temporal-server.js';
import type { Ledger } from '../store/ledger.js';
import { openLedger } from '../store/open.js';
import { startCountingSmtp, type CountingSmtp } from './bench/counting-smtp.js';
import { BENCH_INCIDENT } from './bench/people.js';
import { bundleWorkflows } from '../worker/workflow-bundle.js';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every platform Linux runs Node on. */
const CLOCK_TICKS = 100;

export { startCountingSmtp, type CountingSmtp } from './bench/counting-smtp.js';
export { BENCH_INCIDENT, benchPerson, REALISTIC_MIX, seededRandom, type ChannelMix } from './bench/people.js';

export interface WorkerProcess {
  child: ChildProcess;
  /** Peak resident memory of the worker process so far, in MiB (Linux `VmHWM`). */
  peakRssMiB(): number;
  /** CPU time (user + system) the worker process has used so far, in seconds. */
  cpuSeconds(): number;
  exited: Promise<number | null>;
}

export interface Harness {
  dir: string;
  temporal: DevServer;
  client: Client;
  ledger: Ledger;
  app: FastifyInstance;
  smtp: CountingSmtp;
  twilio: TwilioServer;
  fcm: FcmStub;
  /** The environment a worker process gets: Temporal, ledger, providers, fan-out tuning. */
  workerEnv: Record<string, string>;
  startWorker(): WorkerProcess;
  openIncident(people: Iterable<AffectedUser[]>, severity?: string): Promise<string>;
  approve(incidentId: string): Promise<void>;
  phase(incidentId: string): Promise<string>;
  /** A call to the in-process API as a responder. */
  get(url: string): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Starts everything but the worker. `workerScript` is run with `--worker` to become a worker process
 * (it should end with `runHarnessScript(main)`).
 */
export async function startHarness(opts: {
  workerScript: string;
  env?: Record<string, string>;
}): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'breach-harness-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const temporal = await startDevServer({
    dbFile: path.join(dir, 'temporal.db'),
    port: await freePort(),
  });
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);

  const smtp = await startCountingSmtp();
  const twilio = await startTwilioServer({});
  const fcmToken = randomBytes(16).toString('hex');
  const fcm = await startFcmStub({ accessToken: fcmToken });

  const payloadKeys: PayloadKeyRing = { activeKeyId: 'bench', keys: { bench: randomBytes(32) } };
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `harness-${randomUUID()}`,
    PAYLOAD_KEYS: JSON.stringify({ bench: payloadKeys.keys.bench!.toString('base64') }),
    PAYLOAD_ACTIVE_KEY_ID: 'bench',
    NOTICE_LINK_SECRET: randomBytes(32).toString('hex'),
    NOTICE_BASE_URL: 'https://notify.acme.example',
    SMTP_URL: smtp.url,
    EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
    // As in production; the local server keeps each message's URL but calls none (no automatic receipts).
    TWILIO_STATUS_CALLBACK_URL: 'https://notify.acme.example/webhooks/twilio/status',
    FCM_PROJECT_ID: 'breach-notify-bench',
    FCM_CREDENTIALS: JSON.stringify({ accessToken: fcmToken }),
    FCM_API_BASE_URL: fcm.url,
    FCM_CA_FILE: fcm.caFile,
    HARNESS_WORKFLOW_BUNDLE: bundlePath,
    // The bench and chaos measure throughput and loss, not the night: every SMS goes out at once.
    QUIET_HOURS: 'off',
    ...opts.env,
  };
  const config = loadConfig(env);
  const ledger = await openLedger({ dataDir });
  const client = await connectClient(
    { address: temporal.address, namespace: config.TEMPORAL_NAMESPACE },
    payloadKeys,
  );
  const keys = { responder: randomBytes(16).toString('hex'), approver: randomBytes(16).toString('hex') };
  const apiKeys: ApiKeyEntry[] = [
    { id: 'harness-responder', role: 'responder', sha256: sha256Hex(keys.responder) },
    { id: 'harness-approver', role: 'approver', sha256: sha256Hex(keys.approver) },
  ];
  const app = await buildApi({ config, client, ledger, apiKeys, payloadKeys });
  const call = async (role: keyof typeof keys, method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[role]}` },
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, json: res.json() as Record<string, unknown> };
  };
  const phase = async (id: string) =>
    (await call('responder', 'GET', `/v1/incidents/${id}`)).json.phase as string;

  const workers: WorkerProcess[] = [];
  return {
    dir,
    temporal,
    client,
    ledger,
    app,
    smtp,
    twilio,
    fcm,
    workerEnv: env,
    startWorker() {
      // HARNESS_WORKER_NODE_ARGS, e.g. `--cpu-prof`, to look inside the worker.
      const nodeArgs = (process.env.HARNESS_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', opts.workerScript, '--worker'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      let peak = 0;
      const sample = () => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          peak = Math.max(peak, kb / 1024);
        } catch {
          // The process is gone; keep the last reading.
        }
      };
      const timer = setInterval(sample, 500);
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => {
          clearInterval(timer);
          resolve(code);
        }),
      );
      let cpu = 0;
      const cpuSeconds = () => {
        try {
          // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
          const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
        } catch {
          // The process is gone; keep the last reading.
        }
        return cpu;
      };
      const w = { child, exited, peakRssMiB: () => (sample(), peak), cpuSeconds };
      workers.push(w);
      return w;
    },
    async openIncident(pages, severity = 'high') {
      const { status, json } = await call('responder', 'POST', '/v1/incidents', {
        ...BENCH_INCIDENT,
        severity,
      });
      if (status !== 201) throw new Error(`open incident: ${status} ${JSON.stringify(json)}`);
      const id = json.id as string;
      // Needs a running worker: the incident workflow assesses before it waits for approval.
      for (let i = 0; (await phase(id)) !== 'awaiting_approval'; i++) {
        if (i > 600) throw new Error(`incident ${id} did not reach awaiting_approval; is a worker running?`);
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const batch of pages) await ledger.upsertAffectedUsers(id, batch);
      return id;
    },
    async approve(id) {
      const { status, json } = await call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
      if (status !== 200) throw new Error(`approve: ${status} ${JSON.stringify(json)}`);
    },
    phase,
    get: (url) => call('responder', 'GET', url),
    async close() {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await app.close();
      await client.connection.close();
      await ledger.close();
      await Promise.all([smtp.close(), twilio.close(), fcm.close()]);
      await temporal.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `--worker` side of a harness script: a worker on the prebuilt bundle, channels from the env. */
export async function runHarnessWorker(): Promise<void> {
  const { createWorker } = await import('../worker/worker.js');
  const { loadChannelSettings } = await import('../platform/channel-config.js');
  const { Runtime, DefaultLogger } = await import('@temporalio/worker');
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const config = loadConfig(process.env);
  const keys = JSON.parse(process.env.PAYLOAD_KEYS!) as Record<string, string>;
  const payloadKeys: PayloadKeyRing = {
    activeKeyId: config.PAYLOAD_ACTIVE_KEY_ID!,
    keys: Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  };
  const ledger = await openLedger({ dataDir: config.dataDir });
  const { worker, connection, closeChannels } = await createWorker({
    address: config.TEMPORAL_ADDRESS!,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    keys: payloadKeys,
    ledger,
    workflowBundle: { codePath: process.env.HARNESS_WORKFLOW_BUNDLE! },
    channels: loadChannelSettings(process.env),
  });
  await worker.run();
  await connection.close();
  await closeChannels();
  await ledger.close();
}

/**
 * The entry of a harness script: with `--worker` it is one of the harness's worker processes,
 * otherwise it runs `main` and exits with its code (0 when it returns none, 1 when it throws).
 */
export async function runHarnessScript(main: () => Promise<number | void>): Promise<void> {
  if (process.argv.includes('--worker')) {
    await runHarnessWorker();
    return;
  }
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
