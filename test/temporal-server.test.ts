import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startDevServer } from '../platform/temporal-server.js';

describe('startDevServer', () => {
  it('refuses a port something already answers on, instead of passing that for its own server', async () => {
    const port = await freePort();
    const occupant = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => occupant.listen(port, '127.0.0.1', resolve));
    try {
      await expect(
        startDevServer({ port, dbFile: path.join(os.tmpdir(), `unused-${port}.db`) }),
      ).rejects.toThrow(`TEMPORAL_PORT: port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  });
});
