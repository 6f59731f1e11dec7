import { formatOperationReference } from '@kassa/format';
import type { AppContext } from '../../context.js';
import { bankLetterhead, pageNumber } from '../../shared/bank-documents.js';
import type { Language } from '../../shared/i18n.js';
import { escapeHtml, PDF_COLORS, PDF_MARGIN_PT, type Pdf, pdfLetterhead, renderPdf } from '../../shared/pdf.js';
import { drawQr, type QrMatrix, qrMatrix, qrSvg } from '../../shared/qr.js';
import { STATUS_NAMES } from './operations.messages.js';
import { receiptCheckUrl, receiptCode } from './receipt-codes.js';
import { receiptPageHtml, rowsTable } from './receipt-html.js';
import { type Receipt, type ReceiptTone, receiptRows, receiptTone } from './receipts.js';
import { RECEIPT_LABELS as LABELS, receiptFooter } from './receipts.messages.js';

/** The receipt as a file: HTML (with the QR as inline SVG) or PDF (the QR drawn as vector squares). */

const QR_HTML_PX = 132;
const QR_PDF_PT = 96;
const LABEL_COLUMN_PT = 190;
const ROW_GAP_PT = 7;

/** The check link and its QR code, recorded so the check page finds it. */
async function checkLink(ctx: AppContext, receipt: Receipt): Promise<{ url: string; matrix: QrMatrix }> {
  const url = receiptCheckUrl(ctx, await receiptCode(ctx, receipt.record.id, receipt.audience));
  return { url, matrix: await qrMatrix(url) };
}

function statusLine(receipt: Receipt, language: Language): string {
  return STATUS_NAMES[receipt.status][language];
}

export async function receiptHtml(ctx: AppContext, receipt: Receipt, language: Language): Promise<string> {
  const { url, matrix } = await checkLink(ctx, receipt);
  const tone = receiptTone(receipt);
  const body =
    `<section class="card"><h1>${escapeHtml(LABELS.title[language])}</h1>` +
    `<span class="status ${tone}">${escapeHtml(statusLine(receipt, language))}</span>` +
    `${rowsTable(receiptRows(ctx, receipt, language))}</section>` +
    `<section class="card check">${qrSvg(matrix, QR_HTML_PX, LABELS.qr[language])}<div>` +
    `<p class="verdict">${escapeHtml(LABELS.check[language])}</p><p class="muted">${escapeHtml(LABELS.checkHint[language])}</p>` +
    `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a></div></section>`;
  return receiptPageHtml(ctx.config, {
    language,
    // The operation's number is in its row, where support reads it; the title names the document.
    title: LABELS.title[language],
    body,
    footer: receiptFooter(language, ctx.config.contactCenterPhone),
  });
}

const BADGE_COLORS: Readonly<Record<ReceiptTone, { text: string; background: string }>> = {
  ok: { text: PDF_COLORS.successText, background: PDF_COLORS.successBg },
  bad: { text: PDF_COLORS.errorText, background: PDF_COLORS.errorBg },
  other: { text: PDF_COLORS.ink, background: PDF_COLORS.neutralBg },
};

function drawBadge(doc: Pdf, text: string, tone: ReceiptTone): void {
  const colors = BADGE_COLORS[tone];
  doc.font('bold').fontSize(10);
  const width = doc.widthOfString(text) + 20;
  const y = doc.y;
  doc.roundedRect(PDF_MARGIN_PT, y, width, 18, 9).fill(colors.background);
  doc.fillColor(colors.text).text(text, PDF_MARGIN_PT + 10, y + 4, { lineBreak: false });
  doc.x = PDF_MARGIN_PT;
  doc.y = y + 30;
}

/** Label and value side by side; a long value wraps in its column, the next row starts below the taller one. */
function drawRows(doc: Pdf, rows: ReadonlyArray<readonly [string, string]>): void {
  const valueX = PDF_MARGIN_PT + LABEL_COLUMN_PT;
  const valueWidth = doc.page.width - PDF_MARGIN_PT - valueX;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('regular').fontSize(9.5).fillColor(PDF_COLORS.muted);
    const labelHeight = doc.heightOfString(label, { width: LABEL_COLUMN_PT - 12 });
    doc.text(label, PDF_MARGIN_PT, y, { width: LABEL_COLUMN_PT - 12 });
    doc.font('regular').fontSize(10.5).fillColor(PDF_COLORS.ink);
    const valueHeight = doc.heightOfString(value, { width: valueWidth });
    doc.text(value, valueX, y, { width: valueWidth });
    const bottom = y + Math.max(labelHeight, valueHeight) + ROW_GAP_PT / 2;
    doc
      .moveTo(PDF_MARGIN_PT, bottom)
      .lineTo(doc.page.width - PDF_MARGIN_PT, bottom)
      .lineWidth(0.5)
      .strokeColor(PDF_COLORS.rule)
      .stroke();
    doc.y = bottom + ROW_GAP_PT / 2;
  }
}

function drawCheckBlock(doc: Pdf, url: string, matrix: QrMatrix, language: Language): void {
  const top = doc.y + 12;
  drawQr(doc, matrix, PDF_MARGIN_PT - 6, top, QR_PDF_PT);
  const textX = PDF_MARGIN_PT + QR_PDF_PT + 8;
  const width = doc.page.width - PDF_MARGIN_PT - textX;
  doc
    .font('bold')
    .fontSize(10.5)
    .fillColor(PDF_COLORS.ink)
    .text(LABELS.check[language], textX, top + 14, { width });
  doc.font('regular').fontSize(9).fillColor(PDF_COLORS.muted).text(LABELS.checkHint[language], { width }).moveDown(0.3);
  doc.fontSize(9).fillColor(PDF_COLORS.brand).text(url, { width, link: url, underline: false });
  doc.x = PDF_MARGIN_PT;
  doc.y = Math.max(doc.y, top + QR_PDF_PT) + 10;
}

export async function receiptPdf(ctx: AppContext, receipt: Receipt, language: Language): Promise<Buffer> {
  const { url, matrix } = await checkLink(ctx, receipt);
  const rows = receiptRows(ctx, receipt, language);
  return renderPdf(
    { title: `${LABELS.title[language]} ${formatOperationReference(receipt.record.id)}`, footer: pageNumber(language) },
    (doc) => {
      pdfLetterhead(doc, bankLetterhead(ctx.config, language));
      doc.font('bold').fontSize(16).fillColor(PDF_COLORS.ink).text(LABELS.title[language]).moveDown(0.4);
      drawBadge(doc, statusLine(receipt, language), receiptTone(receipt));
      drawRows(doc, rows);
      drawCheckBlock(doc, url, matrix, language);
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(PDF_COLORS.muted)
        .text(receiptFooter(language, ctx.config.contactCenterPhone), PDF_MARGIN_PT);
    },
  );
}
