import type { BalanceCeiling, Currency } from '../ledger/index.js';

/** Money leaving one account, as risk sees it, whatever the kind of operation. */
export interface MoneyOut {
  customerId: string;
  sourceAccountId: string;
  /** The account credited inside the bank, if any (its e-wallet ceiling applies). */
  payeeAccountId: string | null;
  amountMinor: bigint;
  feeMinor: bigint;
  currency: Currency;
  /** Counts toward the customer's limits to others: every kind but a move between own accounts. */
  toOthers: boolean;
  /** The payee is the customer (own accounts): a full payee wallet is the customer's own limit. */
  toSelf: boolean;
}

export type RiskDecline =
  | 'limit-per-operation'
  | 'limit-per-day'
  | 'limit-per-month'
  | 'limit-phone-change'
  | 'wallet-limit'
  | 'recipient-wallet-limit'
  | 'account-frozen'
  | 'account-closed'
  | 'insufficient-funds';

/** Allowed: the ceilings the ledger must check under its locks, and what to count if the money moves. */
export type RiskDecision = { ok: true; ceilings: BalanceCeiling[]; walletSourceId: string | null } | { ok: false; reason: RiskDecline };
