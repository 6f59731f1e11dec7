import type { Localized } from '../../shared/i18n.js';
import type { Currency } from '../ledger/index.js';

/**
 * The catalogue of service payments (issue 16 item 1): categories and providers. The jsonb
 * columns of service_providers (migration 0047) hold ProviderField[], AmountRule and FeeRule;
 * catalogue-rules.ts checks them before anything is written, so a row read back is trusted.
 */

/** How the bank learns what a customer owes the provider. */
export const PROVIDER_MODES = ['fetch', 'validate', 'ad-hoc'] as const;
/**
 * fetch:    the provider returns the bill for the account (lines: electricity, water…);
 * validate: the provider confirms the account exists (a mobile number, a contract), any amount;
 * ad-hoc:   no call before paying: any account the field rules accept, any amount in the range.
 */
export type ProviderMode = (typeof PROVIDER_MODES)[number];

export const PROVIDER_STATUSES = ['active', 'suspended'] as const;
/** active ⇄ suspended: a suspended provider is hidden and takes no new payment. */
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/**
 * How a field's value is read and checked (fields.ts):
 *   text:   trimmed, letters, digits and - / . allowed
 *   digits: digits only (spaces and dashes typed are dropped)
 *   phone:  a Kazakh mobile number, kept as +7XXXXXXXXXX
 *   iin:    12 digits with the IIN's check digit (KAZAKHSTAN.md)
 */
export const FIELD_KINDS = ['text', 'digits', 'phone', 'iin'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** The check digit a field's value must carry: the IIN's, or Luhn's (an Onay card number). */
export const CHECK_DIGITS = ['iin', 'luhn'] as const;
export type CheckDigit = (typeof CHECK_DIGITS)[number];

export interface ProviderField {
  /** The key of the value in a request's `fields` (`account`, `phone`, `iin`…): `^[a-z][a-zA-Z0-9]{0,31}$`. */
  name: string;
  label: Localized;
  /** Under the field: where to find the number (on the bill, on the back of the card). */
  hint: Localized | null;
  kind: FieldKind;
  /** Length of the value after normalising (digits for digits/phone/iin). */
  minLength: number;
  maxLength: number;
  /** An extra pattern the normalised value must match (JavaScript syntax, anchored), or null. */
  pattern: string | null;
  checkDigit: CheckDigit | null;
  /**
   * A mobile operator's prefixes (`701`, `775`…): a number outside them is a warning only, never
   * a refusal, because numbers move between operators (MNP since 2014).
   */
  phonePrefixes: string[] | null;
  /** The one field that names the account on receipts and in the history. */
  main: boolean;
}

/**
 * What amount the customer may pay:
 *   any:     anything from minMinor to maxMinor;
 *   minimum: at least the bill's total (fetch) or minMinor, at most maxMinor (an advance is fine);
 *   exact:   exactly what the bill's lines say (a fine); in ad-hoc/validate mode, minMinor = maxMinor.
 */
export const AMOUNT_RULE_KINDS = ['any', 'minimum', 'exact'] as const;
export type AmountRuleKind = (typeof AMOUNT_RULE_KINDS)[number];

export interface AmountRule {
  kind: AmountRuleKind;
  minMinor: bigint;
  maxMinor: bigint;
}

/** The customer's fee: fixed + percent (in basis points: 150 = 1.5 %), at most capMinor when set. */
export interface FeeRule {
  fixedMinor: bigint;
  percentBasisPoints: number;
  capMinor: bigint | null;
}

export interface ServiceCategory {
  id: string;
  name: Localized;
  icon: string;
  position: number;
}

/** A provider as the catalogue shows it: no endpoint, no secret. */
export interface Provider {
  id: string;
  slug: string;
  categoryId: string;
  name: Localized;
  /** Other names customers type ("теле2", "алтел", "onai"): searched like the names. */
  keywords: string;
  logo: { text: string; color: string };
  legalName: string;
  bin: string;
  settlementIban: string;
  mode: ProviderMode;
  fields: ProviderField[];
  amountRule: AmountRule;
  feeRule: FeeRule;
  currency: Currency;
  status: ProviderStatus;
  position: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** How the bank reaches the provider (provider-port.ts): never shown to customers or in a log. */
export interface ProviderEndpoint {
  providerId: string;
  url: string;
  /** The shared secret the requests are signed with, unsealed for the one call. */
  secret: string;
}
