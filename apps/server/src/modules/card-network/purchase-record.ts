import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { CardForPayment } from '../cards/index.js';
import { type DeclineReason, type PurchaseRecipient, recordCardPurchase } from '../operations/index.js';
import { insertAuthorisation } from './authorisations.repo.js';
import type { CardAuthorisation, Channel } from './card-network.types.js';
import { purchaseOperationId } from './ids.js';
import type { PurchaseMessage } from './message-schemas.js';

/** What the engine decided for a purchase: the hold it placed, or why not. */
export type PurchaseOutcome =
  | { approved: { holdId: string; authorisationCode: string; internetCountedMinor: bigint; holdExpiresAt: Date } }
  | { declined: DeclineReason };

export interface PurchaseToRecord {
  network: string;
  card: CardForPayment;
  message: PurchaseMessage;
  source: CardAuthorisation['source'];
  channel: Channel;
  outcome: PurchaseOutcome;
  /** DE39 of the detail row: the engine's answer, or an advice's network decision. */
  responseCode: string;
  now: Date;
  /** The notice's recipient as read before the transaction (operations reads it when absent). */
  recipient?: PurchaseRecipient | null;
}

const DAY_MS = 86_400_000;

/** A hold lives CARD_AUTHORISATION_HOLD_DAYS; a clearing after it finds the purchase reversed. */
export function holdExpiry(ctx: AppContext, now: Date): Date {
  return new Date(now.getTime() + ctx.config.cards.authorisationHoldDays * DAY_MS);
}

/**
 * Writes a decided purchase, accepted or declined, in the decision's transaction: the operation
 * in the customer's history (with its notice) and the detail row with the network's identifiers.
 * The customer's record names the card by its last four digits only; the PAN goes no further.
 */
export async function recordPurchase(tx: Tx, ctx: AppContext, purchase: PurchaseToRecord): Promise<string> {
  const { card, message, outcome, now } = purchase;
  const operationId = purchaseOperationId(purchase.network, message.rrn);
  const approved = 'approved' in outcome ? outcome.approved : null;
  await recordCardPurchase(tx, ctx, {
    operationId,
    customerId: card.customerId,
    accountId: card.accountId,
    amountMinor: BigInt(message.amountMinor),
    currency: card.currency,
    merchantName: message.merchantName.trim(),
    cardId: card.cardId,
    cardLast4: message.pan.slice(-4),
    outcome: approved
      ? { status: 'authorised' }
      : { status: 'declined', reason: 'declined' in outcome ? outcome.declined : 'declined-by-network' },
    now,
    recipient: purchase.recipient,
  });
  await insertAuthorisation(tx, {
    operationId,
    network: purchase.network,
    rrn: message.rrn,
    stan: message.stan,
    cardId: card.cardId,
    customerId: card.customerId,
    accountId: card.accountId,
    source: purchase.source,
    status: approved ? 'approved' : 'declined',
    responseCode: purchase.responseCode,
    authorisationCode: approved?.authorisationCode ?? null,
    holdId: approved?.holdId ?? null,
    amountMinor: BigInt(message.amountMinor),
    currency: card.currency,
    clearedAmountMinor: null,
    internetCountedMinor: approved?.internetCountedMinor ?? 0n,
    channel: purchase.channel,
    posEntryMode: message.posEntryMode,
    mcc: message.mcc,
    merchantId: message.merchantId,
    merchantName: message.merchantName.trim(),
    merchantCity: message.merchantCity?.trim() ?? null,
    merchantCountry: message.merchantCountry ?? null,
    terminalId: message.terminalId ?? null,
    authorisedAt: now,
    holdExpiresAt: approved?.holdExpiresAt ?? null,
    resolvedAt: null,
  });
  return operationId;
}

/** `first6******last4`: all of DE2 an answer or a log may carry (PCI DSS 3.4.1). */
export function maskedPanOf(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}
