import { inspect } from 'node:util';
import { ConfigError, type Env, integer, oneOf } from './config-parse.js';

/**
 * The card networks' side of the issuer (issue 14 item 6; modules/card-network, docs/card-network.md):
 * the keys each network signs its messages with, how old a signed message may be, and the
 * outbound adapter (messages Kassa sends to a network, issue 14 item 7). Part of Config
 * (config.ts), kept apart like the cards' settings; every variable is in the README's table.
 */

/** One network key: `network.name:hex`; the network is the part before the dot (the whole id without one). */
export interface CardNetworkKey {
  /** What the X-Network-Key-Id header names. */
  id: string;
  /** Whose key it is: messages are idempotent per network, whichever of its keys signed them. */
  network: string;
  secret: Buffer;
}

/** The network keys; their bytes never reach a log or a dump of the configuration. */
export class CardNetworkKeys {
  readonly #byId: ReadonlyMap<string, CardNetworkKey>;

  constructor(keys: readonly CardNetworkKey[]) {
    this.#byId = new Map(keys.map((key) => [key.id, key]));
  }

  find(id: string): CardNetworkKey | null {
    return this.#byId.get(id) ?? null;
  }

  get all(): CardNetworkKey[] {
    return [...this.#byId.values()];
  }

  toJSON(): string {
    return `CardNetworkKeys { ${[...this.#byId.keys()].join(', ')} }`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

export const CARD_NETWORK_OUTBOUND = ['simulated', 'none'] as const;
export type CardNetworkOutbound = (typeof CARD_NETWORK_OUTBOUND)[number];

export interface CardNetworkConfig {
  cardNetwork: {
    /** CARD_NETWORK_KEYS: `id:hex64,…`; several keys of one network let it rotate without a flag day. */
    keys: CardNetworkKeys;
    /** A signed message older (or newer) than this is refused 401: a captured one cannot be replayed later. */
    replayWindowSeconds: number;
    /** simulated: the test double answers (development, tests, the demo); none: every outbound message is refused 91. */
    outbound: CardNetworkOutbound;
  };
}

/** The development key, published here and in docs/card-network.md: production refuses it. */
export const DEV_CARD_NETWORK_KEY_ID = 'kassanet.dev';
const DEV_CARD_NETWORK_KEY_HEX = '6b617373616e65742d6465762d6f6e6c792d6e6574776f726b2d6b6579303031';

const KEY_ID = /^([a-z0-9-]{1,32})(?:\.([a-z0-9-]{1,16}))?$/;
const HEX_64 = /^[0-9a-fA-F]{64}$/;
const KEYS_MAX = 16;

function parseKeys(raw: string): CardNetworkKeys {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || entries.length > KEYS_MAX) {
    throw new ConfigError('CARD_NETWORK_KEYS', `expected 1 to ${KEYS_MAX} keys "network.name:hex64", comma-separated`);
  }
  const keys: CardNetworkKey[] = [];
  for (const entry of entries) {
    const [id = '', hex = '', ...rest] = entry.split(':');
    const match = KEY_ID.exec(id);
    if (!match?.[1] || rest.length > 0)
      throw new ConfigError('CARD_NETWORK_KEYS', `key id "${id}" must be "network" or "network.name" (a-z 0-9 -)`);
    // Never the key's text in the message: it may be a real key with one digit wrong.
    if (!HEX_64.test(hex)) throw new ConfigError('CARD_NETWORK_KEYS', `key ${id}: must be 64 hex characters (openssl rand -hex 32)`);
    if (keys.some((key) => key.id === id)) throw new ConfigError('CARD_NETWORK_KEYS', `key ${id} is listed twice`);
    keys.push({ id, network: match[1], secret: Buffer.from(hex, 'hex') });
  }
  return new CardNetworkKeys(keys);
}

export function cardNetworkConfig(env: Env, nodeEnv: string): CardNetworkConfig {
  const raw = env.CARD_NETWORK_KEYS;
  return {
    cardNetwork: {
      keys: parseKeys(raw === undefined || raw === '' ? `${DEV_CARD_NETWORK_KEY_ID}:${DEV_CARD_NETWORK_KEY_HEX}` : raw),
      // Five minutes either way: a network's clock may be that far off ours, and a retry comes sooner.
      replayWindowSeconds: integer(env, 'CARD_NETWORK_REPLAY_WINDOW_SECONDS', 300, 30, 900),
      outbound: oneOf(env, 'CARD_NETWORK_OUTBOUND', CARD_NETWORK_OUTBOUND, nodeEnv === 'production' ? 'none' : 'simulated'),
    },
  };
}

/** Production: real keys only, and no simulated network. */
export function refuseUnsafeCardNetwork(config: CardNetworkConfig, env: Env): void {
  if (!env.CARD_NETWORK_KEYS) {
    throw new ConfigError(
      'CARD_NETWORK_KEYS',
      'is required in production ("network.k1:" followed by openssl rand -hex 32, one per network key)',
    );
  }
  const dev = Buffer.from(DEV_CARD_NETWORK_KEY_HEX, 'hex');
  if (config.cardNetwork.keys.all.some((key) => key.secret.equals(dev))) {
    throw new ConfigError('CARD_NETWORK_KEYS', 'holds the development key, which is published in the source; production refuses it');
  }
  if (config.cardNetwork.outbound === 'simulated') {
    throw new ConfigError('CARD_NETWORK_OUTBOUND', 'simulated is the test double of the network; production refuses it');
  }
}
