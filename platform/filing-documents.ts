// A filed report's documents: its hash (over the RFC 8785 canonical JSON, so any reader can recompute it)
// and its PDF for people, in the regulator's language and in English. The same bytes whoever renders
// them: the submission attaches the PDF, and the regulator's API reads it again later.
import canonicalizeModule from 'canonicalize';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { readableReport, type ReadableReport } from '../domain/filing/report-readable.js';
import { en } from '../domain/filing/report-labels-en.js';
import { fillLabel, reportLabelsFor, type ReportLabels } from '../domain/filing/report-labels.js';
import { regimeName } from '../domain/filing/report-schema.js';
import { primaryLanguage } from '../domain/filing/report-text-source.js';
import type { FilingReport } from '../domain/filing/report.js';

/** Debian's fonts-wqy-microhei: Chinese, Japanese and Korean glyphs, and Latin ones too. */
export const DEFAULT_CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const CJK_FONT_NAME = 'WenQuanYiMicroHei';
// The package is CommonJS (`module.exports = serialize`) with ES-style types, so the default import is the
// function itself at run time while the types put it under `.default`.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;
const WIDE_LANGUAGES = new Set(['zh', 'ja', 'ko']);

export function reportHash(report: FilingReport): string {
  const json = canonicalize(report);
  if (json === undefined) throw new Error('a report must be JSON');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export interface PdfOptions {
  /** The font file for Chinese, Japanese and Korean text; a missing file means English only. */
  cjkFont?: string;
}

interface Fonts {
  body: string;
  bold: string;
  /** False when only the standard fonts are there, which cannot draw CJK text. */
  wide: boolean;
}

/** The standard fonts read WinAnsi only; other characters would come out as garbage, so they are marked. */
function latinOnly(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u20ac]/g, '?');
}

/** Which parts the PDF has, and why a part is missing. */
function partsOf(report: FilingReport, fontAvailable: boolean): { parts: ReportLabels[]; note?: string } {
  const language = primaryLanguage(report.language);
  if (language === 'en') return { parts: [en] };
  const labels = reportLabelsFor(report.language);
  const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(report.language) ?? report.language;
  if (!labels) return { parts: [en], note: fillLabel(en.words.noLanguage, { language: name }) };
  if (WIDE_LANGUAGES.has(language) && !fontAvailable) return { parts: [en], note: en.words.fontMissing };
  return { parts: [labels, en] };
}

export async function renderFilingPdf(report: FilingReport, options: PdfOptions = {}): Promise<Buffer> {
  const fontFile = options.cjkFont ?? DEFAULT_CJK_FONT;
  const fontAvailable = existsSync(fontFile);
  const { parts, note } = partsOf(report, fontAvailable);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    // The report's own time, so rendering the same report twice gives the same document.
    info: {
      Title: `${report.schema} ${report.filingId}`,
      Author: report.sections.reporting_entity
        ? String((report.sections.reporting_entity as { name: unknown }).name)
        : '',
      CreationDate: new Date(report.generatedAt),
      ModDate: new Date(report.generatedAt),
    },
    lang: report.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let fonts: Fonts = { body: 'Helvetica', bold: 'Helvetica-Bold', wide: false };
  if (fontAvailable) {
    doc.registerFont('cjk', fontFile, CJK_FONT_NAME);
    fonts = { body: 'cjk', bold: 'cjk', wide: true };
  }
  const hash = reportHash(report);
  const name = regimeName(report.regime);
  parts.forEach((labels, i) => {
    if (i > 0) doc.addPage();
    const language = labels === en ? 'en' : report.language;
    writePart(doc, fonts, readableReport(report, labels, language, name), {
      hash: `${labels.words.hash}: ${hash}`,
      ...(i === 0 && note ? { note } : {}),
      ...(i > 0 ? { partTitle: labels.words.englishPart } : {}),
    });
  });
  footers(doc, fonts, report.filingId);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function writePart(
  doc: Doc,
  fonts: Fonts,
  readable: ReadableReport,
  extra: { hash: string; note?: string; partTitle?: string },
): void {
  const t = (s: string) => (fonts.wide ? s : latinOnly(s));
  if (extra.partTitle) doc.font(fonts.bold).fontSize(10).fillColor('#555').text(t(extra.partTitle));
  doc.font(fonts.bold).fontSize(16).fillColor('#000').text(t(readable.title));
  doc.moveDown(0.5).font(fonts.body).fontSize(9).fillColor('#333');
  for (const m of readable.meta) doc.text(t(`${m.label}: ${m.value}`));
  doc.text(t(extra.hash));
  if (extra.note) {
    doc.moveDown(0.5).font(fonts.bold).fontSize(10).fillColor('#8a1c1c').text(t(extra.note));
  }
  for (const s of readable.sections) {
    // A heading is not left alone at the foot of a page.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    doc.moveDown(0.8).font(fonts.bold).fontSize(11).fillColor('#000').text(t(s.heading));
    doc.font(fonts.body).fontSize(10).fillColor('#000');
    for (const line of s.lines) doc.text(t(line));
    if (s.edited)
      doc
        .fontSize(8)
        .fillColor('#555')
        .text(t(`(${editedLabel(readable)})`));
  }
  if (readable.changes) {
    doc.moveDown(1).font(fonts.bold).fontSize(13).fillColor('#000').text(t(readable.changes.heading));
    for (const c of readable.changes.items) {
      doc.moveDown(0.5).font(fonts.bold).fontSize(10).text(t(c.heading));
      doc
        .font(fonts.body)
        .fontSize(9)
        .fillColor('#555')
        .text(t(`${beforeLabel(readable)}: ${c.before.join(' / ')}`));
      doc.fillColor('#000').text(t(`${afterLabel(readable)}: ${c.after.join(' / ')}`));
    }
  }
}

const labelsOf = (r: ReadableReport) => reportLabelsFor(r.language) ?? en;
const editedLabel = (r: ReadableReport) => labelsOf(r).words.edited;
const beforeLabel = (r: ReadableReport) => labelsOf(r).words.before;
const afterLabel = (r: ReadableReport) => labelsOf(r).words.after;

/** The filing id and page count on every page, so a printed page can be traced to its filing. */
function footers(doc: Doc, fonts: Fonts, filingId: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(fonts.body)
      .fontSize(8)
      .fillColor('#555')
      .text(`${filingId} · ${i + 1}/${range.count}`, 56, doc.page.height - 36, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
