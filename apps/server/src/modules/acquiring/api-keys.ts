import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import type { Keyring } from '../../shared/keyring.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { AcquiringProblem } from './acquiring.errors.js';
import { countActiveKeys, findApiKey, insertApiKey, lockMerchant, revokeApiKey } from './acquiring.repo.js';
import { type ApiKeyMode, type MerchantApiKey, modeEnabled } from './merchants.types.js';

/**
 * Merchants' secret API keys (issue 15 item 1): `sk_test_…` / `sk_live_…` and 32 random bytes from
 * the CSPRNG in base64url (256 bits, as session tokens: auth/tokens.ts). The key is shown once, in
 * the answer that creates it; the table keeps its keyed hash (HMAC under the keyring, so a dump of
 * the table authenticates nobody and a rotation of SECRET_KEY orphans no key: look-ups try every
 * key's hash) and its first characters for display.
 */

const KEY_SECRET_BYTES = 32;
// 32 bytes in base64url without padding.
const KEY_SECRET_LENGTH = 43;
/** The HMAC label of a key's hash: part of every stored hash, so never changed. */
const API_KEY_LABEL = 'merchant-api-key';
/** Characters of the secret part kept for display after `sk_test_`: 24 bits, telling keys apart only. */
const KEY_PREFIX_SECRET_CHARACTERS = 4;
/** Active keys per merchant and mode: enough to rotate (old and new side by side), few enough to audit. */
export const ACTIVE_KEYS_PER_MODE_MAX = 5;
export const API_KEY_LABEL_LENGTH_MAX = 100;

export const API_KEY_PATTERN = new RegExp(`^sk_(test|live)_[A-Za-z0-9_-]{${KEY_SECRET_LENGTH}}$`);

export function keyHash(keyring: Keyring, key: string): string {
  return keyring.hmacHex(API_KEY_LABEL, key);
}

export function keyHashCandidates(keyring: Keyring, key: string): string[] {
  return keyring.hmacCandidates(API_KEY_LABEL, key);
}

/** Constant time against every key of the ring (keyring.verifyHmac). */
export function keyHashMatches(keyring: Keyring, storedHash: string, key: string): boolean {
  return keyring.verifyHmac(storedHash, API_KEY_LABEL, key);
}

/** `sk_test_AbCd` of a key (what screens and the audit log may show). */
export function keyPrefixOf(key: string): string {
  const match = /^(sk_(?:test|live)_)/.exec(key);
  const head = match?.[1] ?? '';
  return key.slice(0, head.length + KEY_PREFIX_SECRET_CHARACTERS);
}

export function newApiKey(mode: ApiKeyMode): string {
  return `sk_${mode}_${randomBytes(KEY_SECRET_BYTES).toString('base64url')}`;
}

interface StaffAct {
  staffId: string;
  meta: RequestMeta;
}

/**
 * A new active key of the merchant in `mode`: the record and the key itself, which the caller
 * shows once and keeps nowhere. The merchant's row is locked so parallel requests cannot pass the
 * cap on active keys together.
 */
export async function createApiKey(
  ctx: AppContext,
  input: StaffAct & { merchantId: string; mode: ApiKeyMode; label: string | null },
): Promise<{ record: MerchantApiKey; key: string }> {
  const now = ctx.clock.now();
  const key = newApiKey(input.mode);
  const record: MerchantApiKey = {
    id: newId('mkey'),
    merchantId: input.merchantId,
    mode: input.mode,
    keyPrefix: keyPrefixOf(key),
    label: input.label,
    status: 'active',
    createdByStaffId: input.staffId,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
    revokedByStaffId: null,
  };
  await ctx.db.transaction(async (tx) => {
    const merchant = await lockMerchant(tx, input.merchantId);
    if (!merchant) throw new ProblemError(AcquiringProblem['merchant-not-found']);
    if (merchant.status !== 'active') throw new ProblemError(AcquiringProblem['merchant-suspended']);
    if (!modeEnabled(merchant, input.mode)) throw new ProblemError(AcquiringProblem['merchant-mode-disabled']);
    if ((await countActiveKeys(tx, merchant.id, input.mode)) >= ACTIVE_KEYS_PER_MODE_MAX)
      throw new ProblemError(AcquiringProblem['merchant-api-keys-too-many'], { values: { max: ACTIVE_KEYS_PER_MODE_MAX } });
    await insertApiKey(tx, record, keyHash(ctx.config.keyring, key));
    await recordAudit(tx, {
      event: 'merchant.api_key_created',
      meta: input.meta,
      details: { staffId: input.staffId, merchantId: merchant.id, keyId: record.id, keyPrefix: record.keyPrefix, mode: input.mode },
      occurredAt: now,
    });
  });
  return { record, key };
}

/** Revokes an active key of the merchant at once (the next request with it is refused); 404 otherwise. */
export async function revokeMerchantApiKey(
  ctx: AppContext,
  input: StaffAct & { merchantId: string; keyId: string },
): Promise<MerchantApiKey> {
  const now = ctx.clock.now();
  const revoked = await ctx.db.transaction(async (tx) => {
    const key = await revokeApiKey(tx, { merchantId: input.merchantId, keyId: input.keyId, staffId: input.staffId, now });
    if (!key) return null;
    await recordAudit(tx, {
      event: 'merchant.api_key_revoked',
      meta: input.meta,
      details: { staffId: input.staffId, merchantId: input.merchantId, keyId: key.id, keyPrefix: key.keyPrefix, mode: key.mode },
      occurredAt: now,
    });
    return key;
  });
  if (revoked) return revoked;
  // Revoked already answers with the record as it is (a retry of the same click); unknown is 404.
  const existing = await findApiKey(ctx.db, input.merchantId, input.keyId);
  if (!existing) throw new ProblemError(AcquiringProblem['merchant-api-key-not-found']);
  return existing;
}
