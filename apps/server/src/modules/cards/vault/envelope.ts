import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { assert } from '../../../shared/assert.js';
import type { Keyring } from '../../../shared/keyring.js';

/**
 * The vault's cryptography, in one place: AES-256-GCM for PANs (under a data key) and for data
 * keys (under a CARD_KEK sub-key), and the look-up HMAC. Every function that holds a key or a
 * plaintext in a Buffer it made zeroes that Buffer before it returns; the caller zeroes the keys
 * it is handed (vault.ts, in a finally).
 */

export const DATA_KEY_BYTES = 32;
// NIST SP 800-38D §8.2.2: random 96-bit IVs stay safe up to 2^32 encryptions under one key; the
// data-key rotation rule (data-keys.ts) keeps each key far below that.
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** A ciphertext with the IV and tag it needs, as the vault's rows keep them. */
export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** The HKDF purpose of the key that wraps data keys: a CARD_KEK key is used for nothing else. */
const WRAP_PURPOSE = 'card-vault/data-key-wrap';
/** The HMAC label of PAN look-ups. */
const LOOKUP_LABEL = 'card-vault/pan-lookup/v1';

export function encrypt(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  assert(key.length === DATA_KEY_BYTES, 'AES-256 wants a 32-byte key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts and authenticates; throws VaultIntegrityError when the row was altered or moved (the AAD). */
export function decrypt(key: Buffer, sealed: Sealed, aad: string, what: string): Buffer {
  assert(key.length === DATA_KEY_BYTES, 'AES-256 wants a 32-byte key');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new VaultIntegrityError(`${what} does not decrypt: altered, or copied from another row`);
  }
}

/**
 * Stored vault data that does not decrypt. Never a business failure: the rows were altered or
 * moved, or the key that wraps them was replaced under the same id. The message names rows and
 * key ids only, never key material or a PAN.
 */
export class VaultIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultIntegrityError';
  }
}

/** The associated data of a wrapped data key: the key's id and purpose, so a wrapped key moved to another row does not unwrap. */
export function dataKeyAad(dataKeyId: string, purpose: string): string {
  return `card-vault/data-key/v1/${dataKeyId}/${purpose}`;
}

/** The associated data of a PAN: its vault id, so a ciphertext copied onto another row does not open there. */
export function panAad(vaultId: string): string {
  return `card-vault/pan/v1/${vaultId}`;
}

/**
 * The key that wraps data keys under CARD_KEK key `kekId`: an HKDF-SHA256 sub-key (RFC 5869), so
 * the CARD_KEK key itself encrypts nothing. Throws VaultIntegrityError for an id CARD_KEK lacks.
 */
export function wrappingKey(kek: Keyring, kekId: string): Buffer {
  if (!kek.byId(kekId)) {
    throw new VaultIntegrityError(
      `a data key is wrapped under CARD_KEK key ${kekId}, which CARD_KEK does not hold (it holds ${kek.all.map((key) => key.id).join(', ')})`,
    );
  }
  return kek.subKey(WRAP_PURPOSE, kekId);
}

/** HMAC-SHA256 of the PAN under the look-up key: the PAN's only form a query ever compares. */
export function panHmac(lookupKey: Buffer, pan: string): Buffer {
  assert(lookupKey.length === DATA_KEY_BYTES, 'the look-up key is 32 bytes');
  return createHmac('sha256', lookupKey).update(LOOKUP_LABEL).update('\0').update(pan, 'ascii').digest();
}

/** Overwrites key material or a plaintext once it has served (JS strings cannot be; Buffers can). */
export function zero(...buffers: Buffer[]): void {
  for (const buffer of buffers) buffer.fill(0);
}
