// The pack's summary.pdf: what happened and what was done, for a person to read, in English and then
// in the incident's own language (its words as the responder wrote or translated them).
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { DEFAULT_CJK_FONT } from '../../platform/filing-documents.js';
import type { AuditEntry, DeliveryCounts, FilingRecord, IncidentRecord } from '../../store/ledger.js';

export interface SummaryInput {
  incident: IncidentRecord;
  audit: AuditEntry[];
  deliveries: DeliveryCounts;
  filings: FilingRecord[];
  announcementVersions: number;
  head: { seq: number; hash: string } | null;
  generatedAt: string;
}

function localText(
  incident: IncidentRecord,
): { locale: string; title: string; description: string } | undefined {
  const f = incident.facts;
  const entries = Object.entries(f.translations ?? {}) as [
    string,
    { title?: string; description?: string },
  ][];
  const [locale, t] = entries[0] ?? [];
  if (f.originalLocale && !f.originalLocale.startsWith('en')) {
    return { locale: f.originalLocale, title: f.title, description: f.description };
  }
  if (locale && t) return { locale, title: t.title ?? f.title, description: t.description ?? f.description };
  return undefined;
}

export async function renderSummaryPdf(s: SummaryInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Evidence summary ${s.incident.id}` },
  });
  const wide = existsSync(DEFAULT_CJK_FONT);
  if (wide) doc.registerFont('wide', DEFAULT_CJK_FONT, 'WenQuanYiMicroHei');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  const body = wide ? 'wide' : 'Helvetica';
  const heading = (t: string) =>
    doc
      .moveDown()
      .font(wide ? 'wide' : 'Helvetica-Bold')
      .fontSize(13)
      .text(t);
  const line = (t: string) => doc.font(body).fontSize(10).text(t);

  const f = s.incident.facts;
  doc
    .font(wide ? 'wide' : 'Helvetica-Bold')
    .fontSize(16)
    .text('Breach incident: evidence summary');
  line(`Incident ${s.incident.id} · generated ${s.generatedAt}`);
  heading('The incident');
  line(`Title: ${f.title}`);
  line(`Discovered: ${f.discoveredAt} · severity ${f.severity} · phase now ${s.incident.phase}`);
  line(`Data categories: ${f.dataCategories.join(', ')}`);
  line(`What happened: ${f.description}`);
  line(`Measures taken: ${f.measuresTaken}`);
  if (s.incident.purgedAt) line(`Personal data of the affected people purged at ${s.incident.purgedAt}`);
  heading('Timeline');
  for (const e of s.audit.filter((a) => a.action.startsWith('phase:') || a.action.startsWith('judgement:'))) {
    line(`${e.at}  ${e.action}  by ${e.actor}${e.reason ? ` — ${e.reason}` : ''}`);
  }
  heading('Notices');
  for (const [channel, p] of Object.entries(s.deliveries.channels)) {
    line(
      `${channel}: ${p.sent} sent, ${p.delivered} delivered, ${p.failed} failed, ${p.unreachable} unreachable, ${p.pending} pending`,
    );
  }
  line(
    `People no channel reached: ${s.deliveries.unreachable}; possible duplicates: ${s.deliveries.possibleDuplicates}`,
  );
  heading('Regulator filings');
  if (s.filings.length === 0) line('None.');
  for (const fl of s.filings) {
    line(
      `${fl.regime} ${fl.phase}: ${fl.status}${fl.submittedAt ? `, submitted ${fl.submittedAt}` : ''}${fl.acknowledgedAt ? `, acknowledged ${fl.acknowledgedAt}` : ''}`,
    );
  }
  heading('Announcements');
  line(`${s.announcementVersions} published version(s).`);
  heading('Proof');
  line(
    `Audit chain: ${s.audit.length} entries, head seq ${s.head?.seq ?? 0}, SHA-256 ${s.head?.hash ?? '-'}.`,
  );
  line(
    'manifest.json lists every file of this pack with its SHA-256 and is signed with the key published at /.well-known/breach-audit-keys.json; npm run verify-evidence checks it all.',
  );

  const local = localText(s.incident);
  if (local) {
    doc.addPage();
    doc.font(body).fontSize(16).text(local.title);
    line(`(${local.locale})`);
    doc.moveDown();
    line(local.description);
    line(`${f.discoveredAt} · ${f.dataCategories.join(', ')}`);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
