// One real Temporal dev server, one PostgreSQL server and one workflow bundle for the whole test run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort, startDevServer } from '../../platform/temporal-server.js';
import { bundleWorkflows } from '../../worker/workflow-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    workflowBundlePath: string;
  }
}

function postgresUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const script = path.resolve(import.meta.dirname, '../../scripts/postgres.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = out.trim().split('\n').pop() ?? '';
  if (!url.startsWith('postgres'))
    throw new Error(`scripts/postgres.sh did not print a PostgreSQL URL: ${out}`);
  return url;
}

/** Schemas the tests make (ledgers, directories); dropped only when no test file runs. */
async function dropTestSchemas(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname ~ '^(test|svc|dir)_[a-z0-9_]+$'`,
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'breach-test-'));
  const server = await startDevServer({ dbFile: path.join(dir, 'temporal.db'), port: await freePort() });
  project.provide('temporalAddress', server.address);
  const databaseUrl = postgresUrl();
  await dropTestSchemas(databaseUrl);
  project.provide('databaseUrl', databaseUrl);

  const bundle = await bundleWorkflows();
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await dropTestSchemas(databaseUrl);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
