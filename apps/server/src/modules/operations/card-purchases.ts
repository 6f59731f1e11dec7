import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { formatMoney } from '../../shared/money.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import type { Currency } from '../ledger/index.js';
import { getNotificationSettings, type NotificationSettings, notifyCustomer } from '../notifications/index.js';
import { completeAuthorised, insertPurchase, reverseAuthorised } from './card-purchases.repo.js';
import { DECLINE_REASON_TEXTS, notYouLine, outcomeBody, outcomeTitle } from './operations.messages.js';
import type { DeclineReason, OperationRecord } from './operations.types.js';

/**
 * Card purchases in the one record of every operation (issue 14 item 6): the card network's
 * messages decide them (modules/card-network), not a customer's request, so they take none of the
 * request's steps (no Idempotency-Key of the customer's, no SMS code: the network's own keys and
 * the card's controls stand for them). What they share with every other operation is the record:
 * the history shows accepted and declined purchases with the merchant and the reason, the
 * statement and the receipt read it, the notice tells the customer.
 *
 *   approved  -> written `authorised` (the money held on the account) -> completed by the
 *                clearing (the hold posted) | reversed (the hold voided: a reversal or its expiry)
 *   declined  -> written `declined` with its reason; final.
 *
 * The caller (card-network) owns the ids, the ledger hold and the idempotency of the messages;
 * this file writes and moves the record in the caller's transaction.
 */

export interface CardPurchaseInput {
  /** `op_…`, derived by the caller from the network's message, so a purchase is recorded once. */
  operationId: string;
  customerId: string;
  /** The card's account: the money is held and debited there. */
  accountId: string;
  amountMinor: bigint;
  currency: Currency;
  /** The merchant as the network names it (DE43): the payee people read in the history. */
  merchantName: string;
  /** The card's id (`crd_…`): the purchase's detail row, for the card's own history (?cardId=). */
  cardId: string;
  /** The card's last four digits, "•••• 1234" in the record: which card paid, never its number. */
  cardLast4: string;
  outcome: { status: 'authorised' } | { status: 'declined'; reason: DeclineReason };
  now: Date;
  /**
   * Whom the notice goes to and on which channels, when the caller read them before its
   * transaction (purchaseRecipient; the card's lock is not held for those reads); read here otherwise.
   */
  recipient?: PurchaseRecipient | null;
}

/** The customer a purchase's notice goes to, with their choice of channels. */
export interface PurchaseRecipient {
  customer: Pick<Customer, 'id' | 'phone' | 'language'>;
  settings: NotificationSettings;
}

/** Reads a purchase notice's recipient, for a caller that does it before its transaction; null for no such customer. */
export async function purchaseRecipient(q: Queryable, customerId: string): Promise<PurchaseRecipient | null> {
  const customer = await findCustomerById(q, customerId);
  return customer ? { customer, settings: await getNotificationSettings(q, customerId) } : null;
}

const LAST4 = /^[0-9]{4}$/;
const CARD_ID = /^crd_[0-9a-f]{32}$/;

/** Writes the purchase's record, authorised or declined, and tells the customer through the outbox. */
export async function recordCardPurchase(tx: Tx, ctx: AppContext, input: CardPurchaseInput): Promise<OperationRecord> {
  assert(tx.inTransaction, 'a card purchase is recorded in the transaction that decides it');
  assert(input.amountMinor > 0n, 'a card purchase is a positive amount');
  assert(LAST4.test(input.cardLast4), 'a card is named by its last four digits');
  assert(CARD_ID.test(input.cardId), 'a card purchase names the card that made it');
  const declined = input.outcome.status === 'declined' ? input.outcome.reason : null;
  const record: OperationRecord = {
    id: input.operationId,
    customerId: input.customerId,
    kind: 'card.purchase',
    status: input.outcome.status,
    sourceAccountId: input.accountId,
    payeeAccountId: null,
    payeeCustomerId: null,
    payeeLabel: input.merchantName,
    payeeReference: `•••• ${input.cardLast4}`,
    amountMinor: input.amountMinor,
    feeMinor: 0n,
    currency: input.currency,
    purposeCode: null,
    description: null,
    scaExemption: null,
    challengeId: null,
    declineReason: declined,
    ledgerOperationId: null,
    idempotencyKey: null,
    createdAt: input.now,
    expiresAt: null,
    // A decline is final when it is written; an authorisation completes when it clears.
    completedAt: declined ? input.now : null,
  };
  await insertPurchase(tx, record, input.cardId);
  const recipient = input.recipient === undefined ? await purchaseRecipient(tx, record.customerId) : input.recipient;
  if (recipient) await notifyPurchase(tx, ctx, record, recipient);
  return record;
}

/** The clearing posted the hold: the purchase is completed, for the amount debited. */
export async function completeCardPurchase(
  tx: Tx,
  operationId: string,
  settled: { ledgerOperationId: string; amountMinor: bigint; at: Date },
): Promise<void> {
  assert(settled.amountMinor > 0n, 'a clearing debits a positive amount');
  const moved = await completeAuthorised(tx, operationId, settled);
  assert(moved, `card purchase ${operationId} is not authorised for that amount, so it cannot complete`);
}

/** The hold was voided (the merchant's reversal, or no clearing in time): nothing was debited. */
export async function reverseCardPurchase(tx: Tx, operationId: string, at: Date): Promise<void> {
  const moved = await reverseAuthorised(tx, operationId, at);
  assert(moved, `card purchase ${operationId} is not authorised, so it cannot be reversed`);
}

/**
 * SMS-informing (the memo: "review accepted and declined operations"): the customer hears of each
 * purchase when it is decided, on the channels they chose, with the merchant and the card. The
 * clearing that follows an approval is no news: the money was already held and announced.
 */
async function notifyPurchase(tx: Tx, ctx: AppContext, record: OperationRecord, { customer, settings }: PurchaseRecipient): Promise<void> {
  assert(customer.id === record.customerId, 'a purchase notice goes to the card’s customer');
  const language = customer.language;
  const declined = record.status === 'declined';
  const words = {
    amount: formatMoney(record.amountMinor, record.currency, language),
    payee: `${record.payeeLabel ?? ''} (${record.payeeReference ?? ''})`,
    reason: record.declineReason ? DECLINE_REASON_TEXTS[record.declineReason][language] : '',
  };
  const body = outcomeBody(record.kind, declined, words, language);
  await notifyCustomer(tx, {
    customerId: customer.id,
    phone: customer.phone,
    language,
    event: declined ? 'declined' : 'accepted',
    kind: `card.purchase.${record.status}`,
    title: outcomeTitle(declined, language),
    body,
    // Either way "not you?": a purchase the customer did not make, approved or refused, is the memo's alarm.
    sms: `${ctx.config.officialDomain}: ${body} ${notYouLine(ctx.config.contactCenterPhone, language)}`,
    settings,
  });
}
