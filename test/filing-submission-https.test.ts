import { ApplicationFailure } from '@temporalio/common';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderFilingPdf, reportHash } from '../platform/filing-documents.js';
import { createFilingSubmitter, type FilingSubmission } from '../activities/filing-submission/index.js';
import { startRegulatorEndpoint, type RegulatorEndpoint } from '../dev/regulator-endpoint.js';
import type { Recipient } from '../domain/filing/recipient.js';
import { gdprReport, recipient } from './support/filing-fixtures.js';

const TOKEN = 'regulator-test-token';
let endpoint: RegulatorEndpoint;
let submission: FilingSubmission;
let pdf: Buffer;
const secrets: Record<string, string> = { CNIL_FILING_TOKEN: TOKEN };
const submitter = createFilingSubmitter({
  smtp: { host: '127.0.0.1', port: 1 },
  from: 'filings@example.com',
  credentials: (ref) => secrets[ref],
  httpsTimeoutMs: 10_000,
});

function over(r: Partial<Recipient>, key = submission.idempotencyKey): FilingSubmission {
  return { ...submission, idempotencyKey: key, recipient: { ...submission.recipient, ...r } };
}

beforeAll(async () => {
  endpoint = await startRegulatorEndpoint({ token: TOKEN });
  const report = gdprReport();
  pdf = await renderFilingPdf(report);
  submission = {
    filingId: report.filingId,
    idempotencyKey: `filing-${report.filingId}-1`,
    recipient: recipient({
      adapter: 'https',
      address: undefined,
      endpoint: endpoint.filingsUrl,
      credentialsRef: 'CNIL_FILING_TOKEN',
    }),
    report,
    reportHash: reportHash(report),
    pdf,
  };
});
afterEach(() => endpoint.failNext(0));
afterAll(async () => {
  submitter.close();
  await endpoint.close();
});

async function failureOf(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected the submission to fail');
  return e;
}

describe('the https adapter against a regulator endpoint', () => {
  it('throws retryable on two 503s, then files once; the same key again records nothing new', async () => {
    endpoint.failNext(2, 503);
    for (let i = 0; i < 2; i += 1) {
      const e = await failureOf(submitter.submit(submission));
      expect(e).not.toBeInstanceOf(ApplicationFailure);
      expect(e.message).toMatch(/answered 503 \(retry after 1\)/);
    }
    const outcome = await submitter.submit(submission);
    expect(outcome.kind).toBe('submitted');
    if (outcome.kind !== 'submitted') return;
    expect(outcome.receipt).toMatchObject({ adapter: 'https', reference: 'REG-000001' });
    expect(outcome.receipt.detail).toMatchObject({
      status: 201,
      body: { reference: 'REG-000001', status: 'received' },
      headers: { 'x-reference': 'REG-000001', location: `${endpoint.url}/filings/REG-000001` },
    });

    const again = await submitter.submit(submission);
    expect(again.kind === 'submitted' && again.receipt.reference).toBe('REG-000001');
    expect(again.kind === 'submitted' && again.receipt.detail.headers).toMatchObject({
      'idempotent-replayed': 'true',
    });
    expect(endpoint.filings).toHaveLength(1);
    expect(endpoint.attempts.map((a) => a.status)).toEqual([503, 503, 201, 201]);

    const [filed] = endpoint.filings;
    expect(filed!.idempotencyKey).toBe(submission.idempotencyKey);
    expect(filed!.body.report).toEqual(submission.report);
    expect(filed!.body.reportSha256).toBe(submission.reportHash);
    expect(filed!.pdf.equals(pdf)).toBe(true);
  });

  it('retries on 429 and connection errors', async () => {
    endpoint.failNext(1, 429);
    expect(await failureOf(submitter.submit(over({}, 'k-429')))).not.toBeInstanceOf(ApplicationFailure);
    const refused = await failureOf(
      submitter.submit(over({ endpoint: 'http://127.0.0.1:1/filings' }, 'k-conn')),
    );
    expect(refused).not.toBeInstanceOf(ApplicationFailure);
    expect(refused.message).toMatch(/did not get through/);
  });

  it('rejects for good on other 4xx: a wrong token, a reused key with another report', async () => {
    secrets.WRONG = 'nope';
    const wrong = await failureOf(submitter.submit(over({ credentialsRef: 'WRONG' }, 'k-401')));
    expect(wrong).toBeInstanceOf(ApplicationFailure);
    expect(wrong).toMatchObject({ nonRetryable: true, type: 'FilingRejected' });
    expect(wrong.message).toMatch(/401/);

    const changed = { ...submission.report, generatedAt: '2026-11-20T11:00:00Z' };
    const reused = await failureOf(
      submitter.submit({ ...submission, report: changed, reportHash: reportHash(changed) }),
    );
    expect(reused).toMatchObject({ nonRetryable: true, type: 'FilingRejected' });
    expect(reused.message).toMatch(/422.*different request/);
  });

  it('refuses to send a report and a credential over plain http to another machine', async () => {
    let calls = 0;
    const counting = createFilingSubmitter({
      smtp: { host: '127.0.0.1', port: 1 },
      from: 'filings@example.com',
      credentials: (ref) => secrets[ref],
      fetch: (() => {
        calls += 1;
        return Promise.resolve(new Response('{}', { status: 201 }));
      }) as typeof fetch,
    });
    const e = await failureOf(
      counting.submit(over({ endpoint: 'http://regulator.example/filings' }, 'k-http')),
    );
    counting.close();
    expect(e).toMatchObject({ nonRetryable: true, type: 'FilingRejected' });
    expect(e.message).toMatch(/must use https/);
    expect(calls).toBe(0);
  });

  it('does not send without the credential, and says which setting is missing', async () => {
    const before = endpoint.attempts.length;
    const e = await failureOf(submitter.submit(over({ credentialsRef: 'NOT_SET' }, 'k-nocred')));
    expect(e.message).toMatch(/NOT_SET is not set/);
    expect(endpoint.attempts).toHaveLength(before);
  });
});

describe('the portal adapter', () => {
  it('prepares the form fields in the form order and the portal URL, without any network', async () => {
    const outcome = await submitter.submit(
      over({ adapter: 'portal', endpoint: undefined, portalUrl: 'https://portal.example/report' }),
    );
    expect(outcome.kind).toBe('prepared_for_portal');
    if (outcome.kind !== 'prepared_for_portal') return;
    expect(outcome.portalUrl).toBe('https://portal.example/report');
    const labels = outcome.formFields.map((f) => f.label);
    expect(labels.slice(0, 3)).toEqual([
      'Meldende Stelle (Verantwortlicher)',
      'Anlaufstelle für weitere Informationen',
      'Art der Verletzung',
    ]);
    expect(
      outcome.formFields.find((f) => f.label.startsWith('Ungefähre Zahl der betroffenen Personen'))?.value,
    ).toMatch(/^150 Personen/);
    expect(outcome.formFields.at(-1)).toEqual({
      label: 'Prüfsumme der Meldung (SHA-256 des kanonischen JSON)',
      value: submission.reportHash,
    });
  });
});
