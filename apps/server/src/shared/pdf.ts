import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type PDFDocument from 'pdfkit';

// DejaVu Sans covers Cyrillic with the Kazakh letters (ә ғ қ ң ө ұ ү һ і); PDF's built-in fonts do not.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const PDF_FONT_REGULAR = join(fontDir, 'DejaVuSans.ttf');
export const PDF_FONT_BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');

export type Pdf = InstanceType<typeof PDFDocument>;

// pdfkit (with fontkit and its Unicode tables) takes ~110 ms to load, a tenth of the start-up
// budget (docs/OPERATIONS.md), for receipts and statements that few requests ask for. It is loaded
// at the first document instead; later documents find it in the module cache.
const loadPdfkit = () => import('pdfkit');

/** The colours of the documents: the web app's tokens (apps/web ui), so paper and screen look alike. */
export const PDF_COLORS = {
  brand: '#0b5d6b',
  ink: '#13212c',
  muted: '#4a5a67',
  rule: '#d3dce2',
  band: '#f3f6f8',
  successText: '#14532d',
  successBg: '#e9f7ee',
  errorText: '#8a1c12',
  errorBg: '#fdecea',
  neutralBg: '#e6ecf3',
} as const;
export const PDF_MARGIN_PT = 48;

export interface PdfMeta {
  title: string;
  /** The line at the foot of every page, told its number and the count ("Страница 1 из 3"). */
  footer?: (page: number, pages: number) => string;
}

/** Where the foot line sits: inside the bottom margin, below anything the document writes. */
const FOOTER_FROM_BOTTOM_PT = 30;

/** Builds a PDF in memory. Documents here are a page or a few: no streaming needed. */
export async function renderPdf(meta: PdfMeta, build: (doc: Pdf) => void): Promise<Buffer> {
  const { default: PDFDocumentClass } = await loadPdfkit();
  return new Promise((resolve, reject) => {
    // Pages are kept until the end so each foot line can name the page count.
    const doc = new PDFDocumentClass({
      size: 'A4',
      margin: PDF_MARGIN_PT,
      bufferPages: true,
      info: { Title: meta.title, Producer: 'Kassa', Creator: 'Kassa' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', PDF_FONT_REGULAR);
    doc.registerFont('bold', PDF_FONT_BOLD);
    doc.font('regular');
    build(doc);
    if (meta.footer) writeFooters(doc, meta.footer);
    doc.end();
  });
}

function writeFooters(doc: Pdf, footer: NonNullable<PdfMeta['footer']>): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Text below the bottom margin would make pdfkit start a new page: the margin is lifted while writing it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(PDF_COLORS.muted)
      .text(footer(index - range.start + 1, range.count), PDF_MARGIN_PT, doc.page.height - FOOTER_FROM_BOTTOM_PT, {
        width: doc.page.width - 2 * PDF_MARGIN_PT,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

/** CSV for spreadsheets: quoted fields, and a leading ' on anything a spreadsheet would run as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface Letterhead {
  /** The official domain customers must see (mykassa.kz). */
  domain: string;
  /** The bank's legal name in the document's language. */
  name: string;
  /** Lines under the name: the BIC and BIN, the address. */
  details: string[];
}

/**
 * The bank's letterhead at the top of every document: the brand and the official domain to check,
 * the legal name and the details an accountant looks for, and a rule under them.
 */
export function pdfLetterhead(doc: Pdf, letterhead: Letterhead): Pdf {
  const top = doc.y;
  const width = doc.page.width - 2 * PDF_MARGIN_PT;
  doc.font('bold').fontSize(18).fillColor(PDF_COLORS.brand).text('Kassa', PDF_MARGIN_PT, top, { lineBreak: false });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(PDF_COLORS.muted)
    .text(letterhead.domain, PDF_MARGIN_PT, top + 5, { width, align: 'right' });
  doc
    .font('bold')
    .fontSize(9)
    .fillColor(PDF_COLORS.ink)
    .text(letterhead.name, PDF_MARGIN_PT, top + 26, { width });
  doc.font('regular').fontSize(8).fillColor(PDF_COLORS.muted);
  for (const line of letterhead.details) doc.text(line, { width });
  const ruleY = doc.y + 6;
  doc
    .moveTo(PDF_MARGIN_PT, ruleY)
    .lineTo(PDF_MARGIN_PT + width, ruleY)
    .lineWidth(0.75)
    .strokeColor(PDF_COLORS.rule)
    .stroke();
  doc.x = PDF_MARGIN_PT;
  doc.y = ruleY + 14;
  return doc;
}
