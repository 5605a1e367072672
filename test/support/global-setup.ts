// One real Temporal dev server, one PostgreSQL server and one workflow bundle for the whole test run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
    /** Tags the PostgreSQL schemas this run makes (test/support/schema-name.ts). */
    testRunTag: string;
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

// A run that died without its teardown leaves schemas behind; they go once no run can still be using them.
const ABANDONED_AFTER = '6 hours';

/**
 * Schemas the tests make (ledgers, directories) are named `<kind>_<run tag>_…`; each run drops its own
 * when it ends, and those of runs started long ago, so a second run beside this one keeps its schemas.
 */
async function withRunRegister<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS public.breach_test_runs (tag text PRIMARY KEY, started_at timestamptz NOT NULL)',
    );
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function dropSchemas(client: pg.Client, where: string, params: unknown[]): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname ~ '^(test|svc|dir)_[a-z0-9_]+$' AND ${where}`,
    params,
  );
  for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
}

async function beginRun(url: string, tag: string): Promise<void> {
  await withRunRegister(url, async (client) => {
    await client.query(
      `DELETE FROM public.breach_test_runs WHERE started_at < now() - interval '${ABANDONED_AFTER}'`,
    );
    // Schemas of no registered run: left by an abandoned run, or named before runs were tagged.
    await dropSchemas(
      client,
      `split_part(nspname, '_', 2) NOT IN (SELECT tag FROM public.breach_test_runs)`,
      [],
    );
    await client.query('INSERT INTO public.breach_test_runs (tag, started_at) VALUES ($1, now())', [tag]);
  });
}

async function endRun(url: string, tag: string): Promise<void> {
  await withRunRegister(url, async (client) => {
    await dropSchemas(client, `split_part(nspname, '_', 2) = $1`, [tag]);
    await client.query('DELETE FROM public.breach_test_runs WHERE tag = $1', [tag]);
  });
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'breach-test-'));
  const server = await startDevServer({ dbFile: path.join(dir, 'temporal.db'), port: await freePort() });
  project.provide('temporalAddress', server.address);
  const databaseUrl = postgresUrl();
  // Letters and digits only: the tag is the second part of every schema name the run makes.
  const runTag = randomBytes(4).toString('hex');
  await beginRun(databaseUrl, runTag);
  project.provide('databaseUrl', databaseUrl);
  project.provide('testRunTag', runTag);

  const bundle = await bundleWorkflows();
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await endRun(databaseUrl, runTag);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
