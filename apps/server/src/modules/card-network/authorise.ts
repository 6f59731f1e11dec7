import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type AuthenticationRefusal, recordAuthenticatedApproval, verifyAuthenticationValue } from '../acs/index.js';
import { holdAuditChain, recordAuditAlone } from '../audit/index.js';
import {
  type CardForPayment,
  cannotPayPreview,
  chargeCardUse,
  findCardByPresentedPan,
  markSingleUseSpent,
  releaseCardUse,
} from '../cards/index.js';
import { placeHold } from '../ledger/index.js';
import { type DeclineReason, purchaseRecipient } from '../operations/index.js';
import { checkMoneyOut, type MoneyOut, recordMoneyOut, takeLock } from '../risk/index.js';
import type { NetworkCaller } from './card-network.types.js';
import { newAuthorisationCode, purchaseHoldId } from './ids.js';
import type { AuthorisationRequest, NetworkAnswer } from './message-schemas.js';
import { answerOf, type Decided, decideOnce, type MessageIdentity } from './once.js';
import { declineOfCannotPay, earlyDecline, HOLD_DECLINES, type Use, useOf } from './purchase-checks.js';
import { holdExpiry, maskedPanOf, type PurchaseOutcome, recordPurchase } from './purchase-record.js';
import { DECLINE_CODES } from './response-codes.js';

/**
 * The issuer's answer to an authorisation request (0100 → 0110; issue 14 item 6). In order:
 *   the message's signature (the routes, before this), the card by its PAN (vault HMAC; 14), its
 *   status (62 frozen or closed, 54 expired), the expiry presented (54), the bank's block of the
 *   customer (62), the CVC2 when present (N7), the currency (57), the kind of operation (12);
 *   the 3-D Secure result when the message carries one, and always on-us (modules/acs: Y/A with
 *   an unused value bound to this card, amount, currency and merchant; else 05 with the reason);
 *   then under the card's lock its controls and internet limits, counted (57, 61); the e-money
 *   caps (risk; 61); the available balance, by placing the hold (ledger; 51).
 * Approved: a hold on the card's account, derived from the message so it is placed once, a DE38
 * code, 00; a single-use card closes in the same transaction. Accepted and declined alike are
 * written to the customer's history with the merchant and the reason (response-codes.ts has why
 * each reason has its code).
 *
 * Locks, in risk/lock-order.ts's order: the message identity (idempotency-key), the ACS's row of
 * the 3-D Secure result (acs verifyAuthenticationValue, one row, so no order among its kind), the card's row
 * (card), the customer's limit lock for an e-wallet (customer-limits, risk), the audit chain for a
 * single-use card (its close is audited; taken before the accounts, as every audit-then-ledger
 * path does), the account (ledger-accounts). The vault's look-up, the CVC2 (derived from the PAN
 * presented, whose HMAC found the card), the unlocked checks and the notice's recipient are read
 * before the transaction, so the locks are held for the locked checks and the writes only.
 */
export async function authorise(ctx: AppContext, caller: NetworkCaller, message: AuthorisationRequest): Promise<NetworkAnswer> {
  // The PAN is handed to cards at once, and kept only in `message` for this call (its last four
  // digits and the masked form go further).
  const found = await findCardByPresentedPan(ctx.db, ctx, message);
  const card = found?.card ?? null;
  const cvc2Matched = found?.cvc2Matched ?? null;
  const identity: MessageIdentity = {
    messageType: 'authorisation',
    rrn: message.rrn,
    stan: message.stan,
    amountMinor: message.amountMinor,
    currency: message.currency,
    maskedPan: maskedPanOf(message.pan),
  };
  // Read before the transaction: what needs no lock (the early checks, the customer the notice
  // goes to) is not read while the message's and the card's locks are held.
  const early = card ? await earlyDecline(ctx.db, ctx, { card, message, cvc2Matched }) : null;
  const recipient = card ? await purchaseRecipient(ctx.db, card.customerId) : null;
  return decideOnce(ctx, caller, identity, async (tx, now): Promise<Decided> => {
    if (!card) return { answer: answerOf(identity, '14'), cardId: null, operationId: null };
    const use = useOf(message);
    const checked = early || 'unsupported' in use ? null : await authenticationOf(tx, ctx, caller, message, now);
    const outcome: PurchaseOutcome =
      early || 'unsupported' in use
        ? { declined: early ?? 'card-transaction-not-supported' }
        : checked && !checked.ok
          ? { declined: await authenticationDecline(tx, ctx, card, message, use, checked.reason, now) }
          : await approve(tx, ctx, caller, card, message, use, now);
    if (checked?.ok && 'approved' in outcome) await recordAuthenticatedApproval(tx, checked.dsTransID, now);
    const responseCode = 'declined' in outcome ? DECLINE_CODES[outcome.declined] : '00';
    const operationId = await recordPurchase(tx, ctx, {
      network: caller.network,
      card,
      message,
      source: 'authorisation',
      channel: 'unsupported' in use ? 'card_present' : use.channel,
      outcome,
      responseCode,
      now,
      recipient,
    });
    const authorisationCode = 'approved' in outcome ? outcome.approved.authorisationCode : null;
    return {
      answer: answerOf(identity, responseCode, authorisationCode),
      cardId: card.cardId,
      operationId,
      afterCommit: afterCommitOf(ctx, card, caller, message, now, { cvc2Matched, refused: checked && !checked.ok ? checked.reason : null }),
    };
  });
}

/** The on-us acquirer's purchases must carry a 3-D Secure result: its checkout always authenticates (issue 15 item 4). */
export const ON_US_NETWORK = 'kassa-acquiring';

const AUTHENTICATION_DECLINES: Readonly<Record<AuthenticationRefusal, DeclineReason>> = {
  missing: 'card-authentication-missing',
  'not-authenticated': 'card-authentication-failed',
  invalid: 'card-authentication-invalid',
  reused: 'card-authentication-reused',
};

/**
 * The purchase's 3-D Secure result, checked by Kassa's ACS (modules/acs): whenever a message
 * carries one, and always for the on-us acquirer. Y or A with a value the ACS made for this card,
 * amount, currency and merchant, unused, proceeds (and is used now); anything else declines. A
 * network's message without a result is a purchase the network did not authenticate (a merchant
 * outside 3-D Secure, the liability its acquirer's): decided as before. Taken after the message's
 * identity and before the card's lock (the ACS row's lock, verifyAuthenticationValue).
 */
async function authenticationOf(tx: Tx, ctx: AppContext, caller: NetworkCaller, message: AuthorisationRequest, now: Date) {
  if (!message.threeDs && caller.network !== ON_US_NETWORK) return null;
  return verifyAuthenticationValue(
    tx,
    ctx,
    {
      pan: message.pan,
      amountMinor: BigInt(message.amountMinor),
      currencyNumeric: message.currency,
      merchantId: message.merchantId,
      rrn: message.rrn,
      threeDs: message.threeDs,
    },
    now,
  );
}

/**
 * Why a purchase whose authentication was refused is declined, in the customer's words: the ACS
 * rejects (R) before any code what the card's own controls refuse (internet payments off, a
 * limit), and the history then says that, not "3-D Secure failed". Read without the card's lock
 * and counting nothing (cards cannotPayPreview): nothing is held either way.
 */
async function authenticationDecline(
  tx: Tx,
  ctx: AppContext,
  card: CardForPayment,
  message: AuthorisationRequest,
  use: Exclude<Use, { unsupported: true }>,
  refusal: AuthenticationRefusal,
  now: Date,
): Promise<DeclineReason> {
  if (refusal === 'not-authenticated' && message.threeDs?.status === 'R') {
    const cause = await cannotPayPreview(tx, ctx, {
      cardId: card.cardId,
      channel: use.control,
      amountMinor: BigInt(message.amountMinor),
      now,
    });
    if (cause && cause !== 'card-unknown') return declineOfCannotPay(cause, card, use.control);
  }
  return AUTHENTICATION_DECLINES[refusal];
}

/** After the commit, outside the money transaction's locks: a wrong CVC2, a refused 3-D Secure result. */
function afterCommitOf(
  ctx: AppContext,
  card: CardForPayment,
  caller: NetworkCaller,
  message: AuthorisationRequest,
  now: Date,
  found: { cvc2Matched: boolean | null; refused: AuthenticationRefusal | null },
): (() => Promise<void>) | undefined {
  if (found.cvc2Matched !== false && !found.refused) return undefined;
  return async () => {
    if (found.cvc2Matched === false) await auditWrongCvc2(ctx, card, caller, message, now);
    if (found.refused) {
      await recordAuditAlone(ctx.db, {
        event: 'acs.authentication_value_refused',
        customerId: card.customerId,
        details: { cardId: card.cardId, reason: found.refused, network: caller.network, rrn: message.rrn, merchantId: message.merchantId },
        occurredAt: now,
      });
    }
  };
}

/** The locked checks, the count, the caps and the hold; a refusal after the count gives the count back. */
async function approve(
  tx: Tx,
  ctx: AppContext,
  caller: NetworkCaller,
  card: CardForPayment,
  message: AuthorisationRequest,
  use: Exclude<Use, { unsupported: true }>,
  now: Date,
): Promise<PurchaseOutcome> {
  const amountMinor = BigInt(message.amountMinor);
  takeLock(tx, 'card');
  const charged = await chargeCardUse(tx, ctx, { cardId: card.cardId, channel: use.control, amountMinor, now });
  if (!charged.ok)
    return { declined: charged.reason === 'card-unknown' ? 'card-closed' : declineOfCannotPay(charged.reason, card, use.control) };
  const counted = use.control === 'internet' ? amountMinor : 0n;
  const refuse = async (reason: DeclineReason): Promise<PurchaseOutcome> => {
    if (counted > 0n) await releaseCardUse(tx, ctx, { cardId: card.cardId, amountMinor: counted, chargedAt: now, whole: true });
    return { declined: reason };
  };
  // A purchase is the customer's money leaving for a merchant: the e-money caps apply to it; the
  // limits on transfers to other people do not (the card's own limits stand for them).
  const out: MoneyOut = {
    customerId: card.customerId,
    sourceAccountId: card.accountId,
    payeeAccountId: null,
    amountMinor,
    feeMinor: 0n,
    currency: card.currency,
    toOthers: false,
    toSelf: false,
  };
  const risk = await checkMoneyOut(tx, ctx, out, now);
  if (!risk.ok) return refuse(risk.reason);
  if (card.kind === 'single_use') await holdAuditChain(tx);
  const holdId = purchaseHoldId(caller.network, message.rrn);
  const holdExpiresAt = holdExpiry(ctx, now);
  takeLock(tx, 'ledger-accounts');
  const hold = await placeHold(tx, {
    holdId,
    accountId: card.accountId,
    currency: card.currency,
    amountMinor,
    description: message.merchantName.trim(),
    expiresAt: holdExpiresAt,
  });
  if (!hold.ok) return refuse(HOLD_DECLINES[hold.decline]);
  await recordMoneyOut(tx, ctx, out, risk, now);
  if (card.kind === 'single_use') assert(await markSingleUseSpent(tx, card.cardId, now), 'a single-use card approved is an open one');
  return { approved: { holdId, authorisationCode: newAuthorisationCode(), internetCountedMinor: counted, holdExpiresAt } };
}

/** A wrong CVC2 is someone guessing, or a customer's typo: audited, outside the money transaction's locks. */
async function auditWrongCvc2(ctx: AppContext, card: CardForPayment, caller: NetworkCaller, message: AuthorisationRequest, now: Date) {
  await recordAuditAlone(ctx.db, {
    event: 'card.cvc2_failed',
    customerId: card.customerId,
    details: {
      cardId: card.cardId,
      last4: message.pan.slice(-4),
      network: caller.network,
      rrn: message.rrn,
      merchantId: message.merchantId,
    },
    occurredAt: now,
  });
}
