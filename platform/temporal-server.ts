import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from './config.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { SEARCH_ATTRIBUTE_FLAGS } from '../domain/search-attributes.js';

export interface DevServerOptions {
  /** SQLite file for durable state; incidents survive a restart of the server. */
  dbFile: string;
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  namespace?: string;
  /** Codec endpoint the Web UI calls to decrypt payloads for operators. */
  uiCodecEndpoint?: string;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts `temporal server start-dev` and resolves once its frontend accepts connections. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  // Readiness is "the port answers": a server already there would pass for this one, and the service
  // would run on it (without this data folder's history, perhaps without the search attributes).
  if (await portAnswers(opts.port)) {
    throw new ConfigError([
      `TEMPORAL_PORT: port ${opts.port} is already in use (another Temporal server?); choose a free port, ` +
        `or set TEMPORAL_ADDRESS=127.0.0.1:${opts.port} to use the server that is there`,
    ]);
  }
  const cli = ensureTemporalCli(opts.log);
  mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--db-filename',
    opts.dbFile,
    '--namespace',
    opts.namespace ?? 'default',
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_FLAGS.flatMap((sa) => ['--search-attribute', sa]),
  ];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);

  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const deadline = Date.now() + 60_000;
  while (!(await portAnswers(opts.port))) {
    if (child.exitCode !== null) throw new Error(`temporal server exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`temporal server did not answer on port ${opts.port} within 60 s: ${output}`);
    }
    await sleep(200);
  }

  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
