/**
 * Ledger types. Money is bigint minor units with its currency, everywhere.
 *
 * Sign convention: a posting's `amountMinor` is positive for a credit and negative for a debit,
 * seen from the account holder. `balanceMinor` is what the bank owes the holder, so a customer's
 * money is positive and the bank's own accounts carry the other side: for each currency the
 * balances of all accounts sum to zero. Money arriving from outside is, for example,
 * `settlement −X, customer +X`; a P2P transfer is `payer −X, payee +X`.
 */
import type { LedgerDecline } from './ledger.errors.js';

/** ISO 4217 currencies the ledger keeps, with their minor-unit exponents (1 ₸ = 100 tiyn). */
export const CURRENCIES = {
  KZT: { numericCode: '398', minorUnitExponent: 2 },
  USD: { numericCode: '840', minorUnitExponent: 2 },
  EUR: { numericCode: '978', minorUnitExponent: 2 },
  RUB: { numericCode: '643', minorUnitExponent: 2 },
} as const satisfies Record<string, { numericCode: string; minorUnitExponent: number }>;

export type Currency = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as Currency[];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCIES, value);
}

export const CUSTOMER_ACCOUNT_KINDS = ['customer_current', 'ewallet'] as const;
/** bank_dispute_loss: what the bank pays back on disputes (modules/disputes, migration 0022), its loss. */
export const SYSTEM_ACCOUNT_KINDS = ['bank_settlement', 'bank_fees', 'bank_suspense', 'bank_clearing', 'bank_dispute_loss'] as const;
/**
 * merchant_settlement: a merchant's money from card payments (modules/acquiring/money, migration
 * 0043), owned by the merchant's id; like a customer's account it never goes below zero.
 */
export const MERCHANT_ACCOUNT_KINDS = ['merchant_settlement'] as const;
/**
 * provider_settlement: a service provider's money from customers' payments (modules/payments,
 * migration 0047), owned by the provider's id; only credited by payments and debited by the daily
 * transfer to the provider's IBAN, so it needs no funds check.
 */
export const PROVIDER_ACCOUNT_KINDS = ['provider_settlement'] as const;
export type CustomerAccountKind = (typeof CUSTOMER_ACCOUNT_KINDS)[number];
export type SystemAccountKind = (typeof SYSTEM_ACCOUNT_KINDS)[number];
export type MerchantAccountKind = (typeof MERCHANT_ACCOUNT_KINDS)[number];
export type ProviderAccountKind = (typeof PROVIDER_ACCOUNT_KINDS)[number];
/** The accounts an outside party owns at the bank under a derived id, opened on first use. */
export type SettlementAccountKind = MerchantAccountKind | ProviderAccountKind;
export type AccountKind = CustomerAccountKind | SettlementAccountKind | SystemAccountKind;

export function isCustomerAccountKind(kind: AccountKind): kind is CustomerAccountKind {
  return (CUSTOMER_ACCOUNT_KINDS as readonly string[]).includes(kind);
}

/**
 * Account status transitions:
 *   active → frozen | closed
 *   frozen → active | closed
 *   closed is final.
 * A frozen account refuses debits and new holds but accepts credits (money owed to a blocked
 * customer still arrives); a closed account refuses both. Closing needs a zero balance and no
 * pending holds.
 */
export const ACCOUNT_STATUSES = ['active', 'frozen', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_TRANSITIONS: Readonly<Record<AccountStatus, readonly AccountStatus[]>> = {
  active: ['frozen', 'closed'],
  frozen: ['active', 'closed'],
  closed: [],
};

export interface Account {
  id: string;
  /** The owning customer (a merchant's id for a merchant_settlement account); null for the bank's own accounts. */
  ownerId: string | null;
  currency: Currency;
  kind: AccountKind;
  status: AccountStatus;
  iban: string | null;
  displayName: string;
  overdraftLimitMinor: bigint;
  balanceMinor: bigint;
  heldMinor: bigint;
  createdAt: Date;
}

export interface AccountBalance {
  accountId: string;
  currency: Currency;
  balanceMinor: bigint;
  heldMinor: bigint;
  /** balance − held: the holder's own money not reserved by a hold. */
  availableMinor: bigint;
  /** available + overdraft limit: the most a debit may take now. */
  spendableMinor: bigint;
}

export interface PostingInput {
  accountId: string;
  /** Must equal the account's currency (SECURITY.md 25), else `currency-mismatch`. */
  currency: Currency;
  /** + credit, − debit; never zero. */
  amountMinor: bigint;
}

/**
 * The most an account may hold once an operation that raises its balance is posted: e-money
 * wallet caps by the owner's identification level, for example. The ledger checks it under the
 * account's lock, against the balance as the earlier operations of the batch leave it, so
 * parallel credits cannot together take the account past it (a check on a balance read before
 * the lock can). An operation that lowers the balance, or leaves it as it is, always passes, so
 * money can still leave a wallet whose cap was lowered below what it holds.
 */
export interface BalanceCeiling {
  /** One of the operation's accounts. */
  accountId: string;
  /** The balance after the operation may not be above this, else `balance-cap-exceeded`. */
  balanceMaxMinor: bigint;
}

export interface OperationInput {
  /** Chosen by the caller (`op_…`), so a retry can be recognised; unique forever. */
  operationId: string;
  /** What the operation is, for statements and reports: `transfer.p2p`, `fee`, `deposit`… */
  kind: string;
  postings: readonly PostingInput[];
  description?: string | null;
  /** Caps the caller's rules put on the balances of some of the operation's accounts; at most one per account. */
  balanceCeilings?: readonly BalanceCeiling[];
}

export interface PostedPosting {
  accountId: string;
  currency: Currency;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
}

export interface PostedOperation {
  id: string;
  kind: string;
  description: string | null;
  reversesOperationId: string | null;
  postings: PostedPosting[];
}

/**
 * A business decline (one of LEDGER_DECLINES), returned instead of thrown: the ledger wrote
 * nothing for the call. `accountId` names the account that refused (the payer's frozen account
 * or the payee's closed one); keep it off anything shown to another customer.
 */
export interface LedgerDeclined {
  ok: false;
  decline: LedgerDecline;
  accountId: string;
}

/** What posting an operation gives: the posted operation, or the decline that stopped it. */
export type PostResult = { ok: true; operation: PostedOperation } | LedgerDeclined;

export interface Operation extends PostedOperation {
  reversedByOperationId: string | null;
  createdAt: Date;
}

/** A posting as an account statement shows it. */
export interface PostingView {
  /** Opaque, stable, increasing per account. */
  id: string;
  operationId: string;
  operationKind: string;
  description: string | null;
  currency: Currency;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  createdAt: Date;
}

export interface PostingPage {
  items: PostingView[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: string | null;
}

/** Hold status transitions: pending → posted | voided; both are final. */
export const HOLD_STATUSES = ['pending', 'posted', 'voided'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export interface Hold {
  id: string;
  accountId: string;
  currency: Currency;
  amountMinor: bigint;
  status: HoldStatus;
  description: string | null;
  expiresAt: Date | null;
  operationId: string | null;
  postedAmountMinor: bigint | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

/** What placing a hold gives: the pending hold, or the decline that stopped it. */
export type HoldResult = { ok: true; hold: Hold } | LedgerDeclined;

export interface PlaceHoldInput {
  /** Chosen by the caller (`hld_…`); unique forever. */
  holdId: string;
  accountId: string;
  currency: Currency;
  /** Positive: the amount reserved for a later debit. */
  amountMinor: bigint;
  description?: string | null;
  expiresAt?: Date | null;
}

export interface PostHoldInput {
  operationId: string;
  /** Defaults to `hold.posted`. */
  kind?: string;
  /** The debit; defaults to the whole hold, may be less (the rest is released), never more. */
  amountMinor?: bigint;
  /** Where the money goes: credits (and any further legs) that balance the hold's debit. */
  counterPostings: readonly PostingInput[];
  description?: string | null;
}

export interface OpenAccountInput {
  ownerId: string;
  kind: CustomerAccountKind;
  currency: Currency;
  displayName: string;
  overdraftLimitMinor?: bigint;
  /** Give the account an IBAN; defaults to true for current accounts, false for e-wallets. */
  assignIban?: boolean;
  /** 3-digit bank code inside the IBAN; defaults to DEFAULT_BANK_CODE. */
  bankCode?: string;
}

export interface InvariantReport {
  ok: boolean;
  violations: string[];
}
