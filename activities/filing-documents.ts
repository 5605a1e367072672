// MINIMAL stand-in for engineer filing-docs' documents (iface-filing.md): the report's hash and a
// one-page PDF. Replaced at the merge.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import PDFDocument from 'pdfkit';
import type { FilingReport } from '../domain/filing/report.js';

// The package is CommonJS (module.exports is the function) but its types declare a default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export function reportHash(report: FilingReport): string {
  return createHash('sha256')
    .update(canonicalize(report) ?? '')
    .digest('hex');
}

export function renderFilingPdf(report: FilingReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(`${report.regime} ${report.phase} report ${report.filingId}`);
    for (const [field, value] of Object.entries(report.sections)) {
      doc.fontSize(10).text(`${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
    doc.end();
  });
}
