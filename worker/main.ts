// A worker process on its own (production, or more workers to scale out): `npm run worker`.
// It needs TEMPORAL_ADDRESS; run as many as the load needs, Temporal spreads the tasks.
import { ConfigError, directorySettings, loadConfig } from '../platform/config.js';
import { createLogger, installTemporalLogging } from '../platform/logger.js';
import { loadPayloadKeys } from '../platform/payload-keys.js';
import { openLedger } from '../store/open.js';
import { createWorker } from './worker.js';

try {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS) throw new ConfigError(['TEMPORAL_ADDRESS: required for a standalone worker']);
  const logger = createLogger(config);
  installTemporalLogging(logger);
  const ledger = await openLedger({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const { worker, connection, closeChannels } = await createWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    keys: loadPayloadKeys(config),
    ledger,
    directory: directorySettings(config),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  logger.info(`worker polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  await worker.run();
  await connection.close();
  await closeChannels();
  await ledger.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
