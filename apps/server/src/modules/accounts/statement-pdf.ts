import { pageNumber } from '../../shared/bank-documents.js';
import { PDF_COLORS, PDF_MARGIN_PT, type Pdf, pdfLetterhead, renderPdf } from '../../shared/pdf.js';
import type { StatementDocument, StatementRow } from './statement-document.js';

/**
 * Draws a statement document (statement-document.ts) on A4: the letterhead, the facts, the totals
 * in a band, then the table, its header repeated on every page, and "Page n of m" at each foot.
 */

type ColumnKey = 'date' | 'counterparty' | 'purpose' | 'amount' | 'balance';

// Points across the 499 pt between the margins. Amounts are right-aligned so their digits line up.
const COLUMNS: ReadonlyArray<{ key: ColumnKey; width: number; align: 'left' | 'right' }> = [
  { key: 'date', width: 60, align: 'left' },
  { key: 'counterparty', width: 132, align: 'left' },
  { key: 'purpose', width: 141, align: 'left' },
  { key: 'amount', width: 83, align: 'right' },
  { key: 'balance', width: 83, align: 'right' },
];
const CELL_PADDING_PT = 4;
const TABLE_FONT_PT = 8;
const ROW_GAP_PT = 5;
// Rows end above this distance from the page's bottom edge: room for the foot line.
const BOTTOM_RESERVE_PT = 62;

function contentWidth(doc: Pdf): number {
  return doc.page.width - 2 * PDF_MARGIN_PT;
}

function drawFacts(doc: Pdf, facts: ReadonlyArray<readonly [string, string]>): void {
  const labelWidth = 130;
  for (const [label, value] of facts) {
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(PDF_COLORS.muted)
      .text(label, PDF_MARGIN_PT, y, { width: labelWidth - 8 });
    const labelBottom = doc.y;
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(PDF_COLORS.ink)
      .text(value, PDF_MARGIN_PT + labelWidth, y, { width: contentWidth(doc) - labelWidth });
    doc.y = Math.max(doc.y, labelBottom) + 2;
  }
}

/** The four totals side by side in a tinted band: label small above (two lines if it must), amount bold below. */
function drawSummary(doc: Pdf, summary: ReadonlyArray<readonly [string, string]>): void {
  const top = doc.y + 8;
  const cellWidth = contentWidth(doc) / summary.length;
  const textWidth = cellWidth - 20;
  doc.font('regular').fontSize(8);
  const labelHeight = Math.max(...summary.map(([label]) => doc.heightOfString(label, { width: textWidth })));
  const height = 7 + labelHeight + 4 + 12 + 8;
  doc.roundedRect(PDF_MARGIN_PT, top, contentWidth(doc), height, 6).fill(PDF_COLORS.band);
  summary.forEach(([label, value], index) => {
    const x = PDF_MARGIN_PT + index * cellWidth + 10;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(PDF_COLORS.muted)
      .text(label, x, top + 7, { width: textWidth });
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(PDF_COLORS.ink)
      .text(value, x, top + 7 + labelHeight + 4, { width: textWidth, lineBreak: false });
  });
  doc.x = PDF_MARGIN_PT;
  doc.y = top + height + 14;
}

function cells(row: StatementRow): Record<ColumnKey, string> {
  const counterparty = row.reference ? `${row.counterparty}\n${row.reference}` : row.counterparty;
  return { date: `${row.date}\n${row.time}`, counterparty, purpose: row.purpose, amount: row.amount, balance: row.balance };
}

function rowHeight(doc: Pdf, texts: Record<ColumnKey, string>): number {
  let height = 0;
  for (const column of COLUMNS) {
    height = Math.max(height, doc.heightOfString(texts[column.key], { width: column.width - 2 * CELL_PADDING_PT }));
  }
  return height;
}

function drawCells(doc: Pdf, texts: Record<ColumnKey, string>, y: number): void {
  let x = PDF_MARGIN_PT;
  for (const column of COLUMNS) {
    doc.text(texts[column.key], x + CELL_PADDING_PT, y, { width: column.width - 2 * CELL_PADDING_PT, align: column.align });
    x += column.width;
  }
}

function drawHeader(doc: Pdf, columns: StatementDocument['columns']): void {
  doc.font('bold').fontSize(TABLE_FONT_PT);
  const texts: Record<ColumnKey, string> = { ...columns };
  const height = rowHeight(doc, texts) + 2 * CELL_PADDING_PT;
  const top = doc.y;
  doc.rect(PDF_MARGIN_PT, top, contentWidth(doc), height).fill(PDF_COLORS.band);
  doc.fillColor(PDF_COLORS.ink);
  drawCells(doc, texts, top + CELL_PADDING_PT);
  doc.x = PDF_MARGIN_PT;
  doc.y = top + height + 3;
}

function drawRows(doc: Pdf, document: StatementDocument): void {
  const bottomLimit = () => doc.page.height - BOTTOM_RESERVE_PT;
  for (const row of document.rows) {
    const texts = cells(row);
    doc.font('regular').fontSize(TABLE_FONT_PT);
    const height = rowHeight(doc, texts);
    if (doc.y + height > bottomLimit()) {
      doc.addPage();
      doc.font('regular').fontSize(8).fillColor(PDF_COLORS.muted).text(document.continuation, PDF_MARGIN_PT, PDF_MARGIN_PT);
      doc.moveDown(0.5);
      drawHeader(doc, document.columns);
      doc.font('regular').fontSize(TABLE_FONT_PT);
    }
    const top = doc.y;
    doc.fillColor(PDF_COLORS.ink);
    drawCells(doc, texts, top);
    const ruleY = top + height + ROW_GAP_PT / 2;
    doc
      .moveTo(PDF_MARGIN_PT, ruleY)
      .lineTo(PDF_MARGIN_PT + contentWidth(doc), ruleY)
      .lineWidth(0.4)
      .strokeColor(PDF_COLORS.rule)
      .stroke();
    doc.x = PDF_MARGIN_PT;
    doc.y = ruleY + ROW_GAP_PT / 2;
  }
}

export function statementPdf(document: StatementDocument): Promise<Buffer> {
  return renderPdf(
    { title: `${document.title} ${document.period.from} — ${document.period.to}`, footer: pageNumber(document.language) },
    (doc) => {
      pdfLetterhead(doc, document.letterhead);
      doc.font('bold').fontSize(16).fillColor(PDF_COLORS.ink).text(document.title, PDF_MARGIN_PT).moveDown(0.4);
      drawFacts(doc, document.facts);
      drawSummary(doc, document.summary);
      drawHeader(doc, document.columns);
      if (document.none)
        doc
          .font('regular')
          .fontSize(9.5)
          .fillColor(PDF_COLORS.muted)
          .text(document.none, PDF_MARGIN_PT, doc.y + 6);
      drawRows(doc, document);
    },
  );
}
