// Both ledger stores for tests: SQLite in a temporary folder, PostgreSQL in a fresh schema of the
// test server (from the global setup, TEST_DATABASE_URL, or scripts/postgres.sh as a last resort).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { OpenIncidentRequest, type IncidentFacts } from '../../domain/incident.js';
import type { Ledger } from '../../store/ledger.js';
import { openLedger } from '../../store/open.js';
import { testSchemaName } from './schema-name.js';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export function testDatabaseUrl(): string {
  const provided = inject('databaseUrl') || process.env.TEST_DATABASE_URL;
  if (provided) return provided;
  const script = path.resolve(import.meta.dirname, '../../scripts/postgres.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = out.trim().split('\n').pop() ?? '';
  if (!url.startsWith('postgres')) throw new Error(`scripts/postgres.sh printed no URL: ${out}`);
  process.env.TEST_DATABASE_URL = url;
  return url;
}

export interface TestStore {
  kind: StoreKind;
  ledger: Ledger;
  dataDir: string;
  /** PostgreSQL only. */
  databaseUrl?: string;
  schema?: string;
  /** Opens a second ledger on the same database (another process would see the same). */
  reopen(): Promise<Ledger>;
  cleanup(): Promise<void>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'breach-ledger-'));
  if (kind === 'sqlite') {
    const ledger = await openLedger({ dataDir });
    return {
      kind,
      ledger,
      dataDir,
      reopen: () => openLedger({ dataDir }),
      async cleanup() {
        await ledger.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const databaseUrl = testDatabaseUrl();
  const schema = testSchemaName('test');
  const ledger = await openLedger({ databaseUrl, dataDir, schema, poolSize: 4 });
  return {
    kind,
    ledger,
    dataDir,
    databaseUrl,
    schema,
    reopen: () => openLedger({ databaseUrl, dataDir, schema, poolSize: 2 }),
    async cleanup() {
      await ledger.close();
      // The schema is dropped by the global teardown, not here: kysely's migrator lists every schema of
      // the database, and a schema dropped meanwhile by a parallel test file makes that listing fail.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function sampleFacts(overrides: Partial<OpenIncidentRequest> = {}): IncidentFacts {
  return OpenIncidentRequest.parse({
    title: 'Customer database exposed',
    description: 'A misconfigured backup bucket exposed the customer table for two days.',
    discoveredAt: '2026-11-20T08:30:00Z',
    dataCategories: ['email', 'name', 'phone'],
    severity: 'high',
    measuresTaken: 'Bucket closed, keys rotated.',
    contact: { name: 'Privacy Office', email: 'privacy@example.com' },
    ...overrides,
  });
}

/** Opens an incident in the `assessing` phase, ready to receive affected users. */
export async function newIncident(
  ledger: Ledger,
  overrides: Partial<OpenIncidentRequest> = {},
): Promise<string> {
  const { incident } = await ledger.createIncident({ facts: sampleFacts(overrides), createdBy: 'tester' });
  await ledger.setIncidentPhase(incident.id, 'assessing', new Date().toISOString());
  return incident.id;
}
