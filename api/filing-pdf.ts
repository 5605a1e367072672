// The filed report as a PDF for the regulator's own API key. A stand-in until the merge: the full
// renderer (both languages, every section laid out) lives with the filing documents, where the API
// may not import it yet; this one prints the report's sections plainly so the route works now.
import PDFDocument from 'pdfkit';

function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

export function renderFilingPdf(report: unknown): Promise<Buffer> {
  const r = (report ?? {}) as Record<string, unknown>;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Filing ${plain(r.filingId)}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(`Breach report ${plain(r.regime)} ${plain(r.phase)}`);
  doc.moveDown().fontSize(10);
  for (const key of ['filingId', 'incidentId', 'recipient', 'schema', 'generatedAt'] as const) {
    doc.text(`${key}: ${plain(r[key])}`);
  }
  const sections = r.sections && typeof r.sections === 'object' ? r.sections : {};
  for (const [field, value] of Object.entries(sections)) {
    doc.moveDown(0.5).font('Helvetica-Bold').text(field).font('Helvetica').text(plain(value));
  }
  doc.end();
  return done;
}
