import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { assert } from './assert.js';

/**
 * The server's secret keys (SECRET_KEY), each with an id, for rotation without a flag day
 * (SECURITY.md 39). The first key is the current one: every new keyed hash and every new sealed
 * value is made with it. The others only verify and open what they made before a rotation, until
 * docs/OPERATIONS.md "Keys and rotation" removes them.
 *
 * - `hmac` / `hmacHex`: a keyed hash under the current key, to store.
 * - `hmacCandidates`: the hash under every key, for a look-up (`WHERE hash = ANY($1)`).
 * - `verifyHmac`: a stored hash matches under some key (constant time per key).
 * - `seal` / `open`: AES-256-GCM under a per-purpose HKDF sub-key; the sealed text names its key.
 * - `subKey`: a per-purpose HKDF sub-key, for a use the functions above do not cover.
 *
 * The hash construction is HMAC-SHA256(key, label ‖ 0x00 ‖ part₁ ‖ 0x00 ‖ part₂ …), the one every
 * keyed hash used before the keyring (auth/tokens.ts, sca/sca.service.ts, sca/caps.ts): a single
 * 64-hex SECRET_KEY becomes key `k0`, so every hash already stored verifies as before.
 */

/** Key ids are named in SECRET_KEY and written into every sealed value: short, plain, unambiguous. */
export const KEY_ID_PATTERN = /^[a-z0-9-]{1,16}$/;
/** The id of a SECRET_KEY given as a single 64-hex key (as before keyrings). */
export const SINGLE_KEY_ID = 'k0';
/** 256-bit keys: HMAC-SHA256 and AES-256 want no more, and nothing less is accepted. */
export const KEY_BYTES = 32;
// A ring holds the current key and the few that still verify; every look-up hashes once per key.
export const KEYRING_KEYS_MAX = 8;

/** The version of the sealed format: `ks1.<key id>.<iv>.<ciphertext>.<tag>`, each part base64url. */
const SEALED_FORMAT = 'ks1';
// NIST SP 800-38D §8.2.2: random 96-bit IVs are safe for up to 2^32 seals under one sub-key, far
// more than a bank seals between two rotations (one per customer and purpose).
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Purposes and labels are code constants ('customer-iin'), never data. */
const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9:/-]{0,63}$/;
// Sub-keys are cached per key and purpose; purposes are code constants, so this is never reached.
const SUB_KEYS_CACHED_MAX = 256;

export interface KeyringKey {
  readonly id: string;
  /** 32 bytes. Never logged: the ring prints its ids only. */
  readonly secret: Buffer;
}

/** SECRET_KEY is not a key or a list of keys. The message never contains key material. */
export class KeyringFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringFormatError';
  }
}

export type SealedValueFailure = 'malformed' | 'unknown-key' | 'does-not-open';

/**
 * A sealed value that does not open: not in the sealed format, under a key the ring no longer
 * holds, or altered (or sealed for another purpose or context). Stored data should always open,
 * so callers usually let it throw; the reason is there for those that must tell.
 */
export class SealedValueError extends Error {
  constructor(
    readonly reason: SealedValueFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SealedValueError';
  }
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;

export class Keyring {
  readonly current: KeyringKey;
  /** The current key first, then the older ones in the order SECRET_KEY lists them. */
  readonly all: readonly KeyringKey[];
  readonly #byId: ReadonlyMap<string, KeyringKey>;
  readonly #subKeys = new Map<string, Buffer>();

  constructor(keys: readonly KeyringKey[]) {
    assert(keys.length >= 1 && keys.length <= KEYRING_KEYS_MAX, `a keyring holds 1 to ${KEYRING_KEYS_MAX} keys`);
    const byId = new Map<string, KeyringKey>();
    for (const key of keys) {
      assert(KEY_ID_PATTERN.test(key.id), `key id ${key.id} must match ${KEY_ID_PATTERN}`);
      assert(key.secret.length === KEY_BYTES, `key ${key.id} must be ${KEY_BYTES} bytes`);
      assert(!byId.has(key.id), `key id ${key.id} is listed twice`);
      byId.set(key.id, { id: key.id, secret: Buffer.from(key.secret) });
    }
    this.all = [...byId.values()];
    this.current = this.all[0] as KeyringKey;
    this.#byId = byId;
  }

  /**
   * SECRET_KEY: one 64-hex key (id `k0`), or `id:hex64,id:hex64,…` with the current key first.
   * Throws KeyringFormatError with a message fit to show (no key material in it).
   */
  static parse(value: string): Keyring {
    const trimmed = value.trim();
    if (HEX_64.test(trimmed)) return new Keyring([{ id: SINGLE_KEY_ID, secret: Buffer.from(trimmed, 'hex') }]);
    if (!trimmed.includes(':')) {
      throw new KeyringFormatError(
        'must be 64 hex characters (32 random bytes: openssl rand -hex 32), or a keyring "id:hex64,id:hex64" with the current key first',
      );
    }
    const entries = trimmed.split(',').map((entry) => entry.trim());
    if (entries.length > KEYRING_KEYS_MAX) {
      throw new KeyringFormatError(`holds ${entries.length} keys; at most ${KEYRING_KEYS_MAX} (remove the keys rotated out)`);
    }
    const keys: KeyringKey[] = [];
    const seenIds = new Set<string>();
    const seenSecrets = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const position = `entry ${index + 1}`;
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon);
      const hex = colon < 0 ? '' : entry.slice(colon + 1);
      if (!KEY_ID_PATTERN.test(id)) {
        throw new KeyringFormatError(`${position}: expected "id:hex64" with an id of 1 to 16 characters a-z, 0-9 and -`);
      }
      if (!HEX_64.test(hex)) throw new KeyringFormatError(`key ${id}: must be 64 hex characters (openssl rand -hex 32)`);
      if (seenIds.has(id)) throw new KeyringFormatError(`key id ${id} is listed twice`);
      const secret = hex.toLowerCase();
      // One secret under two ids would make sealed values name a key the procedure later removes.
      if (seenSecrets.has(secret)) throw new KeyringFormatError(`key ${id}: the same key is already listed under another id`);
      seenIds.add(id);
      seenSecrets.add(secret);
      keys.push({ id, secret: Buffer.from(secret, 'hex') });
    }
    return new Keyring(keys);
  }

  byId(id: string): KeyringKey | null {
    return this.#byId.get(id) ?? null;
  }

  /** The keyed hash under the current key (HMAC-SHA256, see the construction above). */
  hmac(label: string, ...parts: string[]): Buffer {
    return hmacWith(this.current, label, parts);
  }

  hmacHex(label: string, ...parts: string[]): string {
    return this.hmac(label, ...parts).toString('hex');
  }

  /** The hex hash under every key, current first: a stored hash made before a rotation is among them. */
  hmacCandidates(label: string, ...parts: string[]): string[] {
    return this.all.map((key) => hmacWith(key, label, parts).toString('hex'));
  }

  /**
   * True when `stored` (raw bytes, or hex) is the hash of these parts under any key of the ring.
   * Each comparison is timingSafeEqual, and every key is tried, so the time tells nothing.
   */
  verifyHmac(stored: Buffer | string, label: string, ...parts: string[]): boolean {
    const given = typeof stored === 'string' ? hexBytes(stored) : stored;
    if (!given) return false;
    let matched = false;
    for (const key of this.all) {
      const expected = hmacWith(key, label, parts);
      if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
    }
    return matched;
  }

  /**
   * A 32-byte key for `purpose`, derived by HKDF-SHA256 (RFC 5869) from a key of the ring (the
   * current one unless named). Sub-keys of different purposes are independent, so one that leaks
   * opens nothing else and hashes nothing the ring hashes. Never the same as the key `seal` uses.
   */
  subKey(purpose: string, keyId: string = this.current.id): Buffer {
    const key = this.byId(keyId);
    assert(key, `no key ${keyId} in the keyring`);
    return Buffer.from(this.#derive(key, `kassa/sub-key/${checkedPurpose(purpose)}/v1`));
  }

  /**
   * AES-256-GCM under the current key's sub-key for `purpose`. `aad` is authenticated, not
   * encrypted: it binds the sealed value to where it is kept (a row id), so a value copied into
   * another row does not open there. The result names the key id, so it opens after a rotation.
   */
  seal(purpose: string, plaintext: string, aad: string): string {
    const key = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey(key, purpose), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [SEALED_FORMAT, key.id, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
      '.',
    );
  }

  /** Opens what `seal` made under any key of the ring, for the same purpose and aad; throws SealedValueError otherwise. */
  open(purpose: string, sealed: string, aad: string): string {
    const parsed = parseSealed(sealed);
    if (!parsed) throw new SealedValueError('malformed', 'not a sealed value');
    const key = this.byId(parsed.keyId);
    if (!key) {
      throw new SealedValueError(
        'unknown-key',
        `sealed under key ${parsed.keyId}, which SECRET_KEY no longer holds (keys: ${this.all.map((held) => held.id).join(', ')})`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#sealKey(key, purpose), parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([decipher.update(parsed.data), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError(
        'does-not-open',
        `a value sealed under key ${key.id} does not open: altered, or sealed for another purpose or row`,
      );
    }
  }

  /** The id of the key a sealed value names, or null when it is not a sealed value. */
  sealedKeyId(sealed: string): string | null {
    return parseSealed(sealed)?.keyId ?? null;
  }

  /**
   * Every value sealed under `keyId` starts with this, so SQL can find the values under older
   * keys: `WHERE NOT starts_with(column, $1)` with the current key's prefix (keys:rotate).
   */
  sealedPrefix(keyId: string = this.current.id): string {
    assert(KEY_ID_PATTERN.test(keyId), `key id ${keyId} must match ${KEY_ID_PATTERN}`);
    return `${SEALED_FORMAT}.${keyId}.`;
  }

  /** What a log line or a dump of the config shows: the ids, never the keys. */
  toJSON(): { current: string; keyIds: string[] } {
    return { current: this.current.id, keyIds: this.all.map((key) => key.id) };
  }

  [inspect.custom](): string {
    return `Keyring { current: ${this.current.id}, keyIds: [${this.all.map((key) => key.id).join(', ')}] }`;
  }

  #sealKey(key: KeyringKey, purpose: string): Buffer {
    return this.#derive(key, `kassa/seal/${checkedPurpose(purpose)}/aes-256-gcm/v1`);
  }

  #derive(key: KeyringKey, info: string): Buffer {
    const cacheKey = `${key.id}\0${info}`;
    const cached = this.#subKeys.get(cacheKey);
    if (cached) return cached;
    assert(this.#subKeys.size < SUB_KEYS_CACHED_MAX, 'more sub-keys than purposes: a purpose must be a constant, not data');
    // The keys are 32 random bytes already, so HKDF needs no salt to extract from them (RFC 5869 §3.1).
    const derived = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), info, KEY_BYTES));
    this.#subKeys.set(cacheKey, derived);
    return derived;
  }
}

function checkedPurpose(purpose: string): string {
  assert(PURPOSE_PATTERN.test(purpose), `purpose ${purpose} must match ${PURPOSE_PATTERN}`);
  return purpose;
}

function hmacWith(key: KeyringKey, label: string, parts: readonly string[]): Buffer {
  assert(label.length > 0 && !label.includes('\0'), 'an HMAC label is a non-empty constant without NUL');
  // With a fixed number of parts per label, parts joined by NUL are one-to-one as long as no part
  // but the last holds a NUL; the last may (it is often what a caller sent).
  for (const part of parts.slice(0, -1)) assert(!part.includes('\0'), `a part of the ${label} hash other than the last holds a NUL`);
  const hmac = createHmac('sha256', key.secret).update(label);
  for (const part of parts) hmac.update('\0').update(part);
  return hmac.digest();
}

function hexBytes(hex: string): Buffer | null {
  return hex.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function parseSealed(sealed: string): { keyId: string; iv: Buffer; data: Buffer; tag: Buffer } | null {
  const fields = sealed.split('.');
  if (fields.length !== 5) return null;
  const [format = '', keyId = '', iv = '', data = '', tag = ''] = fields;
  if (format !== SEALED_FORMAT || !KEY_ID_PATTERN.test(keyId)) return null;
  // The ciphertext of an empty plaintext is empty; the IV and the tag never are.
  if (!BASE64URL.test(iv) || !BASE64URL.test(tag) || (data !== '' && !BASE64URL.test(data))) return null;
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return null;
  return { keyId, iv: ivBytes, data: Buffer.from(data, 'base64url'), tag: tagBytes };
}
