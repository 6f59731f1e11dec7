import type { Pdf } from './pdf.js';

/**
 * QR codes for documents (the receipt's check link): the modules from the `qrcode` package, drawn
 * here as vector squares, so the PDF and the HTML receipt carry the same code, sharp at any zoom,
 * without an image decoder or a canvas. Level M (15 % of the symbol may be lost) survives a
 * creased or photocopied receipt; the quiet zone of 4 modules is the standard's (ISO/IEC 18004 §9.1).
 */
const ERROR_CORRECTION = 'M';
const QUIET_ZONE_MODULES = 4;
// A check link is short (a domain and a 22-character code); this keeps the symbol small enough to scan from paper.
const QR_TEXT_LENGTH_MAX = 200;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  dark(row: number, column: number): boolean;
}

// Loaded at the first document, as pdfkit is (shared/pdf.ts): few requests need it.
const loadQrcode = () => import('qrcode');

export async function qrMatrix(text: string): Promise<QrMatrix> {
  if (text.length > QR_TEXT_LENGTH_MAX) throw new Error(`a QR text of ${text.length} characters is longer than ${QR_TEXT_LENGTH_MAX}`);
  const { create } = await loadQrcode();
  const { modules } = create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  return { size: modules.size, dark: (row, column) => modules.get(row, column) === 1 };
}

/** Each dark module as a unit square of one SVG path: "M{x} {y}h1v1h-1z", offset by the quiet zone. */
function pathOf(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    for (let column = 0; column < matrix.size; column += 1) {
      if (matrix.dark(row, column)) parts.push(`M${column + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h1v1h-1z`);
    }
  }
  return parts.join('');
}

/**
 * Inline SVG for an HTML page: attributes only (no style attribute, no script), so a page whose
 * CSP allows no inline style shows it. `label` is read by screen readers.
 */
export function qrSvg(matrix: QrMatrix, sizePx: number, label: string): string {
  const side = matrix.size + 2 * QUIET_ZONE_MODULES;
  const escaped = label.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] as string);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escaped}" width="${sizePx}" height="${sizePx}" ` +
    `viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${pathOf(matrix)}"/></svg>`
  );
}

/** Draws the code into a PDF with its top-left corner at (x, y), `sizePt` points a side, quiet zone included. */
export function drawQr(doc: Pdf, matrix: QrMatrix, x: number, y: number, sizePt: number): void {
  const side = matrix.size + 2 * QUIET_ZONE_MODULES;
  const modulePt = sizePt / side;
  doc.save().rect(x, y, sizePt, sizePt).fill('#ffffff');
  for (let row = 0; row < matrix.size; row += 1) {
    for (let column = 0; column < matrix.size; column += 1) {
      if (!matrix.dark(row, column)) continue;
      // A hair wider than a module, so neighbouring squares leave no white seam when rasterised.
      doc.rect(x + (column + QUIET_ZONE_MODULES) * modulePt, y + (row + QUIET_ZONE_MODULES) * modulePt, modulePt + 0.05, modulePt + 0.05);
    }
  }
  doc.fill('#000000').restore();
}
