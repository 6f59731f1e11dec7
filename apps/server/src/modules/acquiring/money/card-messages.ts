import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { AuthorisationRequest, ClearingRequest, OutboundPurchase, ReversalRequest } from '../../card-network/index.js';
import { CURRENCIES, type Currency } from '../../ledger/index.js';
import type { AuthoriseInput, CaptureInput, FailureCode, ReleaseInput } from './money.types.js';

/**
 * The ISO 8583 messages Kassa the acquirer sends for a payment, on-us (card-network's engine
 * in-process) or to another bank's card (ctx.cardNetwork). Their identities derive from the
 * payment's ids: DE37 from (payment, attempt), DE11 from the step, so a retry after a crash is
 * the same message and the engine (or the network) answers it as before instead of deciding twice.
 */

const RRN_MODULUS = 10n ** 12n;
const STAN_MODULUS = 10n ** 6n;
/** DE32: Kassa's acquiring institution id (its BIN prefix on the scheme; a fixed value until one is assigned). */
const ACQUIRER_ID = '440043';
const DE42_LENGTH = 15;
const POS_ENTRY_ECOMMERCE = '812';
const PURCHASE = '000000';

function digitsOf(modulus: bigint, ...parts: string[]): string {
  const hash = BigInt(`0x${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 30)}`);
  return (hash % modulus).toString().padStart(modulus.toString().length - 1, '0');
}

/** DE37 of a payment's attempt: 12 digits. */
export function rrnOf(paymentId: string, attempt: number): string {
  return digitsOf(RRN_MODULUS, 'payment-rrn', paymentId, String(attempt));
}

function stanOf(step: 'authorisation' | 'clearing' | 'reversal', ...ids: string[]): string {
  return digitsOf(STAN_MODULUS, `payment-stan-${step}`, ...ids);
}

/** A DE38 for a sandbox approval: derived, so a retried test-mode authorisation answers the same. */
export function sandboxAuthorisationCode(rrn: string): string {
  return digitsOf(STAN_MODULUS, 'sandbox-approval', rrn);
}

/** DE42: the merchant id's last 15 characters (its hex part), printable and unique enough per merchant. */
function merchantIdOf(merchantId: string): string {
  return merchantId.slice(-DE42_LENGTH).toUpperCase();
}

export function currencyNumeric(currency: Currency): string {
  return CURRENCIES[currency].numericCode;
}

function threeDsOf(input: AuthoriseInput) {
  const result = input.threeDs;
  if (!result) return undefined;
  return {
    status: result.status,
    ...(result.eci ? { eci: result.eci } : {}),
    ...(result.authenticationValue ? { authenticationValue: result.authenticationValue } : {}),
    dsTransID: result.dsTransID,
  };
}

/** The on-us authorisation request (0100) of an attempt. */
export function onUsAuthorisation(ctx: AppContext, input: AuthoriseInput): AuthorisationRequest {
  const rrn = rrnOf(input.paymentId, input.attempt);
  const threeDs = threeDsOf(input);
  return {
    mti: '0100',
    pan: input.card.pan,
    processingCode: PURCHASE,
    amountMinor: Number(input.amountMinor),
    currency: currencyNumeric(input.currency),
    transmittedAt: ctx.clock.now().toISOString(),
    stan: stanOf('authorisation', rrn),
    expiry: input.card.expiry,
    mcc: input.merchant.mcc,
    posEntryMode: POS_ENTRY_ECOMMERCE,
    acquirerId: ACQUIRER_ID,
    rrn,
    merchantId: merchantIdOf(input.merchant.id),
    merchantName: input.merchant.displayName,
    merchantCountry: 'KZ',
    ...(input.card.cvc2 ? { cvc2: input.card.cvc2 } : {}),
    ...(threeDs ? { threeDs } : {}),
  };
}

/** The same purchase for another bank's card, through the network. */
export function outboundPurchase(ctx: AppContext, input: AuthoriseInput): OutboundPurchase {
  const rrn = rrnOf(input.paymentId, input.attempt);
  return {
    purpose: 'purchase',
    mti: '0100',
    pan: input.card.pan,
    processingCode: PURCHASE,
    amountMinor: Number(input.amountMinor),
    currency: currencyNumeric(input.currency),
    stan: stanOf('authorisation', rrn),
    rrn,
    transmittedAt: ctx.clock.now().toISOString(),
    expiry: input.card.expiry,
    cvc2: input.card.cvc2,
    posEntryMode: POS_ENTRY_ECOMMERCE,
    mcc: input.merchant.mcc,
    acquirerId: ACQUIRER_ID,
    merchantId: merchantIdOf(input.merchant.id),
    merchantName: input.merchant.displayName,
    threeDs: input.threeDs,
  };
}

export function onUsClearing(ctx: AppContext, input: CaptureInput): ClearingRequest {
  return {
    mti: '0220',
    rrn: input.rrn,
    stan: stanOf('clearing', input.rrn, input.captureId),
    transmittedAt: ctx.clock.now().toISOString(),
    amountMinor: Number(input.amountMinor),
    currency: currencyNumeric(input.currency),
    authorisationCode: input.authorisationCode,
  };
}

export function onUsReversal(ctx: AppContext, input: ReleaseInput): ReversalRequest {
  return {
    mti: '0400',
    rrn: input.rrn,
    stan: stanOf('reversal', input.rrn),
    transmittedAt: ctx.clock.now().toISOString(),
    amountMinor: Number(input.amountMinor),
    currency: currencyNumeric(input.currency),
  };
}

export function clearingStan(input: CaptureInput): string {
  return stanOf('clearing', input.rrn, input.captureId);
}

export function reversalStan(input: ReleaseInput): string {
  return stanOf('reversal', input.rrn);
}

/**
 * DE39 → what the payment says. 57 is what the issuer answers for a card whose internet payments
 * are off (card-network response-codes.ts), 62 a frozen or closed card, 61 and 65 its limits.
 */
const FAILURES: Readonly<Record<string, FailureCode>> = {
  '05': 'card_declined',
  '12': 'card_declined',
  '13': 'processing_error',
  '14': 'card_declined',
  '51': 'insufficient_funds',
  '54': 'expired_card',
  '57': 'internet_payments_off',
  '61': 'limit_exceeded',
  '62': 'card_frozen',
  '65': 'limit_exceeded',
  '91': 'card_network_unavailable',
  '94': 'processing_error',
  N7: 'incorrect_cvc',
};

export function failureOfResponse(responseCode: string): FailureCode {
  return Object.hasOwn(FAILURES, responseCode) ? (FAILURES[responseCode] ?? 'card_declined') : 'card_declined';
}

const BPS_PER_UNIT = 10_000n;

/** MDR = amount × bps / 10 000, rounded half up, in minor units. */
export function mdrFeeOf(amountMinor: bigint, mdrBps: number): bigint {
  if (amountMinor <= 0n || mdrBps <= 0) return 0n;
  return (amountMinor * BigInt(mdrBps) + BPS_PER_UNIT / 2n) / BPS_PER_UNIT;
}
