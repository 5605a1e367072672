import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderFilingPdf, reportHash } from '../platform/filing-documents.js';
import { buildFilingReport, type FilingReport } from '../domain/filing/report.js';
import {
  counts,
  incidentFacts,
  judged,
  obligation,
  recipient,
  reportInput,
} from './support/filing-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'filing-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as a reader's tool extracts it (poppler's pdftotext). */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

function piplReport(): FilingReport {
  const facts = incidentFacts({
    translations: {
      'zh-CN': {
        title: '客户数据库被复制',
        description: '攻击者使用被盗的管理员密码复制了客户数据库。',
        measuresTaken: '我们重置了所有密码。',
      },
    },
  });
  const cn = counts({ CN: 500 });
  return buildFilingReport(
    reportInput({
      obligation: obligation('cn_pipl.regulator_report.notification', facts, cn, []),
      facts,
      assessment: cn,
      recipient: recipient({ id: 'cn-cac', regime: 'cn_pipl', territory: 'CN', language: 'zh-CN' }),
    }),
  );
}

function gdprReport(): FilingReport {
  const facts = incidentFacts({
    translations: {
      de: { title: 'Kundendatenbank kopiert', description: 'Ein Angreifer kopierte die Datenbank.' },
    },
  });
  const people = counts({ DE: 1200 });
  const judgements = [judged('risk'), judged('awareness')];
  return buildFilingReport(
    reportInput({
      obligation: obligation('eu_gdpr.regulator_report.notification', facts, people, judgements),
      facts,
      assessment: people,
      judgements,
    }),
  );
}

describe('the filed report as PDF', () => {
  it('is in Chinese and in English for a PIPL report', async () => {
    const report = piplReport();
    const text = pdfText(await renderFilingPdf(report), 'pipl');
    expect(text).toContain('个人信息安全事件报告');
    expect(text).toContain('客户数据库被复制');
    expect(text).toContain('涉及人数');
    expect(text).toContain('English version');
    expect(text).toContain('Customer database copied');
    expect(text).toContain('Approximate number of people concerned');
    expect(text).toContain(reportHash(report));
  });

  it('is in German and in English for a German authority', async () => {
    const text = pdfText(await renderFilingPdf(gdprReport()), 'gdpr');
    expect(text).toContain('Art der Verletzung');
    expect(text).toContain('Kundendatenbank kopiert');
    expect(text).toMatch(/1[.\s]?200 Personen/);
    expect(text).toContain('Nature of the breach');
    expect(text).toContain('Customer database copied');
  });

  it('falls back to English only, and says so, when the CJK font is missing', async () => {
    const pdf = await renderFilingPdf(piplReport(), { cjkFont: join(dir, 'no-such-font.ttc') });
    const text = pdfText(pdf, 'no-font');
    expect(text).toContain('The font for this language is not installed');
    expect(text).toContain('Customer database copied');
    expect(text).not.toContain('English version');
  });

  it('is in Portuguese and English for the ANPD, and says the report is on time', async () => {
    const facts = incidentFacts();
    const br = counts({ BR: 40 });
    const judgements = [judged('relevant_risk'), judged('awareness')];
    const report = buildFilingReport(
      reportInput({
        obligation: obligation('br_lgpd.regulator_report.notification', facts, br, judgements),
        facts,
        assessment: br,
        judgements,
        recipient: recipient({ id: 'br-anpd', regime: 'br_lgpd', territory: 'BR', language: 'pt-BR' }),
      }),
    );
    const text = pdfText(await renderFilingPdf(report), 'lgpd');
    expect(text).toContain('Motivos da demora');
    expect(text).toContain('Comunicada dentro do prazo.');
    expect(text).toContain('Filed within the deadline.');
  });

  it('is in Japanese and English for the PPC', async () => {
    const facts = incidentFacts();
    const jp = counts({ JP: 80 });
    const judgements = [judged('improper_purpose'), judged('awareness')];
    const report = buildFilingReport(
      reportInput({
        obligation: obligation('jp_appi.regulator_report.preliminary', facts, jp, judgements),
        facts,
        assessment: jp,
        judgements,
        recipient: recipient({ id: 'jp-ppc', regime: 'jp_appi', territory: 'JP', language: 'ja' }),
      }),
    );
    const text = pdfText(await renderFilingPdf(report), 'appi');
    expect(text).toContain('事案の概要');
    expect(text).toContain('発生原因');
    expect(text).toContain('Type of threat or root cause');
  });

  it('is in English only, and says so, for a language the form has no words for', async () => {
    const report = { ...gdprReport(), language: 'it' };
    const text = pdfText(await renderFilingPdf(report), 'it');
    expect(text).toContain('The form is not available in Italian, so this report is in English only.');
    expect(text).toContain('Nature of the breach');
    expect(text).not.toContain('English version');
  });

  it('renders the same report to the same bytes', async () => {
    const report = gdprReport();
    expect((await renderFilingPdf(report)).equals(await renderFilingPdf(report))).toBe(true);
  });
});

describe('reportHash', () => {
  it('is the SHA-256 of the canonical JSON, whatever the order of keys', () => {
    const report = gdprReport();
    const reordered = JSON.parse(JSON.stringify(report, Object.keys(report).reverse())) as FilingReport;
    const shuffled = {
      ...reordered,
      sections: Object.fromEntries(Object.entries(report.sections).reverse()),
    };
    expect(reportHash(shuffled)).toBe(reportHash(report));
    expect(reportHash(report)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportHash({ ...report, generatedAt: '2026-11-20T10:00:01Z' })).not.toBe(reportHash(report));
  });
});
