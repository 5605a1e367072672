import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { startDevProviders, type DevProviders } from '../dev/providers.js';
import { verifyEvidencePack, zipEntries } from '../platform/evidence-verifier.js';
import type { PublishedAuditKeys } from '../platform/audit-keys.js';
import { eventually, startTestService, type TestService } from './support/service.js';
import { STORE_KINDS } from './support/stores.js';

const people = [
  'userId,name,email,phone,pushToken,locale,country',
  'p1,Anastasia Quillfeather,anastasia.q@mail-one.example,+351912345678,tok-quill-1,pt,PT',
  'p2,Bartholomew Zinnwald,bart.zinn@mail-two.example,,,en,US',
  'p3,Chen Xiulan,,+8613800138000,,zh-CN,CN',
  'p4,Dorothea Vantablack,,,tok-vanta-4,en,GB',
].join('\n');
const run = promisify(execFile);
const personal = [
  'Anastasia Quillfeather',
  'anastasia.q@mail-one.example',
  '+351912345678',
  '351912345678',
  'tok-quill-1',
  'Bartholomew Zinnwald',
  'bart.zinn@mail-two.example',
  'Chen Xiulan',
  '+8613800138000',
  '8613800138000',
  'tok-vanta-4',
  'Dorothea Vantablack',
];

async function rezip(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.each(STORE_KINDS)('evidence pack of a finished incident on %s', (store) => {
  let providers: DevProviders;
  let svc: TestService;
  beforeAll(async () => {
    providers = await startDevProviders({ deliverAfterMs: 60_000 });
    svc = await startTestService({
      store,
      env: {
        ...providers.env,
        EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
        NOTICE_BASE_URL: 'https://notify.acme.example',
        MONITORING_DAYS: String(2 / 86_400),
        RETENTION_DAYS: String(3 / 86_400),
      },
    });
  });
  afterAll(async () => {
    await svc?.close();
    await providers?.close();
  });

  it('verifies the chain, and the pack made after the purge verifies, names a changed file and holds no contact data', async () => {
    const id = await svc.openIncident({ severity: 'high' });
    expect((await svc.uploadAffectedUsers(id, people)).statusCode).toBeLessThan(300);
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 4,
    );
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'send' })).status).toBe(
      200,
    );
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.monitoringPeriodEnded,
      {
        timeoutMs: 120_000,
      },
    );
    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'regulators informed outside this service',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    await eventually(async () => (await svc.ledger.getAffectedUser(id, 'p1'))?.purged === true, {
      timeoutMs: 60_000,
    });
    await eventually(async () =>
      (await svc.ledger.listAudit(id)).some((a) => a.action === 'retention:purge'),
    );

    const verify = await svc.call('responder', 'GET', `/v1/incidents/${id}/audit/verify`);
    expect(verify.status).toBe(200);
    expect(verify.json).toMatchObject({ ok: true });
    expect(verify.json.checkpoints).toBeGreaterThanOrEqual(6);
    const audit = await svc.ledger.listAudit(id);
    const anchored = audit.find((a) => a.action === 'evidence:anchored:reporting');
    expect(anchored?.details).toMatchObject({ deliveries: { rows: expect.any(Number) } });
    expect((anchored?.details as { deliveries: { rows: number } }).deliveries.rows).toBeGreaterThan(0);

    const keys = (await svc.call(null, 'GET', '/.well-known/breach-audit-keys.json'))
      .json as PublishedAuditKeys;
    expect(keys.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', active: true });
    expect((await svc.call('responder', 'GET', `/v1/incidents/${id}/evidence`)).status).toBe(403);
    const res = await svc.app.inject({
      method: 'GET',
      url: `/v1/incidents/${id}/evidence`,
      headers: { authorization: `Bearer ${svc.keys.approver}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/zip');
    const pack = res.rawPayload;

    const verdict = await verifyEvidencePack(pack, keys);
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);

    const files = await zipEntries(pack);
    for (const name of [
      'manifest.json',
      'incident.json',
      'timeline.json',
      'judgements.json',
      'obligations.json',
      'deliveries.csv',
      'audit.jsonl',
      'summary.pdf',
    ]) {
      expect(files.has(name), name).toBe(true);
    }
    expect([...files.keys()].some((n) => n.startsWith('notices/v1/'))).toBe(true);
    const csv = files.get('deliveries.csv')!.toString('utf8').trim().split('\n');
    const delivered = await svc.ledger.pageDeliveries(id, { limit: 1000 });
    expect(csv.length - 1).toBe(delivered.items.length);

    // No affected person's name, address, phone or token anywhere in the pack.
    for (const [name, data] of files) {
      const text = data.toString('latin1') + data.toString('utf8');
      for (const p of personal) expect(text.includes(p), `${p} in ${name}`).toBe(false);
    }

    // One byte changed in any file: the verifier fails and names that file.
    for (const name of files.keys()) {
      const changed = new Map(files);
      const data = Buffer.from(files.get(name)!);
      const at = Math.floor(data.length / 2);
      data[at] = data[at]! ^ 0x01;
      changed.set(name, data);
      const bad = await verifyEvidencePack(await rezip(changed), keys);
      expect(bad.ok, name).toBe(false);
      expect(bad.failed, name).toBe(name);
    }

    // The command a third party runs: exit 0 on the pack, exit 1 naming the file changed.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evidence-cli-'));
    try {
      writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(keys));
      writeFileSync(path.join(dir, 'pack.zip'), pack);
      const tampered = new Map(files);
      tampered.set('timeline.json', Buffer.concat([files.get('timeline.json')!, Buffer.from(' ')]));
      writeFileSync(path.join(dir, 'bad.zip'), await rezip(tampered));
      const cli = (zip: string) =>
        run(process.execPath, [
          '--import',
          'tsx',
          'scripts/verify-evidence.ts',
          path.join(dir, zip),
          '--keys',
          path.join(dir, 'keys.json'),
        ]);
      const good = await cli('pack.zip');
      expect(good.stdout).toMatch(/ok {3}deliveries\.csv: SHA-256/);
      expect(good.stdout).toMatch(/evidence pack verifies/);
      const failed = await cli('bad.zip').then(
        () => undefined,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/does not verify: timeline\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const state = await svc.client.workflow.getHandle(`incident-${id}`).query('state');
    expect((state as { auditHeads?: { head: string }[] }).auditHeads?.length).toBeGreaterThanOrEqual(6);
  });
});
