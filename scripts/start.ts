// `npm start`: the whole service on one machine — the embedded Temporal dev server (unless
// TEMPORAL_ADDRESS names a cluster), the worker and the HTTP API — stopped together on Ctrl-C.
import path from 'node:path';
import { parseApiKeys } from '../api/api-keys.js';
import { ensureDevKeys } from '../api/dev-keys.js';
import { buildApi } from '../api/server.js';
import { connectClient } from '../platform/temporal-client.js';
import { ensureSearchAttributes } from '../platform/search-attribute-setup.js';
import { ConfigError, directorySettings, loadConfig } from '../platform/config.js';
import { createLogger, installTemporalLogging } from '../platform/logger.js';
import { loadPayloadKeys } from '../platform/payload-keys.js';
import { startDevServer, type DevServer } from '../platform/temporal-server.js';
import { startDevProviders } from '../dev/providers.js';
import { renderOutboxPage } from '../dev/outbox-page.js';
import { TWILIO_STATUS_PATH } from '../api/routes/twilio-webhook.js';
import { describeChannels, loadChannelSettings } from '../platform/channel-config.js';
import { openLedger } from '../store/open.js';
import { createWorker } from '../worker/worker.js';

// Run in order on exit: the API first, then the worker, the ledger, and the Temporal server last.
const stops: Array<() => Promise<unknown>> = [];

async function stopAll(log: (msg: string, err: unknown) => void): Promise<void> {
  for (const fn of stops.splice(0)) {
    try {
      await fn();
    } catch (err) {
      log('error while stopping', err);
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  installTemporalLogging(logger);
  const payloadKeys = loadPayloadKeys(config);

  let devServer: DevServer | undefined;
  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    logger.info('Starting the embedded Temporal dev server (set TEMPORAL_ADDRESS to use a cluster instead)');
    devServer = await startDevServer({
      dbFile: path.join(config.dataDir, 'temporal.db'),
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      uiCodecEndpoint: config.publicBaseUrl + '/codec',
      log: (line) => logger.info(line),
    });
    address = devServer.address;
    stops.push(() => devServer!.stop());
  }

  // With no provider configured, development mode runs local SMTP, Twilio and FCM servers, so notices
  // can be watched arriving at /dev/outbox and nothing leaves the machine.
  const providerConfigured = ['SMTP_URL', 'TWILIO_ACCOUNT_SID', 'FCM_PROJECT_ID'].some((k) => process.env[k]);
  let devOutbox: (() => string) | undefined;
  let channelEnv: NodeJS.ProcessEnv = process.env;
  if (!providerConfigured && config.NODE_ENV !== 'production') {
    const dev = await startDevProviders({
      statusCallbackUrl: `${config.publicBaseUrl}${TWILIO_STATUS_PATH}`,
    });
    stops.push(() => dev.close());
    channelEnv = {
      EMAIL_FROM: 'Privacy Office <privacy@breach-notify.localhost>',
      ...process.env,
      ...dev.env,
      TWILIO_STATUS_CALLBACK_URL: `${config.publicBaseUrl}${TWILIO_STATUS_PATH}`,
    };
    devOutbox = () =>
      renderOutboxPage({ email: dev.smtp.received, sms: dev.twilio.received, push: dev.fcm.received });
  }
  const channels = loadChannelSettings(channelEnv);

  const ledger = await openLedger({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  stops.unshift(() => ledger.close());

  const target = { address, namespace: config.TEMPORAL_NAMESPACE };
  const { worker, connection, closeChannels } = await createWorker({
    ...target,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    keys: payloadKeys,
    ledger,
    channels,
    directory: directorySettings(config),
  });
  const workerRun = worker.run();
  stops.unshift(async () => {
    worker.shutdown();
    await workerRun;
    await connection.close();
    await closeChannels();
  });

  let printedKeys: Record<string, string> | undefined;
  let apiKeys;
  if (config.BREACH_API_KEYS) apiKeys = parseApiKeys(config.BREACH_API_KEYS);
  else {
    const dev = ensureDevKeys(config.dataDir);
    apiKeys = dev.entries;
    printedKeys = dev.created;
  }

  const client = await connectClient(target, payloadKeys);
  // The embedded dev server registered them when it started.
  if (config.TEMPORAL_ADDRESS) {
    await ensureSearchAttributes(client.connection, target.namespace, (msg) => logger.info(msg));
  }
  const app = await buildApi({
    config,
    client,
    ledger,
    apiKeys,
    payloadKeys,
    channels,
    ...(devOutbox ? { devOutbox } : {}),
    logger: logger.child({ component: 'api' }),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  stops.unshift(async () => {
    await app.close();
    await client.connection.close();
  });

  const apiUrl = config.publicBaseUrl;
  const lines = [
    '',
    `  Breach-incident notification service is up (${config.NODE_ENV}).`,
    `  API:              ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)`,
    `  Temporal:         ${address} namespace ${config.TEMPORAL_NAMESPACE}`,
    devServer?.uiUrl
      ? `  Temporal Web UI:  ${devServer.uiUrl}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`
      : '',
    `  Ledger:           ${ledger.kind}${ledger.kind === 'sqlite' ? ` in ${config.dataDir}` : ''}`,
    `  Channels:         ${describeChannels(channels)}`,
    devOutbox
      ? `  DEVELOPMENT MODE: no provider configured, notices go to local servers: ${apiUrl}/dev/outbox`
      : '',
  ];
  if (printedKeys) {
    lines.push(
      '',
      `  Development API keys (created now; \`npm run keys\` shows them again):`,
      ...Object.entries(printedKeys).map(([role, key]) => `    ${role.padEnd(10)} ${key}`),
      '',
      `  Try: curl -H "Authorization: Bearer <responder key>" ${apiUrl}/v1/incidents`,
    );
  } else if (!config.BREACH_API_KEYS) {
    lines.push('  API keys: the development keys created earlier (`npm run keys` shows them).');
  }
  console.log(lines.filter((l) => l !== undefined).join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping the API, the worker and the Temporal server`);
    await stopAll((msg, err) => logger.warn({ err }, msg));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  workerRun.catch((err) => {
    logger.error({ err }, 'worker stopped with an error');
    void stop('worker failure');
  });
}

main().catch(async (err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  await stopAll((msg, e) => console.error(msg, e));
  process.exit(1);
});
