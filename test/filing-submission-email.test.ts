import { ApplicationFailure } from '@temporalio/common';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderFilingPdf, reportHash } from '../platform/filing-documents.js';
import { createFilingSubmitter, type FilingSubmission } from '../activities/filing-submission/index.js';
import { filingMessageId } from '../activities/filing-submission/email.js';
import { startSmtpSink, type SmtpSink } from '../dev/smtp-sink.js';
import { gdprReport, recipient } from './support/filing-fixtures.js';

let sink: SmtpSink;
let submission: FilingSubmission;
let submitter: ReturnType<typeof createFilingSubmitter>;
const FROM = '"Example GmbH filings" <filings@example.com>';

beforeAll(async () => {
  sink = await startSmtpSink();
  submitter = createFilingSubmitter({
    smtp: { host: '127.0.0.1', port: sink.port },
    from: FROM,
    credentials: () => undefined,
  });
  const report = gdprReport();
  submission = {
    filingId: report.filingId,
    idempotencyKey: `${report.filingId}.1`,
    recipient: recipient(),
    report,
    reportHash: reportHash(report),
    pdf: await renderFilingPdf(report),
  };
});
beforeEach(() => sink.reset());
afterAll(async () => {
  submitter.close();
  await sink.close();
});

describe('the email adapter', () => {
  it('sends the report to the regulator with the PDF and the JSON attached', async () => {
    const outcome = await submitter.submit(submission);
    const [mail] = await sink.waitFor(1);
    const parsed = await simpleParser(mail!.raw);

    expect(mail!.envelope.to).toEqual(['meldung@bfdi.example']);
    expect(parsed.subject).toContain('EU GDPR Art. 33/34 notification report');
    expect(parsed.text).toContain(submission.reportHash);
    const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf');
    const json = parsed.attachments.find((a) => a.contentType.startsWith('application/json'));
    expect(pdf?.filename).toBe('inc-1.eu_gdpr.regulator_report.notification.pdf');
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf?.content.equals(submission.pdf)).toBe(true);
    const attached = JSON.parse(json!.content.toString('utf8')) as unknown;
    expect(attached).toEqual(submission.report);
    expect(reportHash(attached as typeof submission.report)).toBe(submission.reportHash);

    expect(outcome.kind).toBe('submitted');
    if (outcome.kind !== 'submitted') return;
    const expectedId = filingMessageId(submission.filingId, submission.reportHash, FROM);
    expect(parsed.messageId).toBe(expectedId);
    expect(outcome.receipt).toMatchObject({ adapter: 'email', reference: expectedId });
    expect(String(outcome.receipt.detail.response)).toMatch(/^250 /);
    expect(parsed.headers.get('x-filing-id')).toBe(submission.filingId);
  });

  it('gives a resent filing the same Message-ID, so the regulator can tell it is the same report', async () => {
    await submitter.submit(submission);
    await submitter.submit(submission);
    const [a, b] = await sink.waitFor(2);
    expect(a!.messageId).toBe(b!.messageId);
    expect(filingMessageId('other', submission.reportHash, FROM)).not.toBe(a!.messageId);
  });

  it('throws a retryable error on SMTP 4xx and a FilingRejected failure on 5xx', async () => {
    sink.fail('meldung@bfdi.example', { code: 451, times: 1 });
    const transient = await submitter.submit(submission).catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(ApplicationFailure);
    expect(String((transient as Error).message)).toMatch(/451/);

    sink.fail('meldung@bfdi.example', { code: 550 });
    const permanent = await submitter.submit(submission).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(ApplicationFailure);
    expect(permanent).toMatchObject({ nonRetryable: true, type: 'FilingRejected' });
    expect(sink.received).toHaveLength(0);
  });
});
