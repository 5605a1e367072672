// The HTTP API on its own (production): `npm run api`. Needs TEMPORAL_ADDRESS and BREACH_API_KEYS.
import { ConfigError, loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { loadObservabilitySettings } from '../platform/observability-config.js';
import { loadPayloadKeys } from '../platform/payload-keys.js';
import { startTracing } from '../platform/tracing.js';
import { ensureSearchAttributes } from '../platform/search-attribute-setup.js';
import { connectClient } from '../platform/temporal-client.js';
import { openLedger } from '../store/open.js';
import { parseApiKeys } from './api-keys.js';
import { buildApi } from './server.js';

try {
  const config = loadConfig();
  const missing = (['TEMPORAL_ADDRESS', 'BREACH_API_KEYS'] as const).filter((k) => !config[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required for a standalone API`));
  const logger = createLogger(config);
  const ops = loadObservabilitySettings();
  const tracing = startTracing({
    serviceName: ops.serviceName ?? 'breach-api',
    ...(ops.otlpEndpoint ? { endpoint: ops.otlpEndpoint } : {}),
  });
  const payloadKeys = loadPayloadKeys(config);
  const ledger = await openLedger({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const client = await connectClient(
    { address: config.TEMPORAL_ADDRESS!, namespace: config.TEMPORAL_NAMESPACE },
    payloadKeys,
  );
  await ensureSearchAttributes(client.connection, config.TEMPORAL_NAMESPACE, (msg) => logger.info(msg));
  const app = await buildApi({
    config,
    client,
    ledger,
    apiKeys: parseApiKeys(config.BREACH_API_KEYS!),
    payloadKeys,
    logger,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app
        .close()
        .then(() => Promise.all([client.connection.close(), ledger.close(), tracing?.shutdown()]))
        .then(() => process.exit(0));
    });
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
