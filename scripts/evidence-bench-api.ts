// The API process of the evidence benchmark: the real API over the benchmark's SQLite ledger, with a
// Temporal client that connects to nothing (the workflow does not answer; the pack is built from the
// ledger). It reports its peak RSS, sampled every 20 ms, when the parent asks over IPC.
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../api/api-keys.js';
import { buildApi } from '../api/server.js';
import { loadConfig } from '../platform/config.js';
import { openLedger } from '../store/open.js';

const [dataDir, approverKey] = process.argv.slice(2) as [string, string];
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const ledger = await openLedger({ dataDir });
const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const app = await buildApi({
  config,
  client,
  ledger,
  apiKeys: [{ id: 'bench-approver', role: 'approver', sha256: sha256Hex(approverKey) }],
  payloadKeys: { activeKeyId: 'bench', keys: { bench: randomBytes(32) } },
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20).unref();
process.on('message', (m: string) => {
  if (m === 'peak') {
    process.send?.({ peak });
    peak = process.memoryUsage().rss;
  }
  if (m === 'stop')
    void app
      .close()
      .then(() => ledger.close())
      .then(() => process.exit(0));
});
process.send?.({ address });
