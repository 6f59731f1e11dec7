import type { Currency } from '../ledger/index.js';

/**
 * The types of modules/acs: what the checkout hands the 3-D Secure Server and gets back, and the
 * ACS's closed set of reasons (acs.messages.ts says each in ru/kk/en, emv-messages.ts maps each to
 * its EMV transStatusReason).
 */

/** EMV 3DS 2.2 transStatus. Y authenticated, A attempted, N not authenticated, U could not, R rejected, C challenge. */
export const TRANS_STATUSES = ['Y', 'N', 'U', 'A', 'C', 'R'] as const;
export type TransStatus = (typeof TRANS_STATUSES)[number];

/**
 * The result of one authentication, as the payment needs it: structurally acquiring/money's
 * ThreeDsResult (acs does not depend on acquiring; acquiring hands this on to authoriseCard).
 */
export interface ThreeDsResult {
  status: 'Y' | 'A' | 'N' | 'U' | 'R';
  eci: string | null;
  authenticationValue: string | null;
  dsTransID: string;
}

export interface AuthenticateInput {
  paymentId: string;
  pan: string;
  /** YYMM, as the card shows it the other way round (MM/YY) and DE14 carries it. */
  expiry: string;
  amountMinor: bigint;
  currency: Currency;
  merchant: { id: string; displayName: string; mcc: string; bin: string };
  /** Where the ACS's page sends the buyer back (the CRes is posted there in the browser flow). */
  notificationUrl: string;
}

export type AuthenticateOutcome =
  | { kind: 'result'; result: ThreeDsResult }
  | { kind: 'challenge'; acsTransID: string; threeDSServerTransID: string };

/** Whose ACS answered: the directory server routes by card range (directory-server.ts). */
export type AcsIssuer = 'kassa' | 'sandbox';

/** Why the ACS said anything but Y; recorded on its row (acs_transactions.reason). */
export const ACS_REASONS = [
  'card-unknown',
  'card-frozen',
  'card-closed',
  'card-expired',
  'card-wrong-expiry',
  'customer-blocked',
  'internet-off',
  'limit-per-operation',
  'limit-per-day',
  'limit-per-month',
  'limit-purchases-per-day',
  'currency-mismatch',
  'no-phone',
  'wrong-code',
  'timed-out',
  'cancelled',
  'sandbox-rejected',
  'sandbox-failed',
] as const;
export type AcsReason = (typeof ACS_REASONS)[number];

/** Why the issuer's engine refuses a purchase's 3-D Secure result (verifyAuthenticationValue). */
export type AuthenticationRefusal = 'missing' | 'not-authenticated' | 'invalid' | 'reused';

/** The transaction ids of EMV 3DS are UUIDs (RFC 4122); anything else names no transaction. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
