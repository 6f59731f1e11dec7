import { Type } from 'typebox';
import { Id, literalUnion, Timestamp } from '../../shared/schemas.js';
import { API_KEY_MODES, API_KEY_STATUSES, MERCHANT_STATUSES, type Merchant, type MerchantApiKey } from './merchants.types.js';

/** What staff see of a merchant and of its keys. A key's text is in no view; only its creation answer holds it. */

export const MerchantView = Type.Object({
  id: Id('mch'),
  legalName: Type.String(),
  displayName: Type.String({ description: 'DE43: 1-25 printable ASCII, on the buyer’s statement and the checkout' }),
  mdrBps: Type.Integer({ minimum: 0, maximum: 1000, description: 'Merchant discount rate in basis points (150 = 1.5 %)' }),
  bin: Type.String({ description: 'Business identification number, 12 digits' }),
  mcc: Type.String({ description: 'ISO 18245 merchant category code' }),
  settlementIban: Type.String({ description: 'KZ IBAN the payouts go to' }),
  returnOrigins: Type.Array(Type.String(), { description: 'The origins a payment’s return URL may be on' }),
  status: literalUnion(MERCHANT_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  testModeEnabled: Type.Boolean(),
  liveModeEnabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApiKeyView = Type.Object({
  id: Id('mkey'),
  mode: literalUnion(API_KEY_MODES),
  keyPrefix: Type.String({ description: 'The first characters of the key (sk_test_AbCd), to tell keys apart' }),
  label: Type.Union([Type.String(), Type.Null()]),
  status: literalUnion(API_KEY_STATUSES),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});

export const MerchantFileView = Type.Object({ merchant: MerchantView, keys: Type.Array(ApiKeyView) });

export const MerchantPage = Type.Object({
  items: Type.Array(MerchantView),
  nextCursor: Type.Union([Id('mch'), Type.Null()], { description: 'Pass as `after` for the next page; null on the last' }),
});

export const CreatedApiKey = Type.Object({
  apiKey: ApiKeyView,
  secret: Type.String({
    description: 'The key itself (sk_test_… / sk_live_…). Shown in this answer only: Kassa keeps a keyed hash and cannot show it again',
  }),
});

export function merchantJson(merchant: Merchant) {
  return {
    id: merchant.id,
    legalName: merchant.legalName,
    displayName: merchant.displayName,
    mdrBps: merchant.mdrBps,
    bin: merchant.bin,
    mcc: merchant.mcc,
    settlementIban: merchant.settlementIban,
    returnOrigins: merchant.returnOrigins,
    status: merchant.status,
    statusReason: merchant.statusReason,
    testModeEnabled: merchant.testModeEnabled,
    liveModeEnabled: merchant.liveModeEnabled,
    createdAt: merchant.createdAt.toISOString(),
    updatedAt: merchant.updatedAt.toISOString(),
  };
}

export function apiKeyJson(key: MerchantApiKey) {
  return {
    id: key.id,
    mode: key.mode,
    keyPrefix: key.keyPrefix,
    label: key.label,
    status: key.status,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
