import type { ApiKeyMode as PaymentMode } from '../merchants.types.js';
import type { FailureCode, Issuer } from '../money/index.js';

/**
 * The payment API's records (issue 15 item 2; migration 0040). A payment's status changes only
 * through payments.state.ts transition(); its money calls are recorded first as a pending step.
 */

export const PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'requires_capture',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const CAPTURE_METHODS = ['automatic', 'manual'] as const;
export type CaptureMethod = (typeof CAPTURE_METHODS)[number];

export const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** The ledger's currencies a payment may be in: the on-us engine and the merchant accounts are KZT. */
export const PAYMENT_CURRENCIES = ['KZT'] as const;
export type PaymentCurrency = (typeof PAYMENT_CURRENCIES)[number];

/** 1 000 000 000 ₸ in tiyn: above any online purchase, far below 2^53 so JSON carries it exactly. */
export const PAYMENT_AMOUNT_MAX_MINOR = 100_000_000_000;
/** Attempts at a card per payment: each is a new authorisation message (DE37 from the attempt). */
export const PAYMENT_ATTEMPTS_MAX = 10;
export const DESCRIPTION_LENGTH_MAX = 500;
export const MERCHANT_ORDER_ID_LENGTH_MAX = 100;
export const RETURN_URL_LENGTH_MAX = 2048;
/** Metadata: at most this many keys, each key and value this long, and the whole at most 8 KiB (the table's check). */
export const METADATA_KEYS_MAX = 20;
export const METADATA_KEY_LENGTH_MAX = 40;
export const METADATA_VALUE_LENGTH_MAX = 500;

export type PendingStep = 'authorise' | 'capture' | 'release';

export interface Payment {
  id: string;
  merchantId: string;
  mode: PaymentMode;
  status: PaymentStatus;
  amountMinor: bigint;
  currency: PaymentCurrency;
  captureMethod: CaptureMethod;
  description: string | null;
  merchantOrderId: string | null;
  returnUrl: string;
  metadata: Record<string, string>;
  authorisedMinor: bigint;
  capturedMinor: bigint;
  refundedMinor: bigint;
  failureCode: FailureCode | null;
  issuer: Issuer | null;
  rrn: string | null;
  authorisationCode: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  attempt: number;
  pendingStep: PendingStep | null;
  pendingCaptureId: string | null;
  pendingAmountMinor: bigint | null;
  pendingSince: Date | null;
  authenticationStartedAt: Date | null;
  cancellationReason: CancellationReason | null;
  createdAt: Date;
  updatedAt: Date;
}

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface PaymentRefund {
  id: string;
  paymentId: string;
  status: RefundStatus;
  amountMinor: bigint;
  currency: PaymentCurrency;
  failureCode: FailureCode | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who asks: the merchant and the key's mode (a test key sees test payments only, and so on). */
export interface MerchantScope {
  merchantId: string;
  mode: PaymentMode;
}
