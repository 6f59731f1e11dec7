/**
 * A customer's transfer limits to other people (issue 13 item 10, maker-checker limit_raise). Each
 * limit is the bank's default (TRANSFER_MAX_*) unless a security officer approved a raise of it
 * for this customer; no raise goes above the limit's ceiling (TRANSFER_LIMIT_RAISE_CEILING_*).
 */
export const TRANSFER_LIMITS = ['per_operation', 'per_day', 'per_month'] as const;
export type TransferLimit = (typeof TRANSFER_LIMITS)[number];

/** The limits and their ceilings are in tenge, as TRANSFER_MAX_* are (config.ts transfers). */
export const TRANSFER_LIMITS_CURRENCY = 'KZT' as const;

/** A raise an approval set (risk_customer_limits). */
export interface RaisedLimit {
  limit: TransferLimit;
  amountMinor: bigint;
  currency: typeof TRANSFER_LIMITS_CURRENCY;
  approvalId: string;
  setAt: Date;
}

/** One limit as it holds for a customer now. */
export interface EffectiveLimit {
  limit: TransferLimit;
  /** What the checks use: the raise if there is one, never below the default nor above the ceiling. */
  amountMinor: bigint;
  defaultMinor: bigint;
  ceilingMinor: bigint;
  /** The raise in force, or null for the default. */
  raised: RaisedLimit | null;
}

export type EffectiveLimits = Readonly<Record<TransferLimit, EffectiveLimit>>;
