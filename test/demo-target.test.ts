// `npm run demo` finds the service the way `npm start` listens, says in one line when nothing answers,
// uses the development keys unless given others, and counts people, not rows.
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../api/dev-keys.js';
import { freePort } from '../platform/temporal-server.js';
import { importAffectedUsers } from '../store/affected-user-import.js';
import { importSummary, peopleIn } from '../scripts/demo-lines.js';
import { checkService, DemoError, demoKeys, serviceUrl, unreachableMessage } from '../scripts/demo-target.js';
import { newIncident, openTestStore, type TestStore } from './support/stores.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'breach-demo-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('where the demo finds the service', () => {
  it('uses PORT and HOST as npm start does, unless BREACH_URL names the service', () => {
    expect(serviceUrl({})).toBe('http://127.0.0.1:8080');
    expect(serviceUrl({ PORT: '9123' })).toBe('http://127.0.0.1:9123');
    expect(serviceUrl({ PORT: '9123', HOST: '0.0.0.0' })).toBe('http://127.0.0.1:9123');
    expect(serviceUrl({ HOST: '::', PORT: '81' })).toBe('http://[::1]:81');
    expect(serviceUrl({ HOST: 'breach.internal' })).toBe('http://breach.internal:8080');
    expect(serviceUrl({ PORT: '9123', BREACH_URL: 'https://breach.acme.example/' })).toBe(
      'https://breach.acme.example',
    );
    expect(() => serviceUrl({ BREACH_URL: 'localhost:8080' })).toThrow(
      /BREACH_URL: .* is not an http\(s\) URL/,
    );
  });

  it('says in one line that nothing answers, naming the URL and what to do', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await checkService(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoError);
    const message = (err as Error).message;
    expect(message).toBe(
      `Nothing answers at ${url} (connection refused). Start the service with \`npm start\` (it listens on PORT and HOST), or set BREACH_URL to where it runs.`,
    );
    expect(unreachableMessage(url, new Error('something else'))).toBeUndefined();
  });

  it('tells a server that is not this service from the service', async () => {
    const other = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    try {
      await expect(checkService(url)).rejects.toThrow(
        `Something answers at ${url}, but not this service (GET /healthz: 404)`,
      );
    } finally {
      await new Promise((r) => other.close(r));
    }
  });

  it('as a command: the PORT npm start would use, and one line on stderr when nothing answers', async () => {
    const port = await freePort();
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const failed = await run(tsx, ['scripts/demo.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '0.0.0.0',
        RESPONDER_KEY: 'r',
        APPROVER_KEY: 'a',
      },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([
      `Nothing answers at http://127.0.0.1:${port} (connection refused). Start the service with \`npm start\` (it listens on PORT and HOST), or set BREACH_URL to where it runs.`,
    ]);
  }, 60_000);
});

describe('which keys the demo uses', () => {
  it('the ones given, else the development keys npm start made, else says how to get keys', () => {
    const empty = mkdtempSync(path.join(dir, 'none-'));
    expect(demoKeys({ DATA_DIR: empty, RESPONDER_KEY: 'r', APPROVER_KEY: 'a' })).toEqual({
      responder: 'r',
      approver: 'a',
    });
    expect(() => demoKeys({ DATA_DIR: empty, RESPONDER_KEY: 'r' })).toThrow(
      /both RESPONDER_KEY and APPROVER_KEY/,
    );
    expect(() => demoKeys({ DATA_DIR: empty })).toThrow(/No development keys .* `npm start`/);

    const made = mkdtempSync(path.join(dir, 'made-'));
    const { created } = ensureDevKeys(made);
    expect(demoKeys({ DATA_DIR: made })).toEqual(created);
    expect(() => demoKeys({ DATA_DIR: made, BREACH_API_KEYS: '[]' })).toThrow(/BREACH_API_KEYS is set/);
  });
});

describe('what the demo reports of the upload', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('counts the people of the example file, not its rows', async () => {
    const id = await newIncident(store.ledger);
    const file = createReadStream(path.join(root, 'examples', 'affected-users.csv'));
    const upload = await importAffectedUsers(store.ledger, id, file, 'csv');
    // 22 rows; one userId appears twice, so the rows that are kept are one person fewer.
    expect(upload.accepted + upload.rejected).toBe(22);
    expect(upload.merged).toBe(1);
    expect(peopleIn(upload)).toBe(upload.accepted - 1);
    // The same number the assessment finds, which the demo waits for before approving.
    expect((await store.ledger.assess(id)).affected).toBe(peopleIn(upload));
    expect(importSummary(upload)).toMatch(
      new RegExp(
        `^Imported ${upload.accepted - 1} people from 22 rows \\(1 row adds to a person listed earlier; `,
      ),
    );
  });

  it('names the rejected lines, and says when none were', () => {
    const counts = { accepted: 3, merged: 0, inserted: 3, updated: 0, unchanged: 0 };
    expect(importSummary({ ...counts, rejected: 0, errors: [] })).toBe(
      'Imported 3 people from 3 rows (none rejected)',
    );
    expect(
      importSummary({
        ...counts,
        accepted: 4,
        merged: 1,
        rejected: 2,
        errors: [
          { line: 3, field: 'email', message: 'x' },
          { line: 7, field: 'phone', message: 'y' },
        ],
      }),
    ).toBe(
      'Imported 3 people from 6 rows (1 row adds to a person listed earlier; 2 rows rejected: line 3 email, line 7 phone)',
    );
    expect(importSummary({ ...counts, accepted: 1, inserted: 1, rejected: 1, errors: [{ line: 2 }] })).toBe(
      'Imported 1 person from 2 rows (1 row rejected: line 2)',
    );
  });
});
