import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { bankCodesLine } from '../../shared/bank-documents.js';
import type { Language } from '../../shared/i18n.js';
import { escapeHtml } from '../../shared/pdf.js';

/**
 * The HTML shell of the receipt and of its check page (/r/<code>): the bank's look in one style
 * block (the web app's tokens, apps/web/src/ui/tokens.css), allowed by its hash in the page's
 * CSP, so the pages run no script and take no other inline style (SECURITY.md 17).
 */
const STYLE = [
  ':root{color-scheme:light}',
  'body{margin:0;background:#f3f6f8;color:#13212c;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}',
  'main{max-width:40rem;margin:0 auto;padding:1rem}',
  '.card{background:#fff;border:1px solid #d3dce2;border-radius:12px;padding:1.25rem;margin-top:1rem}.card>:last-child{margin-bottom:0}',
  '.head{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}',
  '.brand{color:#0b5d6b;font-weight:700;font-size:1.375rem}',
  '.domain{color:#4a5a67;font-size:.875rem}',
  '.bank{color:#4a5a67;font-size:.8125rem;margin:.25rem 0 0}',
  'h1{font-size:1.25rem;line-height:1.25;margin:0 0 .75rem}',
  '.status{display:inline-block;border-radius:999px;padding:.125rem .75rem;font-weight:600;font-size:.875rem;margin-bottom:.75rem}',
  '.ok{background:#e9f7ee;color:#14532d}.bad{background:#fdecea;color:#8a1c12}.other{background:#e6ecf3;color:#0f2a43}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{text-align:left;padding:.5rem 0;border-bottom:1px solid #d3dce2;vertical-align:top;overflow-wrap:anywhere}',
  'th{color:#4a5a67;font-weight:500;width:42%;padding-right:1rem}',
  '.check{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}',
  '.check a{color:#0b5d6b;overflow-wrap:anywhere}',
  '.verdict{font-size:1.125rem;font-weight:600;line-height:1.3;margin:0 0 .5rem}',
  '.genuine{background:#e9f7ee;border-color:#9fd6b1}.genuine .verdict{color:#14532d}',
  '.forged{background:#fdecea;border-color:#f1a9a0}.forged .verdict{color:#8a1c12}',
  '.muted,footer{color:#4a5a67;font-size:.875rem}',
  'footer{margin:1rem 0}',
  'nav{margin-top:.5rem;font-size:.875rem}nav a{color:#0b5d6b;margin-right:.75rem}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The CSP of both pages: no script, no frame, no form, the one style block above, images from nowhere. */
export const RECEIPT_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface ReceiptPage {
  language: Language;
  title: string;
  /** Already escaped HTML of the cards under the letterhead. */
  body: string;
  footer: string;
}

/** The bank's letterhead card: the brand, the official domain to check, the legal name and details. */
function letterhead(config: Pick<Config, 'bank' | 'officialDomain'>, language: Language): string {
  return (
    `<header class="head"><span class="brand">Kassa</span><span class="domain">${escapeHtml(config.officialDomain)}</span></header>` +
    `<p class="bank">${escapeHtml(config.bank.name[language])} · ${escapeHtml(bankCodesLine(config, language))}<br>` +
    `${escapeHtml(config.bank.address[language])}</p>`
  );
}

export function receiptPageHtml(config: Pick<Config, 'bank' | 'officialDomain'>, page: ReceiptPage): string {
  return (
    `<!doctype html><html lang="${page.language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${letterhead(config, page.language)}${page.body}<footer>${escapeHtml(page.footer)}</footer></main></body></html>`
  );
}

/** The rows of a receipt as a table. */
export function rowsTable(rows: ReadonlyArray<readonly [string, string]>): string {
  return `<table>${rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
}
