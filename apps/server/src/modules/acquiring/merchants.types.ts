/**
 * The merchant and API-key records of modules/acquiring (migration 0039), and their states.
 *
 * Merchant status transitions (each UPDATE names the state it may come from):
 *   active -> suspended   (staff: the merchant's keys stop authenticating at once)
 *   suspended -> active   (staff: reactivated)
 * API key status transitions: active -> revoked (final).
 */

export const MERCHANT_STATUSES = ['active', 'suspended'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** The state a merchant must be in for each change of status. */
export const MERCHANT_TRANSITIONS: Readonly<Record<MerchantStatus, MerchantStatus>> = {
  suspended: 'active',
  active: 'suspended',
};

export const API_KEY_MODES = ['test', 'live'] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];

export const API_KEY_STATUSES = ['active', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export interface Merchant {
  id: string;
  legalName: string;
  /** DE43: 1-25 printable ASCII, the buyer's statement and the checkout (migration 0040). */
  displayName: string;
  /** The merchant discount rate in basis points (150 = 1.5 %), 0..1000. */
  mdrBps: number;
  bin: string;
  mcc: string;
  settlementIban: string;
  returnOrigins: string[];
  status: MerchantStatus;
  statusReason: string | null;
  testModeEnabled: boolean;
  liveModeEnabled: boolean;
  createdByStaffId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface MerchantApiKey {
  id: string;
  merchantId: string;
  mode: ApiKeyMode;
  /** `sk_test_AbCd`: the first characters, enough to tell keys apart on a screen; never the key. */
  keyPrefix: string;
  label: string | null;
  status: ApiKeyStatus;
  createdByStaffId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByStaffId: string | null;
}

export function modeEnabled(merchant: Pick<Merchant, 'testModeEnabled' | 'liveModeEnabled'>, mode: ApiKeyMode): boolean {
  return mode === 'live' ? merchant.liveModeEnabled : merchant.testModeEnabled;
}
