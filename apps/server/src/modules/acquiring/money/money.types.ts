import type { Currency } from '../../ledger/index.js';

/**
 * The money of online card payments (issue 15 item 5; docs/acquiring-money.md): the types the
 * payment API (acquiring/payments) hands this folder and gets back.
 */

/** Whose card: Kassa's own (on-us, the issuer's engine in-process), another bank's (the network), or a sandbox card (test mode). */
export type Issuer = 'kassa' | 'other' | 'sandbox';
export type PaymentMode = 'test' | 'live';

export interface PresentedCard {
  pan: string;
  /** YYMM, as DE14 carries it. */
  expiry: string;
  cvc2: string | null;
  cardholderName: string | null;
}

export interface MerchantForMoney {
  id: string;
  /** DE43: 1-25 printable ASCII, the name on the buyer's statement. */
  displayName: string;
  mcc: string;
  bin: string;
  /** The merchant discount rate in basis points (150 = 1.5 %), 0..1000. */
  mdrBps: number;
}

export interface ThreeDsResult {
  status: 'Y' | 'A' | 'N' | 'U' | 'R';
  eci: string | null;
  authenticationValue: string | null;
  dsTransID: string;
}

export const FAILURE_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'card_frozen',
  'internet_payments_off',
  'limit_exceeded',
  'authentication_failed',
  'authentication_rejected',
  'authentication_required',
  'test_mode_real_card',
  'card_network_unavailable',
  'merchant_balance_insufficient',
  'processing_error',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type AuthoriseResult =
  | { approved: true; rrn: string; authorisationCode: string; issuer: Issuer }
  | { approved: false; rrn: string | null; failureCode: FailureCode; responseCode: string | null };

export interface AuthoriseInput {
  paymentId: string;
  /** 1, 2, …: a new attempt is a new message; a retry of one attempt is the same message. */
  attempt: number;
  mode: PaymentMode;
  merchant: MerchantForMoney;
  card: PresentedCard;
  amountMinor: bigint;
  currency: Currency;
  threeDs: ThreeDsResult | null;
}

export interface CaptureInput {
  paymentId: string;
  /** One capture, one movement of money, whatever retries come. */
  captureId: string;
  rrn: string;
  authorisationCode: string;
  issuer: Issuer;
  mode: PaymentMode;
  merchant: MerchantForMoney;
  /** At most the amount authorised; less releases the rest. */
  amountMinor: bigint;
  currency: Currency;
}

export type CaptureResult = { ok: true; feeMinor: bigint } | { ok: false; failureCode: FailureCode };

export interface ReleaseInput {
  paymentId: string;
  rrn: string;
  issuer: Issuer;
  mode: PaymentMode;
  amountMinor: bigint;
  currency: Currency;
}

export interface RefundInput {
  paymentId: string;
  refundId: string;
  rrn: string;
  issuer: Issuer;
  mode: PaymentMode;
  merchant: MerchantForMoney;
  amountMinor: bigint;
  currency: Currency;
}

export type RefundResult = { ok: true } | { ok: false; failureCode: FailureCode };
