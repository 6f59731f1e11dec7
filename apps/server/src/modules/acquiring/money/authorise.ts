import type { AppContext } from '../../../context.js';
import { authoriseOnUs, SANDBOX_ISSUER_ANSWERS } from '../../card-network/index.js';
import { failureOfResponse, onUsAuthorisation, outboundPurchase, rrnOf, sandboxAuthorisationCode } from './card-messages.js';
import type { AuthoriseInput, AuthoriseResult, FailureCode, Issuer, PaymentMode, ThreeDsResult } from './money.types.js';

/**
 * Whose card a PAN is, for the mode: test mode takes the sandbox cards only (the contract's table;
 * card-network SANDBOX_ISSUER_ANSWERS); live mode sends a Kassa card (CARD_BIN) to Kassa's own
 * engine and any other to the network. 'refused': a test-mode payment with another number.
 */
export function issuerOf(ctx: AppContext, pan: string, mode: PaymentMode): Issuer | 'refused' {
  if (mode === 'test') return Object.hasOwn(SANDBOX_ISSUER_ANSWERS, pan) ? 'sandbox' : 'refused';
  return isKassaPan(ctx, pan) ? 'kassa' : 'other';
}

function isKassaPan(ctx: AppContext, pan: string): boolean {
  return pan.startsWith(ctx.config.cards.product.bin);
}

const AUTHENTICATED: readonly ThreeDsResult['status'][] = ['Y', 'A'];

/** A 3-D Secure result that does not let the payment go on, as the failure it gives; null when it does. */
function authenticationFailure(threeDs: ThreeDsResult | null): FailureCode | null {
  if (!threeDs) return 'authentication_required';
  if (AUTHENTICATED.includes(threeDs.status)) return null;
  return threeDs.status === 'R' ? 'authentication_rejected' : 'authentication_failed';
}

function failed(failureCode: FailureCode, rrn: string | null = null, responseCode: string | null = null): AuthoriseResult {
  return { approved: false, rrn, failureCode, responseCode };
}

/**
 * Authorises a payment's attempt on its card. Never inside a transaction (the engine and the network
 * each open their own); idempotent on (paymentId, attempt): the message is derived from them.
 *  - test mode: the sandbox table only; nothing is held, nothing reaches the ledger or a network.
 *  - a Kassa card: the issuer's engine in-process (card-network authoriseOnUs): the card's checks,
 *    the 3-D Secure gating, a hold on the card's account, the purchase in the cardholder's history.
 *    A result other than Y/A goes to the engine too, which declines it and writes why.
 *  - another bank's card: a 0100 through ctx.cardNetwork; a network that does not answer is
 *    card_network_unavailable (its reversal is the release's, if the payment is cancelled).
 */
export async function authoriseCard(ctx: AppContext, input: AuthoriseInput): Promise<AuthoriseResult> {
  const issuer = issuerOf(ctx, input.card.pan, input.mode);
  if (issuer === 'refused') return failed(isKassaPan(ctx, input.card.pan) ? 'test_mode_real_card' : 'card_declined');
  switch (issuer) {
    case 'sandbox':
      return authoriseSandbox(input);
    case 'kassa':
      return authoriseKassa(ctx, input);
    case 'other':
      return authoriseElsewhere(ctx, input);
  }
}

function authoriseSandbox(input: AuthoriseInput): AuthoriseResult {
  const rrn = rrnOf(input.paymentId, input.attempt);
  const refused = authenticationFailure(input.threeDs);
  if (refused) return failed(refused, rrn);
  const responseCode = SANDBOX_ISSUER_ANSWERS[input.card.pan] ?? '05';
  if (responseCode !== '00') return failed(failureOfResponse(responseCode), rrn, responseCode);
  return { approved: true, rrn, authorisationCode: sandboxAuthorisationCode(rrn), issuer: 'sandbox' };
}

async function authoriseKassa(ctx: AppContext, input: AuthoriseInput): Promise<AuthoriseResult> {
  const message = onUsAuthorisation(ctx, input);
  const answer = await authoriseOnUs(ctx, message);
  if (answer.responseCode === '00' && answer.authorisationCode) {
    return { approved: true, rrn: message.rrn, authorisationCode: answer.authorisationCode, issuer: 'kassa' };
  }
  // The engine's decline is in the cardholder's history with its reason. A refused authentication
  // declines there with 05, and the payment names the authentication; any other code is the
  // card's own cause (internet payments off, frozen, a limit: what the ACS rejected for), named so.
  const refused = answer.responseCode === '05' ? authenticationFailure(input.threeDs) : null;
  return failed(refused ?? failureOfResponse(answer.responseCode), message.rrn, answer.responseCode);
}

async function authoriseElsewhere(ctx: AppContext, input: AuthoriseInput): Promise<AuthoriseResult> {
  const refused = authenticationFailure(input.threeDs);
  const message = outboundPurchase(ctx, input);
  if (refused) return failed(refused, message.rrn);
  let answer: Awaited<ReturnType<typeof ctx.cardNetwork.send>>;
  try {
    answer = await ctx.cardNetwork.send(message);
  } catch (error) {
    // Never the message in the log: it holds the number.
    ctx.log.error(
      { paymentId: input.paymentId, rrn: message.rrn, error: error instanceof Error ? error.name : 'unknown' },
      'card network did not answer a purchase',
    );
    return failed('card_network_unavailable', message.rrn);
  }
  if (answer.responseCode === '00' && answer.authorisationCode) {
    return { approved: true, rrn: message.rrn, authorisationCode: answer.authorisationCode, issuer: 'other' };
  }
  return failed(failureOfResponse(answer.responseCode), message.rrn, answer.responseCode);
}
