import type { AppContext } from '../../context.js';
import { format, type LANGUAGES, type Localized } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { selectProvider } from './catalogue.repo.js';
import { settleGuestPayment } from './guest/guest-settle.js';
import { RECEIPT_DETAIL_LABELS as LABELS, PROVIDER_STATUS_TEXTS } from './paying.messages.js';
import { selectServicePayment, voidServicePayments } from './payments.repo.js';

const KIND = 'payment.service';

/**
 * What service payments add to the operations' and card payments' life cycles (context.ts hooks): an operation that
 * ended without its money moving is never told to the provider; a receipt names the provider,
 * its BIN, the account paid, the lines of the bill and the provider's own number for the payment.
 */
export function registerServicePaymentHooks(ctx: AppContext): void {
  // A guest's card payment ended: the money goes on to the provider in the same commit (guest/guest-settle.ts).
  ctx.hooks.cardPaymentsEnded.push((tx, payment, now) => settleGuestPayment(ctx, tx, payment, now));
  ctx.hooks.operationsEnded.push(async (tx, ended) => {
    await voidServicePayments(
      tx,
      ended.filter((record) => record.kind === KIND).map((record) => record.id),
    );
  });
  ctx.hooks.receiptDetails.push(async (q, record) => {
    if (record.kind !== KIND) return null;
    const payment = await selectServicePayment(q, record.id);
    const provider = payment ? await selectProvider(q, payment.providerId) : null;
    if (!payment || !provider) return null;
    const same = (value: string): Localized => ({ ru: value, kk: value, en: value });
    const rows = [
      { label: LABELS.provider, value: same(provider.legalName) },
      { label: LABELS.providerBin, value: same(provider.bin) },
      { label: LABELS.account, value: same(payment.accountLabel) },
    ];
    for (const line of payment.lines ?? []) {
      const label = perLanguage((language) => format(LABELS.line[language], { name: line.name[language] }));
      rows.push({ label, value: perLanguage((language) => formatMoney(line.amountMinor, provider.currency, language)) });
    }
    if (payment.providerReference) rows.push({ label: LABELS.providerReference, value: same(payment.providerReference) });
    rows.push({ label: LABELS.providerStatus, value: PROVIDER_STATUS_TEXTS[payment.providerStatus] });
    return rows;
  });
}

function perLanguage(text: (language: (typeof LANGUAGES)[number]) => string): Localized {
  return { ru: text('ru'), kk: text('kk'), en: text('en') };
}
