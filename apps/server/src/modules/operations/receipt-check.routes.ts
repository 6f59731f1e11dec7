import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { format, isLanguage, LANGUAGES, type Language, pickLanguage } from '../../shared/i18n.js';
import { escapeHtml } from '../../shared/pdf.js';
import { STATUS_NAMES } from './operations.messages.js';
import { RECEIPT_PAGE_CSP, receiptPageHtml, rowsTable } from './receipt-html.js';
import { type Receipt, receiptForCode, receiptRows, receiptTone } from './receipts.js';
import { RECEIPT_LABELS, RECEIPT_CHECK_TEXTS as TEXTS } from './receipts.messages.js';

/**
 * GET /r/<code>: the page a receipt's QR code opens (issue 12 item 5). No login: whoever was shown
 * a receipt (a seller, a landlord, an embassy) checks on the bank's own site that the bank issued
 * it, and sees the rows that receipt printed, masked as it masked them. A code the bank did not
 * print answers 404 with a warning. Served by the server, never by the web app (http/web.ts leaves
 * /r/ alone); rate-limited per IP as a look-up; the code never reaches the logs (http/logger.ts).
 */

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

function languageLinks(code: string, current: Language): string {
  const links = LANGUAGES.filter((language) => language !== current).map(
    (language) => `<a href="/r/${encodeURIComponent(code)}?lang=${language}" lang="${language}">${LANGUAGE_NAMES[language]}</a>`,
  );
  return `<nav aria-label="${escapeHtml(TEXTS.language[current])}">${links.join('')}</nav>`;
}

function genuineBody(ctx: AppContext, receipt: Receipt, language: Language): string {
  const verdict = format(TEXTS.genuine[language], { bank: ctx.config.bank.name[language] });
  return (
    `<section class="card genuine"><p class="verdict">✓ ${escapeHtml(verdict)}</p><p class="muted">${escapeHtml(TEXTS.genuineHint[language])}</p></section>` +
    `<section class="card"><h1>${escapeHtml(RECEIPT_LABELS.title[language])}</h1>` +
    `<span class="status ${receiptTone(receipt)}">${escapeHtml(STATUS_NAMES[receipt.status][language])}</span>` +
    `${rowsTable(receiptRows(ctx, receipt, language))}</section>`
  );
}

function notFoundBody(ctx: AppContext, language: Language): string {
  const hint = format(TEXTS.notFoundHint[language], { phone: ctx.config.contactCenterPhone });
  return `<section class="card forged"><h1 class="verdict">${escapeHtml(TEXTS.notFound[language])}</h1><p>${escapeHtml(hint)}</p></section>`;
}

export async function receiptCheckRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get(
    '/r/*',
    {
      config: { rateLimit: 'lookup' },
      schema: {
        tags: ['operations'],
        summary: 'The page a receipt’s QR code opens: whether the bank issued it (HTML)',
        hide: true,
        params: Type.Object({ '*': Type.String() }),
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 8 })) }),
      },
    },
    async (request, reply) => {
      const asked = request.query.lang;
      const language = isLanguage(asked) ? asked : pickLanguage(request.headers['accept-language']);
      const code = request.params['*'];
      const receipt = await receiptForCode(ctx, code);
      const page = receiptPageHtml(ctx.config, {
        language,
        title: TEXTS.title[language],
        body: languageLinks(code, language) + (receipt ? genuineBody(ctx, receipt, language) : notFoundBody(ctx, language)),
        footer: format(TEXTS.contact[language], { phone: ctx.config.contactCenterPhone }),
      });
      return reply
        .code(receipt ? 200 : 404)
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', language)
        .header('content-security-policy', RECEIPT_PAGE_CSP)
        .header('x-robots-tag', 'noindex')
        .send(page);
    },
  );
}
