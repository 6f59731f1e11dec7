import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_CARD_KEYS } from '../test/production-keys.js';
import { loadConfig } from './config.js';
import { DEV_CARD_NETWORK_KEY_ID } from './config-card-network.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  SMS_ADAPTER: 'http',
  SMS_HTTP_URL: 'https://sms.example/send',
  SECRET_KEY: 'a'.repeat(64),
  ...PRODUCTION_CARD_KEYS,
  CARD_NETWORK_KEYS: `visa.k1:${'d7'.repeat(32)},visa.k2:${'e8'.repeat(32)},kzswitch:${'f9'.repeat(32)}`,
  PUBLIC_ORIGIN: 'https://mykassa.kz',
};

describe('CARD_NETWORK_KEYS and the outbound network', () => {
  it('reads each key with its network, keeps several keys of one network, and never prints a key', () => {
    const { cardNetwork } = loadConfig(PRODUCTION);
    expect(cardNetwork.keys.all.map((key) => [key.id, key.network])).toEqual([
      ['visa.k1', 'visa'],
      ['visa.k2', 'visa'],
      ['kzswitch', 'kzswitch'],
    ]);
    expect(cardNetwork.keys.find('visa.k2')?.secret.toString('hex')).toBe('e8'.repeat(32));
    expect(cardNetwork.outbound).toBe('none');
    expect(cardNetwork.replayWindowSeconds).toBe(300);
    const printed = `${inspect(cardNetwork)} ${JSON.stringify(cardNetwork)}`;
    expect(printed).not.toContain('d7d7');
    expect(printed).toContain('visa.k1');
  });

  it('defaults to the development key and the simulator outside production', () => {
    const { cardNetwork } = loadConfig({});
    expect(cardNetwork.keys.all.map((key) => key.id)).toEqual([DEV_CARD_NETWORK_KEY_ID]);
    expect(cardNetwork.outbound).toBe('simulated');
  });

  it('refuses malformed keys, without echoing a key', () => {
    expect(() => loadConfig({ CARD_NETWORK_KEYS: 'visa.k1:abcd' })).toThrowError(/CARD_NETWORK_KEYS.*64 hex/);
    expect(() => loadConfig({ CARD_NETWORK_KEYS: `Visa:${'d7'.repeat(32)}` })).toThrowError(/key id "Visa"/);
    expect(() => loadConfig({ CARD_NETWORK_KEYS: `visa.k1:${'d7'.repeat(32)},visa.k1:${'e8'.repeat(32)}` })).toThrowError(/twice/);
    const almost = `visa.k1:${'d7'.repeat(31)}zz`;
    expect(() => loadConfig({ CARD_NETWORK_KEYS: almost })).toThrowError(/^(?![\s\S]*d7d7)[\s\S]*key visa\.k1/);
    expect(() => loadConfig({ CARD_NETWORK_REPLAY_WINDOW_SECONDS: '3600' })).toThrowError(/CARD_NETWORK_REPLAY_WINDOW_SECONDS/);
  });

  it('refuses in production: no keys, the development key, the simulated network', () => {
    const { CARD_NETWORK_KEYS: _keys, ...withoutKeys } = PRODUCTION;
    expect(() => loadConfig(withoutKeys)).toThrowError(/CARD_NETWORK_KEYS.*required in production/);
    const devKey = loadConfig({}).cardNetwork.keys.all[0]?.secret.toString('hex');
    expect(() => loadConfig({ ...PRODUCTION, CARD_NETWORK_KEYS: `mine:${devKey}` })).toThrowError(/development key/);
    expect(() => loadConfig({ ...PRODUCTION, CARD_NETWORK_OUTBOUND: 'simulated' })).toThrowError(/CARD_NETWORK_OUTBOUND/);
  });
});
