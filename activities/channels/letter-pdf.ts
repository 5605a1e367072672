// One person's notice as a printed letter: the notice's sections in their language, the sender's
// return address and the recipient's address where an envelope's window shows them (DIN 5008 form B
// on A4, the US #10 window on US Letter), page numbers, and the personal notice link with its QR code.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Block, NoticeDocument } from '../../domain/notice/document.js';
import { postalAddressLines, type PostalAddress } from '../../domain/postal-address.js';

/** Debian's fonts-wqy-microhei: Latin, Chinese, Japanese and Korean glyphs in one font. */
export const LETTER_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const MM = 72 / 25.4;
const INCH = 72;

/** Where the envelope's window is, in points from the page's top left corner. */
interface WindowBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const PAPER: Record<'A4' | 'LETTER', { size: 'A4' | 'LETTER'; window: WindowBox; margin: number }> = {
  // DIN 5008 form B: the address field starts 45 mm from the top and 20 mm from the left, 85 × 45 mm.
  A4: {
    size: 'A4',
    window: { left: 20 * MM, top: 45 * MM, width: 85 * MM, height: 45 * MM },
    margin: 20 * MM,
  },
  // A #10 window envelope with the letter folded in three: about 7/8" from the left, 2" from the top.
  LETTER: {
    size: 'LETTER',
    window: { left: 0.875 * INCH, top: 2 * INCH, width: 4 * INCH, height: 1.125 * INCH },
    margin: 0.75 * INCH,
  },
};

export interface LetterContent {
  document: NoticeDocument;
  recipient: { name?: string; address: PostalAddress };
  /** The sender's address lines, first line the organisation. */
  returnAddress: string[];
  noticeUrl: string;
  /** The font file; a missing file falls back to the standard fonts, which draw Latin text only. */
  font?: string;
}

export interface RenderedLetter {
  pdf: Buffer;
  /** SHA-256 of the PDF bytes, hex. */
  contentHash: string;
  pages: number;
}

/** US and Canadian addresses go on US Letter paper, everything else on A4. */
export function paperFor(country: string): 'A4' | 'LETTER' {
  return country === 'US' || country === 'CA' ? 'LETTER' : 'A4';
}

export async function renderLetterPdf(content: LetterContent): Promise<RenderedLetter> {
  const paper = PAPER[paperFor(content.recipient.address.country)];
  const qr = await QRCode.toBuffer(content.noticeUrl, { type: 'png', margin: 1, width: 240 });
  // A fixed creation date: the same letter renders to the same bytes, so its hash names its content.
  const doc = new PDFDocument({
    size: paper.size,
    margin: paper.margin,
    bufferPages: true,
    info: { Title: content.document.subject, Producer: 'breach-notify', CreationDate: new Date(0) },
    lang: content.document.lang,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const font = content.font ?? LETTER_FONT;
  const wide = existsSync(font);
  if (wide) doc.registerFont('body', font, 'WenQuanYiMicroHei');
  doc.font(wide ? 'body' : 'Helvetica');
  const t = (s: string) => (wide ? s : latinOnly(s));

  addressBlock(doc, paper.window, content, t);
  doc.x = paper.margin;
  doc.y = paper.window.top + paper.window.height + 10 * MM;
  body(doc, content, t, qr);
  pageNumbers(doc, paper.margin, content.document.template.locale);
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  return {
    pdf,
    contentHash: createHash('sha256').update(pdf).digest('hex'),
    pages: doc.bufferedPageRange().count,
  };
}

function addressBlock(
  doc: PDFKit.PDFDocument,
  w: WindowBox,
  content: LetterContent,
  t: (s: string) => string,
): void {
  // The return address on one small line at the top of the window, as the post reads it back.
  doc
    .fontSize(7)
    .text(t(content.returnAddress.join(' · ')), w.left, w.top, { width: w.width, lineBreak: false });
  doc
    .fontSize(10)
    .text(
      t(postalAddressLines(content.recipient.address, content.recipient.name).join('\n')),
      w.left,
      w.top + 14,
      {
        width: w.width,
        height: w.height - 14,
        ellipsis: true,
      },
    );
}

function body(doc: PDFKit.PDFDocument, content: LetterContent, t: (s: string) => string, qr: Buffer): void {
  const d = content.document;
  const width = doc.page.width - 2 * doc.page.margins.left;
  doc.fontSize(14).text(t(d.subject), { width });
  doc.moveDown(0.8).fontSize(10.5);
  doc.text(t(d.greeting), { width }).moveDown(0.5);
  doc.text(t(d.intro), { width }).moveDown(0.8);
  for (const s of d.sections) {
    doc.fontSize(12).text(t(s.heading), { width }).moveDown(0.3).fontSize(10.5);
    for (const b of s.blocks) block(doc, b, t, width);
    doc.moveDown(0.6);
  }
  doc.text(t(d.phishingWarning), { width }).moveDown(0.8);
  // The link in full, for those who type it, and as a QR code, for those who scan it.
  if (doc.y + 130 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  doc.image(qr, doc.page.margins.left, top, { width: 100, height: 100 });
  doc.text(content.noticeUrl, doc.page.margins.left + 115, top + 10, {
    width: width - 115,
    link: content.noticeUrl,
  });
  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, top + 110);
  doc.fontSize(9).text(t(d.footer), { width });
}

function block(doc: PDFKit.PDFDocument, b: Block, t: (s: string) => string, width: number): void {
  switch (b.kind) {
    case 'paragraphs':
      for (const p of b.text.split(/\n{2,}/)) doc.text(t(p), { width }).moveDown(0.3);
      return;
    case 'list':
      doc.list(b.items.map(t), { width, bulletRadius: 1.5 }).moveDown(0.3);
      return;
    case 'contact':
      doc.text(t(b.intro), { width });
      for (const l of b.lines) doc.text(t(`${l.label}: ${l.value}`), { width });
      doc.moveDown(0.3);
      return;
    case 'link':
      doc.text(t(`${b.label}: ${b.href}`), { width }).moveDown(0.3);
      return;
  }
}

/** "n / total" at the foot of every page, once all pages are laid out. */
function pageNumbers(doc: PDFKit.PDFDocument, margin: number, locale: string): void {
  const { start, count } = doc.bufferedPageRange();
  const format = new Intl.NumberFormat(locale);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .text(`${format.format(i + 1)} / ${format.format(count)}`, margin, doc.page.height - bottom / 2, {
        width: doc.page.width - 2 * margin,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** The standard fonts read WinAnsi only; other characters would print as garbage, so they are marked. */
function latinOnly(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u20ac]/g, '?');
}
