import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { formatMoney } from '../../shared/money.js';
import { type Currency, type LedgerDecline, postOperation } from '../ledger/index.js';
import { notifyCustomer } from '../notifications/index.js';
import { takeLock } from '../risk/index.js';
import { purchaseRecipient } from './card-purchases.js';
import { outcomeBody, outcomeTitle } from './operations.messages.js';
import { insertOperation } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/**
 * A merchant's refund of an online purchase made with a Kassa card (issue 15 item 5): the money
 * goes from the merchant's settlement account (the ledger's merchant_settlement, owned by the
 * acquiring module) back to the account of the card that paid, as a new operation in the
 * cardholder's history ("Возврат: Demo Shop", kind refund.card_purchase), told like a purchase.
 * Like the bank's credits (bank-credit.ts) it is no request of the customer's: no code, no limit.
 *
 * Exactly once: the record's and the ledger operation's ids derive from the refund's id, so a
 * second call for the same refund collides on both primary keys; the caller (acquiring/money)
 * also claims the refund in a row of its own first, in the same transaction.
 */

export interface CardRefundInput {
  /** The refund's id at the acquirer (`re_…`): one credit per refund, ever. */
  refundId: string;
  customerId: string;
  /** The card's account, credited. */
  accountId: string;
  /** The merchant's settlement account, debited; the ledger declines if it cannot cover it. */
  paidFromAccountId: string;
  currency: Currency;
  amountMinor: bigint;
  /** The merchant as the purchase named it (DE43). */
  merchantName: string;
  /** The card as the purchase's record named it ("•••• 1234"). */
  cardReference: string | null;
  now: Date;
}

type CardRefundResult = { ok: true; operationId: string; ledgerOperationId: string } | { ok: false; decline: LedgerDecline };

function derivedId(purpose: 'record' | 'ledger', refundId: string): string {
  return `op_${createHash('sha256').update(`${purpose}\nrefund.card_purchase\n${refundId}`).digest('hex').slice(0, 32)}`;
}

/** Posts the refund and records it, in the caller's transaction; a ledger decline writes nothing. */
export async function creditCardRefund(tx: Tx, ctx: AppContext, input: CardRefundInput): Promise<CardRefundResult> {
  assert(tx.inTransaction, 'a refund runs inside the transaction that decides it');
  assert(input.amountMinor > 0n, 'a refund is a positive amount');
  const operationId = derivedId('record', input.refundId);
  const ledgerOperationId = derivedId('ledger', input.refundId);
  // Read before the ledger's locks, as the purchase reads its notice's recipient.
  const recipient = await purchaseRecipient(tx, input.customerId);
  takeLock(tx, 'ledger-accounts');
  const posted = await postOperation(tx, {
    operationId: ledgerOperationId,
    kind: 'refund.card_purchase',
    description: input.merchantName,
    postings: [
      { accountId: input.paidFromAccountId, currency: input.currency, amountMinor: -input.amountMinor },
      { accountId: input.accountId, currency: input.currency, amountMinor: input.amountMinor },
    ],
  });
  if (!posted.ok) return { ok: false, decline: posted.decline };
  const record: OperationRecord = {
    id: operationId,
    customerId: input.customerId,
    kind: 'refund.card_purchase',
    status: 'completed',
    sourceAccountId: null,
    payeeAccountId: input.accountId,
    payeeCustomerId: input.customerId,
    payeeLabel: input.merchantName,
    payeeReference: input.cardReference,
    amountMinor: input.amountMinor,
    feeMinor: 0n,
    currency: input.currency,
    purposeCode: null,
    description: null,
    scaExemption: null,
    challengeId: null,
    declineReason: null,
    ledgerOperationId,
    idempotencyKey: null,
    createdAt: input.now,
    expiresAt: null,
    completedAt: input.now,
  };
  await insertOperation(tx, record);
  if (recipient) {
    const { customer, settings } = recipient;
    const language = customer.language;
    const payee = input.cardReference ? `${input.merchantName} (${input.cardReference})` : input.merchantName;
    const body = outcomeBody(
      record.kind,
      false,
      { amount: formatMoney(input.amountMinor, input.currency, language), payee, reason: '' },
      language,
    );
    await notifyCustomer(tx, {
      customerId: customer.id,
      phone: customer.phone,
      language,
      event: 'accepted',
      kind: 'card.refund.completed',
      title: outcomeTitle(false, language),
      body,
      sms: `${ctx.config.officialDomain}: ${body}`,
      settings,
    });
  }
  return { ok: true, operationId, ledgerOperationId };
}
