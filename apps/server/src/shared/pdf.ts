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

/** Builds a PDF in memory. Documents here are a page or a few: no streaming needed. */
export async function renderPdf(meta: { title: string }, build: (doc: Pdf) => void): Promise<Buffer> {
  const { default: PDFDocumentClass } = await loadPdfkit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocumentClass({ size: 'A4', margin: 48, info: { Title: meta.title, Producer: 'Kassa', Creator: 'Kassa' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', PDF_FONT_REGULAR);
    doc.registerFont('bold', PDF_FONT_BOLD);
    doc.font('regular');
    build(doc);
    doc.end();
  });
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

/** The bank's letterhead at the top of every document: the name and the official domain to check. */
export function pdfLetterhead(doc: Pdf, domain: string): Pdf {
  return doc
    .font('bold')
    .fontSize(18)
    .fillColor('#0b4f6c')
    .text('Kassa', { continued: true })
    .font('regular')
    .fontSize(10)
    .fillColor('#506176')
    .text(`   ${domain}`);
}
