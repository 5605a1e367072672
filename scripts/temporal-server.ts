// Runs the embedded Temporal dev server on its own: `npm run temporal [-- --port 7233 --ui-port 8233]`.
import path from 'node:path';
import { readEnv } from '../platform/env.js';
import { startDevServer } from '../platform/temporal-server.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const dataDir = readEnv({}, process.env).DATA_DIR;
const server = await startDevServer({
  dbFile: path.resolve(dataDir, 'temporal.db'),
  port: Number(arg('port', '7233')),
  uiPort: Number(arg('ui-port', '8233')),
  log: console.log,
});
console.log(`Temporal dev server at ${server.address}; Web UI at ${server.uiUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
