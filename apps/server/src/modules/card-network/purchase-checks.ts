import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import type { CannotPay, CardChannel, CardForPayment } from '../cards/index.js';
import { CURRENCIES, CURRENCY_CODES, type Currency, type LedgerDecline } from '../ledger/index.js';
import type { DeclineReason } from '../operations/index.js';
import type { Channel } from './card-network.types.js';
import type { PurchaseMessage } from './message-schemas.js';

/**
 * The checks of an authorisation that need no lock, in the order the engine makes them (issue 14
 * item 6): the card's status, the expiry presented, the bank's block, the CVC2 when one came, the
 * currency, the kind of operation and the channel. The card's row is locked afterwards, where
 * cards checks the status again with the controls and the limits, and counts (chargeCardUse):
 * these early checks give the answer its code in the order the brief sets, the locked ones decide.
 */

/** DE49's numeric code as the ledger's currency; null for one the bank keeps no accounts in. */
export function currencyOfNumeric(numeric: string): Currency | null {
  return CURRENCY_CODES.find((code) => CURRENCIES[code].numericCode === numeric) ?? null;
}

// DE22 positions 1-2, the PAN entry mode: the card was not there (typed on a site, by mail or
// phone, kept on file) or was tapped; anything else (chip, stripe) needs a plastic card.
const CARD_NOT_PRESENT_ENTRY = ['81', '01', '10'];
const CONTACTLESS_ENTRY = ['07', '91'];

/** DE3 positions 1-2: 00 a purchase, 01 cash. Refunds, balance enquiries and the rest are not built. */
const PURCHASE = '00';
const CASH = '01';

export type Use = { channel: Channel; control: CardChannel } | { unsupported: true };

/**
 * How the customer paid, and which of the card's switches decides: the internet (and its limits)
 * for a purchase without the card, contactless for a tap, cash for DE3 01. A virtual card has no
 * chip or stripe, so a card-present read of one is refused until a physical card exists.
 */
export function useOf(message: Pick<PurchaseMessage, 'processingCode' | 'posEntryMode'>): Use {
  const transaction = message.processingCode.slice(0, 2);
  const entry = message.posEntryMode.slice(0, 2);
  const channel: Channel | null = CARD_NOT_PRESENT_ENTRY.includes(entry)
    ? 'ecommerce'
    : CONTACTLESS_ENTRY.includes(entry)
      ? 'contactless'
      : null;
  if (!channel || (transaction !== PURCHASE && transaction !== CASH)) return { unsupported: true };
  if (transaction === CASH) return { channel, control: 'cash' };
  return { channel, control: channel === 'ecommerce' ? 'internet' : 'contactless' };
}

const CHANNEL_OFF: Readonly<Record<CardChannel, DeclineReason>> = {
  internet: 'card-internet-off',
  contactless: 'card-contactless-off',
  cash: 'card-cash-off',
};

/** cards' reason a card cannot pay, in the customer's words (operations' decline reasons). */
export function declineOfCannotPay(reason: CannotPay, card: Pick<CardForPayment, 'kind'>, control: CardChannel): DeclineReason {
  switch (reason) {
    case 'card-frozen':
    case 'card-expired':
    case 'customer-blocked':
      return reason;
    // A single-use card is closed by its first purchase; the customer reads why a second one fails.
    case 'card-closed':
      return card.kind === 'single_use' ? 'card-single-use-spent' : 'card-closed';
    case 'channel-disabled':
      return CHANNEL_OFF[control];
    case 'limit-per-operation':
      return 'card-limit-per-operation';
    case 'limit-per-day':
      return 'card-limit-per-day';
    case 'limit-per-month':
      return 'card-limit-per-month';
    case 'limit-purchases-per-day':
      return 'card-limit-purchases-per-day';
  }
}

/** The ledger's refusal of the hold, in the customer's words. */
export const HOLD_DECLINES: Readonly<Record<LedgerDecline, DeclineReason>> = {
  'insufficient-funds': 'insufficient-funds',
  'account-frozen': 'account-frozen',
  'account-closed': 'account-closed',
  'currency-mismatch': 'currency-mismatch',
  // A hold carries no balance ceiling; a debit cannot raise a balance past one.
  'balance-cap-exceeded': 'wallet-limit',
};

export interface EarlyCheckInput {
  card: CardForPayment;
  message: PurchaseMessage;
  /** Whether the CVC2 sent is the card's; null when none was sent. */
  cvc2Matched: boolean | null;
}

/** The first refusal of the unlocked checks, or null when the card may go on to its lock. */
export async function earlyDecline(q: Queryable, ctx: AppContext, input: EarlyCheckInput): Promise<DeclineReason | null> {
  const { card, message } = input;
  if (card.status !== 'active') {
    return declineOfCannotPay(
      card.status === 'frozen' ? 'card-frozen' : card.status === 'closed' ? 'card-closed' : 'card-expired',
      card,
      'internet',
    );
  }
  if (message.expiry !== undefined && message.expiry !== card.expiryYymm) return 'card-wrong-expiry';
  if (await ctx.blocks.outgoingRefusal(q, card.customerId)) return 'customer-blocked';
  if (input.cvc2Matched === false) return 'card-wrong-cvc2';
  if (currencyOfNumeric(message.currency) !== card.currency) return 'currency-mismatch';
  if ('unsupported' in useOf(message)) return 'card-transaction-not-supported';
  return null;
}
