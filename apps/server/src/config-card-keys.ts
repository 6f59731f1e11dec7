import { inspect } from 'node:util';
import { ConfigError, type Env } from './config-parse.js';
import { Keyring, KeyringFormatError } from './shared/keyring.js';

/**
 * The keys of the cards (issue 14 items 2-3; docs/card-vault.md): the vault's key-encrypting keys
 * and the card-verification key pair. Part of Config (config.ts), kept apart like the back office's
 * settings; both variables are in the README's configuration table. Neither is SECRET_KEY: a
 * SECRET_KEY that leaks (it sits on every server, in every script's environment) must not open the
 * PANs or let anyone compute a CVC2.
 */
export interface CardKeysConfig {
  /**
   * CARD_KEK: the key-encrypting keys of the card-data vault, `id:hex64,id:hex64,…`, the current
   * key first. The current key wraps every new data key; the others unwrap what they wrapped until
   * `npm run cards:rotate-key` has re-wrapped it (modules/cards/vault/rewrap.ts).
   */
  cardKek: Keyring;
  /** CARD_CVK: the card-verification key pair A|B (two single-DES keys) of the CVV / CVC2 method. */
  cardCvk: CardVerificationKey;
}

// Keys fixed in code are for a developer machine only; production refuses them (they are published).
const DEV_CARD_KEK = 'dev:6b617373612d6465762d6f6e6c792d636172642d7661756c742d6b656b2d3030';
const DEV_CARD_CVK_HEX = '0123456789ABCDEFFEDCBA9876543210';

const KEK_WITH_IDS = /^\s*[^:,\s]+:/;
const HEX_32 = /^[0-9a-fA-F]{32}$/;
/** One single-DES key: 8 bytes, 16 hex digits (its parity bits are not checked; DES ignores them). */
const DES_KEY_BYTES = 8;

/**
 * The CVK pair: key A and key B, 8 bytes each. Its material never reaches a log or a dump of the
 * configuration: toJSON and inspect print only that the key is set.
 */
export class CardVerificationKey {
  readonly a: Buffer;
  readonly b: Buffer;

  private constructor(a: Buffer, b: Buffer) {
    this.a = a;
    this.b = b;
  }

  /** 32 hex digits, A then B. Throws a message fit to show (no key material in it). */
  static parse(value: string): CardVerificationKey {
    const hex = value.trim();
    if (!HEX_32.test(hex)) throw new KeyringFormatError('must be 32 hex digits: key A then key B, 16 each (two single-DES keys)');
    const a = Buffer.from(hex.slice(0, 2 * DES_KEY_BYTES), 'hex');
    const b = Buffer.from(hex.slice(2 * DES_KEY_BYTES), 'hex');
    // A = B turns the A|B|A triple-DES step into single DES: the CVC2 would rest on 56 bits.
    if (a.equals(b)) throw new KeyringFormatError('key A and key B are the same key, which makes the triple DES single DES');
    return new CardVerificationKey(a, b);
  }

  equals(other: CardVerificationKey): boolean {
    return this.a.equals(other.a) && this.b.equals(other.b);
  }

  toJSON(): string {
    return 'CardVerificationKey { set }';
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

function parsed<T>(variable: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof KeyringFormatError) throw new ConfigError(variable, error.message);
    throw error;
  }
}

/** CARD_KEK: only the `id:hex64` form, so no vault key ever takes SECRET_KEY's implicit id k0 by accident. */
function cardKekFromEnv(env: Env): Keyring {
  const raw = env.CARD_KEK;
  if (raw === undefined || raw === '') return Keyring.parse(DEV_CARD_KEK);
  if (!KEK_WITH_IDS.test(raw)) {
    throw new ConfigError('CARD_KEK', 'must be "id:hex64,id:hex64,…" with the current key first (each key: openssl rand -hex 32)');
  }
  return parsed('CARD_KEK', () => Keyring.parse(raw));
}

/**
 * Reads CARD_KEK and CARD_CVK, with development defaults. Refused in every environment: a CARD_KEK
 * key that is also a SECRET_KEY key (the two must be kept apart, or one leak opens both).
 */
export function cardKeysConfig(env: Env, secretKeys: Keyring): CardKeysConfig {
  const cardKek = cardKekFromEnv(env);
  for (const kek of cardKek.all) {
    if (secretKeys.all.some((secret) => secret.secret.equals(kek.secret))) {
      throw new ConfigError('CARD_KEK', `key ${kek.id} is also a key of SECRET_KEY; the vault's key must be a key of its own`);
    }
  }
  const cardCvk = parsed('CARD_CVK', () => CardVerificationKey.parse(env.CARD_CVK || DEV_CARD_CVK_HEX));
  return { cardKek, cardCvk };
}

/** Production: both variables set, and neither the published development value. */
export function refuseUnsafeCardKeys(config: CardKeysConfig, env: Env): void {
  if (!env.CARD_KEK) throw new ConfigError('CARD_KEK', 'is required in production ("k1:" followed by openssl rand -hex 32)');
  const devKek = Keyring.parse(DEV_CARD_KEK).current.secret;
  if (config.cardKek.all.some((key) => key.secret.equals(devKek))) {
    throw new ConfigError('CARD_KEK', 'holds the development key, which is published in the source; production refuses it');
  }
  if (!env.CARD_CVK) throw new ConfigError('CARD_CVK', 'is required in production (32 hex digits: openssl rand -hex 16)');
  if (config.cardCvk.equals(CardVerificationKey.parse(DEV_CARD_CVK_HEX))) {
    throw new ConfigError('CARD_CVK', 'is the development key pair, which is published in the source (and in every CVV test vector)');
  }
}
