import type { AppContext } from '../../context.js';
import { formatDateTime } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { escapeHtml, pdfLetterhead, renderPdf } from '../../shared/pdf.js';
import { KIND_NAMES, RECEIPT_LABELS as LABELS, receiptFooter, STATUS_NAMES } from './operations.messages.js';
import type { OperationView } from './operations.schemas.js';
import { operationKindOf } from './view.js';

/** The receipt of one operation, as the viewer may see it, in HTML or PDF: the same rows in both. */

function rows(ctx: AppContext, view: OperationView, language: Language): Array<[string, string]> {
  const money = (minor: number) => formatMoney(BigInt(minor), view.currency, language);
  const result: Array<[string, string]> = [
    [LABELS.number[language], view.id],
    [LABELS.date[language], formatDateTime(new Date(view.createdAt), language, ctx.config.bankTimeZone)],
    [LABELS.kind[language], KIND_NAMES[operationKindOf(view.kind)][language]],
    [LABELS.status[language], STATUS_NAMES[view.status][language]],
  ];
  if (view.payer) result.push([LABELS.from[language], view.payer]);
  result.push([LABELS.to[language], view.payee], [LABELS.amount[language], money(view.amountMinor)]);
  if (view.feeMinor > 0)
    result.push([LABELS.fee[language], money(view.feeMinor)], [LABELS.total[language], money(view.amountMinor + view.feeMinor)]);
  if (view.declineReasonText) result.push([LABELS.reason[language], view.declineReasonText]);
  if (view.purposeCode) result.push([LABELS.purpose[language], view.purposeCode]);
  if (view.description) result.push([LABELS.description[language], view.description]);
  return result;
}

export function receiptHtml(ctx: AppContext, view: OperationView, language: Language): string {
  const domain = ctx.config.officialDomain;
  const body = rows(ctx, view, language)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(LABELS.title[language])} ${escapeHtml(view.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;color:#10233f}h1{font-size:1.3rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #dde3ea;vertical-align:top}th{color:#506176;font-weight:500;width:45%}footer{margin-top:1.5rem;color:#506176;font-size:.9rem}</style></head>
<body><header><strong>Kassa</strong> · ${escapeHtml(domain)}</header><h1>${escapeHtml(LABELS.title[language])}</h1><table>${body}</table>
<footer>${escapeHtml(receiptFooter(language, ctx.config.contactCenterPhone))}</footer></body></html>`;
}

export function receiptPdf(ctx: AppContext, view: OperationView, language: Language): Promise<Buffer> {
  const domain = ctx.config.officialDomain;
  return renderPdf({ title: `${LABELS.title[language]} ${view.id}` }, (doc) => {
    pdfLetterhead(doc, domain);
    doc.moveDown().font('bold').fontSize(15).fillColor('#10233f').text(LABELS.title[language]).moveDown(0.5);
    for (const [label, value] of rows(ctx, view, language)) {
      const y = doc.y;
      doc.font('regular').fontSize(10).fillColor('#506176').text(label, 48, y, { width: 200 });
      doc.font('regular').fontSize(11).fillColor('#10233f').text(value, 260, y, { width: 290 });
      doc.moveDown(0.6);
    }
    doc.moveDown().fontSize(9).fillColor('#506176').text(receiptFooter(language, ctx.config.contactCenterPhone), 48);
  });
}
