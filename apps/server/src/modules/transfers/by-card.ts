import { ProblemError } from '../../shared/problem.js';
import { type CardForPayment, findCardByPan } from '../cards/index.js';
import { findCustomerById, maskName } from '../identity/index.js';
import type { DeclineReason } from '../operations/index.js';
import { cardReference, checkedCardNumber, panHmac, SEAL_PURPOSE } from './card-number.js';
import { type CardPayee, type Draft, draftOf, newRecord, ownedAccount, type Resolving, type TransferDetails } from './draft.js';
import { feeSchedule } from './fees.js';
import { countUnknownPayee, payeeLookupsProblem } from './payee-lookup.js';
import { TransferProblem } from './transfers.errors.js';

/**
 * By card number (issue 14 item 7). A Kassa card (found through the vault's HMAC look-up) is
 * credited at once to its account, as a phone transfer is, and the record names its holder by the
 * masked name; one of the customer's own cards on another account is a move between own accounts
 * (no code, no limit, RTS art. 15). A number in Kassa's BIN that no card has is declined
 * ("recipient not found") and counts as an unknown payee (SECURITY.md 36). Any other number is
 * another bank's card: the money goes to clearing, the credit is sent through the card network
 * after the commit (card-send.ts), and the transfer is `sent`, with the configured fee.
 */
export async function resolveCard(r: Resolving): Promise<Draft> {
  const pan = checkedCardNumber(r.request.cardNumber);
  const record = newRecord(r, 'transfer.card');
  record.payeeReference = cardReference(pan);
  const payee: CardPayee = {
    cardId: null,
    first6: pan.slice(0, 6),
    last4: pan.slice(-4),
    panHmac: panHmac(r.ctx.config.keyring, pan),
    panSealed: null,
  };
  const details: TransferDetails = { payeePhone: null, payeeIban: null, payeeName: null, payeeTaxId: null, card: payee };
  const card = await findCardByPan(r.ctx.db, r.ctx, pan);
  if (card) return toKassaCard(r, record, details, card);
  if (pan.startsWith(r.ctx.config.cards.product.bin)) {
    const counted = await countUnknownPayee(r.ctx, {
      customerId: r.customer.id,
      reference: pan,
      via: 'transfer',
      meta: r.meta,
      now: r.now,
    });
    if (!counted.ok) throw payeeLookupsProblem(counted.retryAfterSeconds);
    return draftOf(r, record, details, { declined: 'recipient-not-found' });
  }
  record.feeMinor = feeSchedule(r.ctx.config).cardOtherBank[r.request.currency];
  // Sealed to this operation's id: a value copied into another row does not open there.
  payee.panSealed = r.ctx.config.keyring.seal(SEAL_PURPOSE, pan, record.id);
  return draftOf(r, record, details);
}

/** A closed or expired card takes no money; a frozen one still does (freezing stops spending, not receiving). */
const CARD_DECLINES: Readonly<Record<CardForPayment['status'], DeclineReason | null>> = {
  active: null,
  frozen: null,
  closed: 'card-closed',
  expired: 'card-expired',
};

async function toKassaCard(r: Resolving, record: Draft['record'], details: TransferDetails, card: CardForPayment): Promise<Draft> {
  if (card.accountId === r.source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
  if (details.card) details.card.cardId = card.cardId;
  const holder = card.customerId === r.customer.id ? r.customer : await findCustomerById(r.ctx.db, card.customerId);
  if (holder?.status !== 'active') return draftOf(r, record, details, { declined: 'recipient-not-found' });
  record.payeeAccountId = card.accountId;
  record.payeeCustomerId = holder.id;
  // The customer's own card names its account (view.ts); anyone else's, its holder as the SMS will.
  record.payeeLabel = holder.id === r.customer.id ? null : maskName(holder.fullName);
  record.feeMinor = feeSchedule(r.ctx.config).cardThisBank;
  const extra: Partial<Draft> = {};
  if (holder.id === r.customer.id) {
    const destination = await ownedAccount(r.ctx.db, r.customer.id, card.accountId);
    if (destination)
      extra.ownAccounts = new Map([
        [r.source.id, r.source],
        [destination.id, destination],
      ]);
  }
  const declined = CARD_DECLINES[card.status] ?? (card.currency !== r.request.currency ? 'currency-mismatch' : null);
  return draftOf(r, record, details, { ...extra, declined });
}
