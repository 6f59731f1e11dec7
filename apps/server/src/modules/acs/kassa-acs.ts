import type { AppContext } from '../../context.js';
import { type CannotPay, cannotPayPreview, findCardByPan } from '../cards/index.js';
import { findCustomerById } from '../identity/index.js';
import { CURRENCIES, CURRENCY_CODES, type Currency } from '../ledger/index.js';
import { cardHasPaidMerchant } from './acs.repo.js';
import type { AcsReason } from './acs.types.js';
import type { Decision } from './decision.js';
import type { AReq } from './emv-messages.js';

/**
 * Kassa's ACS decides an AReq for one of the bank's own cards (issue 15 item 4), before any code is
 * sent, in this order:
 *   1. R (rejected) with the reason: no such card, the expiry is not the card's, another currency
 *      than the card's, or what the issuer's engine would refuse at the authorisation (cards'
 *      cannotPayPreview, read without the card's lock: frozen, closed, expired, the bank's block,
 *      internet payments off, over the internet limits per purchase, day or month);
 *   2. Y (frictionless) when the risk is low: at most CARD_3DS_FRICTIONLESS_MAX_MINOR in tenge, at a merchant
 *      the card has paid before after an authentication;
 *   3. otherwise C: a challenge, an SMS code to the cardholder's phone (the card's customer).
 * The engine decides again, under the card's lock, at the authorisation: this is the customer's
 * early answer, not the bank's last word.
 */

/** The frictionless ceiling (config cards.frictionlessMaxMinor) is in tenge: a purchase in another currency always asks. */
const FRICTIONLESS_CURRENCY: Currency = 'KZT';

const CANNOT_PAY_REASONS: Readonly<Record<CannotPay | 'card-unknown', AcsReason>> = {
  'card-unknown': 'card-unknown',
  'card-frozen': 'card-frozen',
  'card-closed': 'card-closed',
  'card-expired': 'card-expired',
  'customer-blocked': 'customer-blocked',
  'channel-disabled': 'internet-off',
  'limit-per-operation': 'limit-per-operation',
  'limit-per-day': 'limit-per-day',
  'limit-per-month': 'limit-per-month',
  'limit-purchases-per-day': 'limit-purchases-per-day',
};

export function currencyOfNumeric(numeric: string): Currency | null {
  return CURRENCY_CODES.find((code) => CURRENCIES[code].numericCode === numeric) ?? null;
}

export async function decideKassa(ctx: AppContext, aReq: AReq, now: Date): Promise<Decision> {
  const card = await findCardByPan(ctx.db, ctx, aReq.acctNumber);
  if (!card) return { status: 'R', reason: 'card-unknown', card: null };
  const owner = { cardId: card.cardId, customerId: card.customerId };
  const amountMinor = BigInt(aReq.purchaseAmount);
  if (aReq.cardExpiryDate !== card.expiryYymm) return { status: 'R', reason: 'card-wrong-expiry', card: owner };
  const currency = currencyOfNumeric(aReq.purchaseCurrency);
  if (currency !== card.currency) return { status: 'R', reason: 'currency-mismatch', card: owner };
  const cannot = await cannotPayPreview(ctx.db, ctx, { cardId: card.cardId, channel: 'internet', amountMinor, now });
  if (cannot) return { status: 'R', reason: CANNOT_PAY_REASONS[cannot], card: owner };
  if (
    currency === FRICTIONLESS_CURRENCY &&
    amountMinor <= ctx.config.cards.frictionlessMaxMinor &&
    (await cardHasPaidMerchant(ctx.db, card.cardId, aReq.acquirerMerchantID))
  ) {
    return { status: 'Y', card: owner };
  }
  const customer = await findCustomerById(ctx.db, card.customerId);
  if (!customer?.phone) return { status: 'R', reason: 'no-phone', card: owner };
  return {
    status: 'C',
    card: owner,
    challenge: { kind: 'sms', phone: customer.phone, language: customer.language, currency, last4: aReq.acctNumber.slice(-4) },
  };
}
