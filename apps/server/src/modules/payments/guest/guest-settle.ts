import { createHash } from 'node:crypto';
import type { AppContext, CardPaymentEndedHook } from '../../../context.js';
import type { Tx } from '../../../db/database.js';
import { formatDateTime } from '../../../shared/datetime.js';
import { format } from '../../../shared/i18n.js';
import { formatMoney } from '../../../shared/money.js';
import { merchantAccountId, type PostingInput, postOperation, providerAccountId, systemAccountId } from '../../ledger/index.js';
import { queueSms } from '../../notifications/index.js';
import { takeLock } from '../../risk/index.js';
import { selectProvider } from '../catalogue.repo.js';
import { GUEST_RECEIPT_SMS } from './guest.messages.js';
import { endGuestPayment, type GuestPayment, insertGuestServicePayment, lockGuestPaymentOfCard } from './guest.repo.js';
import { openReceiptPhone } from './guest.service.js';

type EndedCardPayment = Parameters<CardPaymentEndedHook>[1];

/**
 * The end of a guest's card payment (ctx.hooks.cardPaymentsEnded), in the transaction that gives
 * the card payment its final status, so each happens exactly once with it, across crashes:
 *  - succeeded: one ledger operation moves what the capture credited the bank's merchant (amount +
 *    fee; its MDR is 0, guest.service.ts) to the provider's settlement account and the fee to
 *    bank_fees; the guest's service_payments row is written, due for the provider at once; the
 *    receipt SMS is queued to the phone the guest gave, which is forgotten in the same commit;
 *  - failed or canceled: nothing moved; the payment fails with the card payment's reason.
 * A posting the ledger declines throws: the card payment's end rolls back with it and the
 * acquiring sweep tries again (the merchant's balance cannot be short: it is never paid out).
 */
export async function settleGuestPayment(ctx: AppContext, tx: Tx, card: EndedCardPayment, now: Date): Promise<void> {
  if (card.merchantId !== ctx.config.guestPayments.merchantId) return;
  takeLock(tx, 'operation');
  const found = await lockGuestPaymentOfCard(tx, card.id);
  if (found?.payment.status !== 'awaiting_card') return;
  const { payment, secrets } = found;
  if (card.status !== 'succeeded') {
    const failureCode = card.status === 'canceled' ? 'canceled' : (card.failureCode ?? 'processing_error');
    await endGuestPayment(tx, {
      id: payment.id,
      status: 'failed',
      ledgerOperationId: null,
      failureCode,
      cardLast4: card.cardLast4,
      endedAt: now,
    });
    return;
  }
  const ledgerOperationId = await moveToProvider(tx, payment, card);
  await insertGuestServicePayment(tx, payment, now);
  await endGuestPayment(tx, {
    id: payment.id,
    status: 'paid',
    ledgerOperationId,
    failureCode: null,
    cardLast4: card.cardLast4,
    endedAt: now,
  });
  if (secrets.receiptPhoneSealed) {
    const phone = openReceiptPhone(ctx, payment.id, secrets.receiptPhoneSealed);
    await queueSms(tx, { to: phone, text: await receiptText(ctx, tx, payment, card.cardLast4, now), purpose: 'guest-payment-receipt' });
  }
  ctx.log.info({ guestPaymentId: payment.id, cardPaymentId: card.id, ledgerOperationId }, 'guest payment paid');
}

function ledgerIdOf(guestPaymentId: string): string {
  return `op_${createHash('sha256').update(`guest-service-payment\n${guestPaymentId}`).digest('hex').slice(0, 32)}`;
}

async function moveToProvider(tx: Tx, payment: GuestPayment, card: EndedCardPayment): Promise<string> {
  const total = payment.amountMinor + payment.feeMinor;
  if (card.capturedMinor !== total) throw new Error(`guest payment ${payment.id}: captured ${card.capturedMinor}, expected ${total}`);
  const { currency } = payment;
  const postings: PostingInput[] = [
    { accountId: merchantAccountId(card.merchantId, currency), currency, amountMinor: -total },
    { accountId: providerAccountId(payment.providerId, currency), currency, amountMinor: payment.amountMinor },
  ];
  if (payment.feeMinor > 0n) postings.push({ accountId: systemAccountId('bank_fees', currency), currency, amountMinor: payment.feeMinor });
  const operationId = ledgerIdOf(payment.id);
  takeLock(tx, 'ledger-accounts');
  const posted = await postOperation(tx, {
    operationId,
    kind: 'payment.service.guest',
    description: `Guest payment ${payment.id}`,
    postings,
  });
  if (!posted.ok)
    throw new Error(`guest payment ${payment.id}: the ledger declined the move to the provider (${posted.decline} on ${posted.accountId})`);
  return operationId;
}

async function receiptText(ctx: AppContext, tx: Tx, payment: GuestPayment, last4: string | null, now: Date): Promise<string> {
  const provider = await selectProvider(tx, payment.providerId);
  const language = payment.language;
  const money = (amount: bigint) => formatMoney(amount, payment.currency, language);
  return format(GUEST_RECEIPT_SMS[language], {
    provider: provider?.name[language] ?? payment.providerId,
    account: payment.accountLabel,
    amount: money(payment.amountMinor),
    fee: money(payment.feeMinor),
    total: money(payment.amountMinor + payment.feeMinor),
    last4: last4 ?? '••••',
    at: formatDateTime(now, language, ctx.config.bankTimeZone, 'short'),
    id: payment.id,
  });
}
