// The `breach` command as a responder runs it: the real binary (bin/breach.js) against a running
// service with the local channel servers, its tables, its --json answers and its exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../platform/temporal-server.js';
import { startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { incidentRequest } from './support/service.js';

const exec = promisify(execFile);
const BIN = path.join(import.meta.dirname, '..', 'bin', 'breach.js');

let rig: FanoutRig;
let url: string;
let dir: string;
beforeAll(async () => {
  rig = await startFanoutRig({ MONITORING_DAYS: String(3600 / 86_400) });
  url = await rig.svc.app.listen({ port: 0, host: '127.0.0.1' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'breach-cli-'));
});
afterAll(async () => {
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function breach(role: 'responder' | 'approver' | 'regulator' | null, ...args: string[]) {
  const env = { ...process.env, BREACH_URL: url, BREACH_API_KEY: role ? rig.svc.keys[role] : '' };
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const file = (name: string, body: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('breach', () => {
  it('opens, imports, approves and watches an incident until its notices are out', async () => {
    const incident = file('incident.json', JSON.stringify(incidentRequest({ severity: 'medium' })));
    const opened = await breach('responder', '--json', 'open', '--file', incident);
    expect(opened.code).toBe(0);
    const { id } = JSON.parse(opened.stdout) as { id: string };
    await rig.svc.reachPhase(id, 'awaiting_approval');

    const csv = file(
      'people.csv',
      [
        'userId,name,email,phone,country',
        'c1,Cleo,cleo@example.com,,DE',
        'c2,Dan,dan@example.com,,FR',
        'c3,Eli,,+4915123456789,DE',
        'c4,Fay,not-an-address,,DE',
      ].join('\n'),
    );
    const imported = await breach('responder', 'import', id, csv);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 3 people from 4 rows');
    // The refused line is in a table with its line number and field.
    expect(imported.stdout).toMatch(/│ 5\s+│ email/);

    const approved = await breach('approver', '--json', 'approve', id, '--note', 'go');
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ id });

    const watched = await breach('responder', '--json', 'watch', id, '--interval', '200', '--timeout', '120');
    expect(watched.code).toBe(0);
    const view = JSON.parse(watched.stdout);
    expect(['reporting', 'monitoring']).toContain(view.phase);
    // What the watch ends with is what the local servers received.
    expect(view.notices.email.sent).toBe(
      rig.providers.smtp.received.filter((m) => /(cleo|dan)@/.test(m.envelope.to[0] ?? '')).length,
    );
    expect([view.notices.email.sent, view.notices.sms.sent, view.notices.email.pending]).toEqual([2, 1, 0]);

    const status = await breach('responder', 'status', id);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(id);
    expect(status.stdout).toMatch(/│ email\s+│ 0\s+│ 2/);

    const listed = await breach('responder', '--json', 'list');
    expect(JSON.parse(listed.stdout).items.map((i: { id: string }) => i.id)).toContain(id);
  }, 240_000);

  it('answers with exit codes that mean something, and names the fields the API refused', async () => {
    expect((await breach('responder', 'frobnicate')).code).toBe(2);
    expect((await breach('responder', 'status')).code).toBe(2);
    expect((await breach(null, 'list')).code).toBe(2);
    expect((await breach('responder', 'open', '--file', path.join(dir, 'missing.json'))).code).toBe(2);

    const missing = await breach('responder', 'status', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(3);

    const bad = file('bad.json', JSON.stringify(incidentRequest({ discoveredAt: 'yesterday' })));
    const refused = await breach('responder', 'open', '--file', bad);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('discoveredAt');

    // A regulator's key may not act on incidents.
    expect((await breach('regulator', 'list')).code).toBe(4);

    const closed = `http://127.0.0.1:${await freePort()}`;
    const nobody = await breach('responder', '--url', closed, 'list');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain(`Nothing answers at ${closed} (connection refused)`);
  }, 120_000);
});
