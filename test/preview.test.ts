// The dry run before approval against the real service and the local SMTP, Twilio and FCM servers:
// what the preview plans is what the fan-out then sends; its samples name nobody real; an approval
// carrying the hash of a preview the people have changed since is refused.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedBy, startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually } from './support/service.js';

const exec = promisify(execFile);
const BIN = path.join(import.meta.dirname, '..', 'bin', 'breach.js');

let rig: FanoutRig;
beforeAll(async () => {
  rig = await startFanoutRig({
    MONITORING_DAYS: String(3600 / 86_400),
    NOTICE_COST_EMAIL_USD: '0.01',
    NOTICE_COST_SMS_USD: '0.05',
    NOTICE_COST_PUSH_USD: '0.001',
    SMS_RATE_PER_SECOND: '2',
  });
});
afterAll(async () => {
  await rig?.close();
});

const people = [
  'userId,name,email,phone,pushToken,locale,country',
  'p1,Ana Real,ana@example.pt,+351912345678,tok-p1,pt,PT',
  'p2,Ben Real,ben@example.com,,,en,US',
  'p3,Chen Real,,+8613800138000,,zh-CN,CN',
  'p4,Dee Real,,,tok-p4,en,GB',
  'p5,Eve Real,,,,en,GB',
];
const REAL = /Real|ana@|ben@|fay@|gus@|\+351|\+86|tok-p/;

async function assessed(id: string, affected: number) {
  await eventually(
    async () =>
      (await rig.svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === affected,
  );
}

describe('GET /v1/incidents/:id/preview', () => {
  it('plans what the fan-out sends, refuses a stale hash, and names nobody real', async () => {
    const { svc, providers } = rig;
    const id = await svc.openIncident({ severity: 'medium' });
    await svc.uploadAffectedUsers(id, people.join('\n'));
    await assessed(id, 5);

    const first = await svc.call('responder', 'GET', `/v1/incidents/${id}/preview`);
    expect(first.status).toBe(200);
    const p = first.json;
    // Medium severity: email first, then SMS, then push, one channel per person; Eve has none.
    const sends = Object.fromEntries(
      p.channels.map((c: { channel: string; sends: number }) => [c.channel, c.sends]),
    );
    expect(sends).toEqual({ email: 2, sms: 1, push: 1, letter: 0, voice: 0 });
    expect(p.missing.unreachable).toBe(1);
    expect(p.totalCostUsd).toBeCloseTo(2 * 0.01 + 0.05 + 0.001, 5);
    expect(p.channels.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      ratePerSecond: 2,
      seconds: 1,
    });
    expect(p.announcement.triggered).toBeTypeOf('boolean');
    expect(p.previewHash).toMatch(/^[0-9a-f]{64}$/);
    // Samples per language of the people and channel they are sent on; the Chinese SMS is UCS-2.
    const byLocale = Object.fromEntries(p.samples.map((s: { locale: string }) => [s.locale, s]));
    expect(Object.keys(byLocale).sort()).toEqual(['en', 'pt', 'zh-CN']);
    expect(byLocale['zh-CN'].sms).toMatchObject({ encoding: 'UCS-2' });
    expect(byLocale['zh-CN'].sms.segments).toBeGreaterThan(0);
    expect(byLocale.en.email.html).toContain('Alex Sample');
    expect(byLocale.en.push.title.length).toBeGreaterThan(0);
    expect(JSON.stringify(p)).not.toMatch(REAL);
    // The same people give the same hash.
    expect((await svc.call('approver', 'GET', `/v1/incidents/${id}/preview`)).json.previewHash).toBe(
      p.previewHash,
    );

    // Someone is added after the preview: approving what was seen is refused.
    await svc.uploadAffectedUsers(id, [people[0], 'p6,Fay Real,fay@example.com,,,en,GB'].join('\n'));
    await assessed(id, 6);
    const stale = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {
      previewHash: p.previewHash,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'preview_stale', issues: [{ path: 'previewHash' }] });
    expect((await svc.ledger.getIncident(id))?.phase).toBe('awaiting_approval');

    const fresh = (await svc.call('approver', 'GET', `/v1/incidents/${id}/preview`)).json;
    expect(fresh.previewHash).not.toBe(p.previewHash);
    const planned = Object.fromEntries(
      fresh.channels.map((c: { channel: string; sends: number }) => [c.channel, c.sends]),
    );
    expect(planned).toEqual({ email: 3, sms: 1, push: 1, letter: 0, voice: 0 });
    const ok = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {
      previewHash: fresh.previewHash,
    });
    expect(ok.status).toBe(200);

    const view = await eventually(async () => {
      const r = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
      return ['reporting', 'monitoring', 'closed'].includes(r.json.phase) ? r.json : undefined;
    });
    // What the local servers received for these people is what the preview planned.
    const got = receivedBy(providers, [
      { userId: 'p1', email: 'ana@example.pt', phone: '+351912345678', pushToken: 'tok-p1' },
      { userId: 'p2', email: 'ben@example.com' },
      { userId: 'p3', phone: '+8613800138000' },
      { userId: 'p4', pushToken: 'tok-p4' },
      { userId: 'p6', email: 'fay@example.com' },
    ]);
    expect({
      email: got.email.length,
      sms: got.sms.length,
      push: got.push.length,
      letter: 0,
      voice: 0,
    }).toEqual(planned);
    expect(view.notices.unreachable).toBe(fresh.missing.unreachable);
  });

  it('answers 404 for an unknown incident and 400 for a malformed preview hash', async () => {
    const { svc } = rig;
    expect((await svc.call('responder', 'GET', '/v1/incidents/inc_nope/preview')).status).toBe(404);
    const id = await svc.openIncident({ severity: 'low' });
    const bad = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { previewHash: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.issues)).toContain('previewHash');
  });

  it('breach preview prints the plan, and --json gives the hash breach approve takes', async () => {
    const { svc } = rig;
    const url = await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const breach = async (role: 'responder' | 'approver', ...args: string[]) => {
      const env = { ...process.env, BREACH_URL: url, BREACH_API_KEY: svc.keys[role] };
      try {
        return { code: 0, ...(await exec(process.execPath, [BIN, ...args], { env })) };
      } catch (err) {
        return err as { code: number; stdout: string; stderr: string };
      }
    };
    const id = await svc.openIncident({ severity: 'high' });
    await svc.uploadAffectedUsers(id, people.slice(0, 3).join('\n'));
    await assessed(id, 2);

    const table = await breach('responder', 'preview', id);
    expect(table.code).toBe(0);
    // High severity: every channel a person can be reached on.
    expect(table.stdout).toMatch(/│ email\s+│ 2\s+│/);
    expect(table.stdout).toMatch(/│ sms\s+│ 1\s+│/);
    expect(table.stdout).toContain('breach approve');
    expect(table.stdout).not.toMatch(REAL);

    const json = JSON.parse((await breach('responder', '--json', 'preview', id)).stdout);
    await svc.uploadAffectedUsers(id, 'userId,name,email\np7,Gus Real,gus@example.com');
    await assessed(id, 3);
    const refused = await breach('approver', 'approve', id, '--preview-hash', json.previewHash);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('previewHash');
  });
});
