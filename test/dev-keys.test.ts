// Development API keys: made once by `npm start`, shown again by `npm run keys`, replaced with
// `--new`, and refused where the keys are not development keys.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate, parseApiKeys, sha256Hex } from '../api/api-keys.js';
import { devKeyFiles, ensureDevKeys, readDevKeys } from '../api/dev-keys.js';
import { keysCommand } from '../scripts/keys-command.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'breach-keys-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What the API accepts now: it reads only the hashes. */
const apiAccepts = (key: string) =>
  authenticate(parseApiKeys(readFileSync(devKeyFiles(dir).hashes, 'utf8')), key)?.role;
const keyIn = (lines: string[], role: string) =>
  lines
    .find((l) => l.trim().startsWith(role))
    ?.trim()
    .split(/\s+/)[1] ?? '';

describe('development keys', () => {
  it('are made once, kept for their owner only, and read back as the keys the API accepts', () => {
    const first = ensureDevKeys(dir);
    expect(first.created).toBeDefined();
    const created = first.created!;
    expect(apiAccepts(created.responder)).toBe('responder');
    expect(apiAccepts(created.approver)).toBe('approver');
    for (const file of Object.values(devKeyFiles(dir))) expect(statSync(file).mode & 0o777).toBe(0o600);
    // The API's file holds hashes only.
    expect(readFileSync(devKeyFiles(dir).hashes, 'utf8')).not.toContain(created.responder);

    const again = ensureDevKeys(dir);
    expect(again.created).toBeUndefined();
    expect(again.entries.map((e) => e.sha256)).toEqual([
      sha256Hex(created.responder),
      sha256Hex(created.approver),
    ]);
    expect(readDevKeys(dir)).toEqual({ kind: 'found', keys: created });
  });

  it('say when keys made before they were kept (hashes only) cannot be shown', () => {
    expect(readDevKeys(dir)).toEqual({ kind: 'none' });
    ensureDevKeys(dir);
    rmSync(devKeyFiles(dir).keys);
    expect(readDevKeys(dir)).toMatchObject({
      kind: 'lost',
      reason: expect.stringMatching(/only their hashes/),
    });
    // Hashes replaced by hand: the kept keys are no longer the API's.
    writeFileSync(devKeyFiles(dir).keys, JSON.stringify({ responder: 'bk_old', approver: 'bk_old2' }));
    expect(readDevKeys(dir)).toMatchObject({
      kind: 'lost',
      reason: expect.stringMatching(/no longer holds/),
    });
  });
});

describe('npm run keys', () => {
  const env = () => ({ DATA_DIR: dir, NODE_ENV: 'development' });

  it('shows the keys npm start made, the same each time', () => {
    const { created } = ensureDevKeys(dir);
    const shown = keysCommand([], env());
    expect(shown.code).toBe(0);
    expect(keyIn(shown.stdout, 'responder')).toBe(created!.responder);
    expect(keyIn(shown.stdout, 'approver')).toBe(created!.approver);
    expect(keysCommand([], env()).stdout).toEqual(shown.stdout);
  });

  it('makes the keys when there are none yet, and npm start then uses them', () => {
    const shown = keysCommand([], env());
    expect(shown.code).toBe(0);
    expect(shown.stdout[0]).toMatch(/created now/);
    expect(ensureDevKeys(dir).created).toBeUndefined();
    expect(apiAccepts(keyIn(shown.stdout, 'responder'))).toBe('responder');
  });

  it('--new replaces the keys: the new ones work, the old ones no longer do', () => {
    const old = ensureDevKeys(dir).created!;
    const made = keysCommand(['--new'], env());
    expect(made.code).toBe(0);
    const responder = keyIn(made.stdout, 'responder');
    const approver = keyIn(made.stdout, 'approver');
    expect(responder).not.toBe(old.responder);
    expect(apiAccepts(responder)).toBe('responder');
    expect(apiAccepts(approver)).toBe('approver');
    expect(apiAccepts(old.responder)).toBeUndefined();
    expect(apiAccepts(old.approver)).toBeUndefined();
    expect(made.stdout.join('\n')).toMatch(/restart/);
    expect(keyIn(keysCommand([], env()).stdout, 'responder')).toBe(responder);
  });

  it('points to --new when the keys cannot be shown', () => {
    ensureDevKeys(dir);
    rmSync(devKeyFiles(dir).keys);
    const r = keysCommand([], env());
    expect(r.code).toBe(1);
    expect(r.stderr.join('\n')).toMatch(/npm run keys -- --new/);
    expect(keysCommand(['--new'], env()).code).toBe(0);
    expect(readDevKeys(dir).kind).toBe('found');
  });

  it('refuses in production and when BREACH_API_KEYS is set, touching nothing', () => {
    const production = keysCommand([], { ...env(), NODE_ENV: 'production' });
    expect(production.code).toBe(2);
    expect(production.stderr[0]).toMatch(/for development.*NODE_ENV=production/);
    expect(keysCommand(['--new'], { ...env(), NODE_ENV: 'production' }).code).toBe(2);
    const configured = keysCommand(['--new'], {
      ...env(),
      BREACH_API_KEYS: JSON.stringify([{ id: 'k', role: 'responder', sha256: sha256Hex('x') }]),
    });
    expect(configured.code).toBe(2);
    expect(configured.stderr[0]).toMatch(/BREACH_API_KEYS is set/);
    expect(existsSync(devKeyFiles(dir).hashes)).toBe(false);
    expect(keysCommand(['--old'], env()).code).toBe(2);
  });
});
