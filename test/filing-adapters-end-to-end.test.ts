// Issue 17's first acceptance on the real Temporal server, through a recipients file: an incident with
// people in DE and CN (and a judged risk) files the GDPR report by email to the local SMTP server (the
// PDF and JSON attached, read back with mailparser) and the PIPL report over HTTPS to a local endpoint
// that answers 503 twice first; both receipts are recorded, and a worker restart mid-submission sends
// no second report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegulatorEndpoint, type RegulatorEndpoint } from '../dev/regulator-endpoint.js';
import { startSmtpSink, type SmtpSink } from '../dev/smtp-sink.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { filingSettingsFrom } from '../worker/filing-settings.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
let sink: SmtpSink;
let cac: RegulatorEndpoint;
let dir: string;
const TOKEN = 'cac-test-token-0123456789';
let holdCacAnswers = false;

beforeAll(async () => {
  sink = await startSmtpSink();
  cac = await startRegulatorEndpoint({ token: TOKEN, failFirst: 2 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'breach-recipients-'));
  const file = path.join(dir, 'recipients.json');
  writeFileSync(
    file,
    JSON.stringify({
      recipients: [
        {
          id: 'bfdi-de',
          name: 'BfDI',
          regime: 'eu_gdpr',
          adapter: 'email',
          address: 'poststelle@bfdi.example',
          language: 'de',
        },
        {
          id: 'cac-cn',
          name: 'CAC',
          regime: 'cn_pipl',
          adapter: 'https',
          endpoint: cac.filingsUrl,
          credentialsRef: 'CAC_TOKEN',
          language: 'zh-CN',
        },
      ],
    }),
  );
  const env = {
    SMTP_URL: sink.url,
    EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
    FILING_RECIPIENTS_FILE: file,
    CAC_TOKEN: TOKEN,
  };
  svc = await startTestService({
    env,
    workerOptions: () => {
      const settings = filingSettingsFrom(loadChannelSettings({ ...process.env, ...env, NODE_ENV: 'test' }), {
        ...env,
        NODE_ENV: 'test',
      });
      return {
        filings: {
          ...settings,
          // While asked to, the endpoint's answers are held back: the worker stops mid-submission.
          submitter: {
            async submit(s) {
              const outcome = await settings.submitter.submit(s);
              if (s.recipient.id === 'cac-cn') {
                const { cancellationSignal } = Context.current();
                while (holdCacAnswers) {
                  // The worker's shutdown cancels the attempt: the answer is lost, as if the worker died.
                  if (cancellationSignal.aborted)
                    throw new Error('worker stopped before the answer was recorded');
                  await new Promise((r) => setTimeout(r, 100));
                }
              }
              return outcome;
            },
          },
        },
      };
    },
  });
});
afterAll(async () => {
  await svc?.close();
  await sink?.close();
  await cac?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Filing = {
  id: string;
  regime: string;
  status: string;
  recipient: string;
  receipt?: { adapter: string; reference: string };
};
const view = async (id: string) => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json;

describe('filings through the recipients file', () => {
  it('files GDPR by email and PIPL over HTTPS after two 503s, once each, across a worker restart', async () => {
    const id = await svc.openIncident({ discoveredAt: new Date(Date.now() - 3_600_000).toISOString() });
    await svc.uploadAffectedUsers(
      id,
      'userId,email,country\nde1,de1@example.com,DE\ncn1,cn1@example.com,CN\n',
    );
    await eventually(async () => (await view(id)).assessment?.affected === 2);
    const judged = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
      kind: 'risk',
      value: true,
      reason: 'Names and emails were readable',
    });
    expect(judged.status).toBe(201);
    holdCacAnswers = true;
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(200);

    // The CAC endpoint took the report (after two 503s), but its answer is held: restart the worker now.
    await cac.waitFor(1, 90_000);
    await svc.stopWorker();
    holdCacAnswers = false;
    await svc.startWorker();

    const filed = await eventually(
      async () => {
        const f = ((await view(id)).filings ?? []) as Filing[];
        const done = f.filter((x) => x.status === 'submitted');
        return done.length === 2 ? f : undefined;
      },
      { timeoutMs: 120_000 },
    );
    const gdpr = filed.find((f) => f.regime === 'eu_gdpr')!;
    const pipl = filed.find((f) => f.regime === 'cn_pipl')!;
    expect(gdpr).toMatchObject({ recipient: 'bfdi-de', receipt: { adapter: 'email' } });
    expect(pipl).toMatchObject({ recipient: 'cac-cn', receipt: { adapter: 'https' } });

    // One PIPL filing at the endpoint, whatever the retries and the restart sent.
    expect(cac.filings).toHaveLength(1);
    expect(cac.attempts.slice(0, 2).map((a) => a.status)).toEqual([503, 503]);
    expect(pipl.receipt?.reference).toBe(cac.filings[0]!.reference);

    const mails = sink.received.filter((m) => m.envelope.to.includes('poststelle@bfdi.example'));
    expect(mails).toHaveLength(1);
    const parsed = await simpleParser(mails[0]!.raw);
    const names = parsed.attachments.map((a) => a.contentType);
    expect(names).toEqual(expect.arrayContaining(['application/pdf', 'application/json']));
    const json = JSON.parse(
      parsed.attachments.find((a) => a.contentType === 'application/json')!.content.toString('utf8'),
    );
    expect(json.report ?? json).toMatchObject({ regime: 'eu_gdpr', incidentId: id });
    expect(JSON.stringify(json)).not.toContain('de1@example.com');
  }, 240_000);
});
