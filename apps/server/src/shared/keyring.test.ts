import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_CARD_KEYS } from '../../test/production-keys.js';
import { ConfigError, loadConfig } from '../config.js';
import { clientHash, csrfTokenFor, pinHash, tokenHash } from '../modules/auth/auth.fixtures.js';
import { capItem } from '../modules/sca/index.js';
import { KEYRING_KEYS_MAX, Keyring, KeyringFormatError, SealedValueError } from './keyring.js';

// Vectors made outside this code (Python's hmac, hashlib and cryptography's AESGCM) with the key
// 00 01 02 … 1f: they pin the construction, so a change to it cannot pass unnoticed.
const VECTOR_KEY_HEX = Buffer.from(Array.from({ length: 32 }, (_, index) => index)).toString('hex');
const VECTORS = {
  // HMAC-SHA256(key, "session" 00 "tok-123")
  sessionHash: 'd162e7aedbc24565d95249e86c50f6dd72c699dc5c6cae6c86245ef86f3a2318',
  // HMAC-SHA256(key, "pin" 00 "dev_1" 00 "2468")
  pinHash: '412055e78562517ee0812198b1adacf9e7cf0826951161ce71325e84dbb65f0c',
  // HKDF-SHA256(key, salt empty, info "kassa/sub-key/test-purpose/v1", 32)
  subKey: '1b8858484c71296c8a1214a946e5f4ee03bd6d3a69ab0751f84fead8e401944a',
  // AES-256-GCM under HKDF(info "kassa/seal/customer-iin/aes-256-gcm/v1"), IV 64…6f, aad "cus_vector"
  sealedIin: 'ks1.k0.ZGVmZ2hpamtsbW5v.-QuAOnsGvgGiodan.-oIsgjcmHesu_M6uyACbxQ',
};

const OLD_HEX = 'a1'.repeat(32);
const NEW_HEX = 'b2'.repeat(32);

describe('keyring', () => {
  it('reads one 64-hex key as key k0, and a comma list with the current key first', () => {
    const single = Keyring.parse(VECTOR_KEY_HEX);
    expect(single.current.id).toBe('k0');
    expect(single.all.map((key) => key.id)).toEqual(['k0']);
    const ring = Keyring.parse(` k2-2026:${NEW_HEX} , k0:${OLD_HEX.toUpperCase()}`);
    expect(ring.current.id).toBe('k2-2026');
    expect(ring.current.secret.toString('hex')).toBe(NEW_HEX);
    expect(ring.all.map((key) => key.id)).toEqual(['k2-2026', 'k0']);
    expect(ring.byId('k0')?.secret.toString('hex')).toBe(OLD_HEX);
    expect(ring.byId('k9')).toBeNull();
  });

  it('refuses a malformed SECRET_KEY with a message that names the variable and never shows a key', () => {
    const tooMany = Array.from({ length: KEYRING_KEYS_MAX + 1 }, (_, index) => `k${index}:${String(index).padStart(2, '0').repeat(32)}`);
    const cases: Array<[value: string, message: RegExp]> = [
      ['abc', /64 hex characters/],
      [OLD_HEX.slice(2), /64 hex characters/],
      [`K1:${NEW_HEX}`, /entry 1: .*a-z, 0-9 and -/],
      [`k1:${NEW_HEX},:${OLD_HEX}`, /entry 2/],
      [`a-very-long-key-id-indeed:${NEW_HEX}`, /entry 1/],
      [`k1:${NEW_HEX.slice(1)}`, /key k1: must be 64 hex/],
      [`k1:${NEW_HEX},k1:${OLD_HEX}`, /key id k1 is listed twice/],
      [`k1:${NEW_HEX},k0:${NEW_HEX}`, /key k0: the same key is already listed/],
      [tooMany.join(','), new RegExp(`at most ${KEYRING_KEYS_MAX}`)],
    ];
    for (const [value, message] of cases) {
      expect(() => Keyring.parse(value)).toThrowError(KeyringFormatError);
      let thrown: unknown;
      try {
        loadConfig({ SECRET_KEY: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const text = (thrown as Error).message;
      expect(text).toMatch(/^Configuration error in SECRET_KEY: /);
      expect(text).toMatch(message);
      expect(text).not.toContain(NEW_HEX.slice(0, 16));
      expect(text).not.toContain(OLD_HEX.slice(0, 16));
    }
  });

  it('hashes exactly as the keyed hashes stored before the keyring, so a single key keeps verifying them as k0', () => {
    const ring = Keyring.parse(VECTOR_KEY_HEX);
    expect(ring.hmacHex('session', 'tok-123')).toBe(VECTORS.sessionHash);
    expect(ring.hmacHex('pin', 'dev_1', '2468')).toBe(VECTORS.pinHash);
    // The call sites' labels and parts (auth/tokens.ts, sca/caps.ts; sca.service.ts's are pinned by
    // test/key-rotation.test.ts): a label changed there would orphan every hash stored with it.
    expect(tokenHash(ring, 'tok-123')).toBe(VECTORS.sessionHash);
    expect(pinHash(ring, 'dev_1', '2468')).toBe(VECTORS.pinHash);
    expect(clientHash(ring, 'cli_7')).toBe(ring.hmacHex('client', 'cli_7'));
    expect(csrfTokenFor(ring, 'ses_1')).toBe(ring.hmac('csrf', 'ses_1').toString('base64url'));
    expect(capItem(ring, 'registration-iin', '900517412345').hash).toBe(ring.hmacHex('cap-item:registration-iin', '900517412345'));
    expect(ring.subKey('test-purpose').toString('hex')).toBe(VECTORS.subKey);
    expect(ring.open('customer-iin', VECTORS.sealedIin, 'cus_vector')).toBe('900517412345');
  });

  it('verifies and finds a hash made under the old current key once a new key is first; a ring without the old key does not', () => {
    const before = Keyring.parse(OLD_HEX);
    const stored = before.hmacHex('session', 'tok-123');
    const rotated = Keyring.parse(`k1:${NEW_HEX},k0:${OLD_HEX}`);
    expect(rotated.hmacHex('session', 'tok-123')).not.toBe(stored);
    expect(rotated.verifyHmac(stored, 'session', 'tok-123')).toBe(true);
    expect(rotated.verifyHmac(Buffer.from(stored, 'hex'), 'session', 'tok-123')).toBe(true);
    expect(rotated.hmacCandidates('session', 'tok-123')).toEqual([rotated.hmacHex('session', 'tok-123'), stored]);
    expect(rotated.verifyHmac(stored, 'session', 'tok-124')).toBe(false);
    expect(rotated.verifyHmac(stored, 'csrf', 'tok-123')).toBe(false);
    expect(rotated.verifyHmac('not hex', 'session', 'tok-123')).toBe(false);
    expect(rotated.verifyHmac(stored.slice(0, 62), 'session', 'tok-123')).toBe(false);
    const newOnly = Keyring.parse(`k1:${NEW_HEX}`);
    expect(newOnly.verifyHmac(stored, 'session', 'tok-123')).toBe(false);
    expect(newOnly.hmacCandidates('session', 'tok-123')).not.toContain(stored);
  });

  it('opens a value sealed under the old current key once a new key is first, and seals new values under the new key', () => {
    const before = Keyring.parse(OLD_HEX);
    const sealed = before.seal('customer-iin', '900517412345', 'cus_1');
    expect(sealed).toMatch(/^ks1\.k0\./);
    expect(sealed).not.toContain('900517412345');
    expect(before.sealedKeyId(sealed)).toBe('k0');
    const rotated = Keyring.parse(`k1:${NEW_HEX},k0:${OLD_HEX}`);
    expect(rotated.open('customer-iin', sealed, 'cus_1')).toBe('900517412345');
    const resealed = rotated.seal('customer-iin', '900517412345', 'cus_1');
    expect(resealed.startsWith(rotated.sealedPrefix())).toBe(true);
    expect(resealed.startsWith(rotated.sealedPrefix('k0'))).toBe(false);
    expect(rotated.open('customer-iin', resealed, 'cus_1')).toBe('900517412345');
    // The same plaintext twice gives two sealed values (random IVs).
    expect(rotated.seal('customer-iin', '900517412345', 'cus_1')).not.toBe(resealed);
  });

  it('refuses a value under a key id the ring does not hold, altered, or opened for another purpose or row', () => {
    const ring = Keyring.parse(`k1:${NEW_HEX},k0:${OLD_HEX}`);
    const sealed = ring.seal('customer-iin', '900517412345', 'cus_1');
    const refusal = (value: string, purpose = 'customer-iin', aad = 'cus_1'): string => {
      try {
        ring.open(purpose, value, aad);
      } catch (error) {
        expect(error).toBeInstanceOf(SealedValueError);
        return (error as SealedValueError).reason;
      }
      return 'opened';
    };
    const [format, , iv = '', data = '', tag = ''] = sealed.split('.');
    const flip = (text: string): string => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    expect(refusal([format, 'k7', iv, data, tag].join('.'))).toBe('unknown-key');
    expect(() =>
      Keyring.parse(`k1:${NEW_HEX}`).open('customer-iin', Keyring.parse(OLD_HEX).seal('customer-iin', 'x', 'a'), 'a'),
    ).toThrowError(/key k0, which SECRET_KEY no longer holds/);
    // The other key of the ring: the key id is not a free choice either.
    expect(refusal([format, 'k0', iv, data, tag].join('.'))).toBe('does-not-open');
    expect(refusal([format, 'k1', iv, flip(data), tag].join('.'))).toBe('does-not-open');
    expect(refusal([format, 'k1', flip(iv), data, tag].join('.'))).toBe('does-not-open');
    expect(refusal([format, 'k1', iv, data, flip(tag)].join('.'))).toBe('does-not-open');
    expect(refusal([format, 'k1', iv, data.slice(0, -2), tag].join('.'))).toBe('does-not-open');
    expect(refusal(sealed, 'customer-iin', 'cus_2')).toBe('does-not-open');
    expect(refusal(sealed, 'sms-text')).toBe('does-not-open');
    expect(refusal(['ks2', 'k1', iv, data, tag].join('.'))).toBe('malformed');
    expect(refusal([format, 'k1', iv, data].join('.'))).toBe('malformed');
    expect(refusal('900517412345')).toBe('malformed');
    expect(refusal(sealed)).toBe('opened');
  });

  it('keeps sub-keys of different purposes, keys and uses apart', () => {
    const ring = Keyring.parse(`k1:${NEW_HEX},k0:${OLD_HEX}`);
    const subKeys = [ring.subKey('a'), ring.subKey('b'), ring.subKey('a', 'k0')].map((key) => key.toString('hex'));
    expect(new Set(subKeys).size).toBe(3);
    expect(subKeys).not.toContain(NEW_HEX);
    expect(() => ring.subKey('a', 'k5')).toThrowError(/no key k5/);
    expect(() => ring.subKey('Not A Purpose')).toThrowError(/purpose/);
  });

  it('never shows a key when the ring or the configuration is printed', () => {
    const config = loadConfig({ SECRET_KEY: `k1:${NEW_HEX},k0:${OLD_HEX}` });
    expect(config.keyring.current.secret.toString('hex')).toBe(NEW_HEX);
    expect(JSON.stringify(config.keyring)).toBe('{"current":"k1","keyIds":["k1","k0"]}');
    expect(inspect(config.keyring)).toBe('Keyring { current: k1, keyIds: [k1, k0] }');
    expect(inspect(config.keyring)).not.toContain(NEW_HEX.slice(0, 8));
  });

  it('defaults to the development key as k0, which production refuses anywhere in the ring', () => {
    const development = loadConfig({});
    expect(development.keyring.current.id).toBe('k0');
    const devHex = development.keyring.current.secret.toString('hex');
    const production = {
      NODE_ENV: 'production',
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      PUBLIC_ORIGIN: 'https://mykassa.kz',
      ...PRODUCTION_CARD_KEYS,
    };
    expect(() => loadConfig(production)).toThrowError(/SECRET_KEY.*required/);
    expect(() => loadConfig({ ...production, SECRET_KEY: devHex })).toThrowError(/SECRET_KEY.*development key/);
    expect(() => loadConfig({ ...production, SECRET_KEY: `k1:${NEW_HEX},k0:${devHex}` })).toThrowError(/development key/);
    expect(loadConfig({ ...production, SECRET_KEY: `k1:${NEW_HEX},k0:${OLD_HEX}` }).keyring.current.id).toBe('k1');
  });
});
