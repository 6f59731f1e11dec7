import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { CardVerificationKey } from './config-card-keys.js';

const KEK_HEX = 'c5'.repeat(32);
const OLD_KEK_HEX = 'd6'.repeat(32);
const CVK_HEX = `${'1c'.repeat(8)}${'2d'.repeat(8)}`;
const SAFE_PRODUCTION = {
  NODE_ENV: 'production',
  SMS_ADAPTER: 'http',
  SMS_HTTP_URL: 'https://sms.example/send',
  SECRET_KEY: 'a'.repeat(64),
  PUBLIC_ORIGIN: 'https://mykassa.kz',
  CARD_KEK: `k2:${KEK_HEX},k1:${OLD_KEK_HEX}`,
  CARD_CVK: CVK_HEX,
};

describe('card keys in the configuration (CARD_KEK, CARD_CVK)', () => {
  it('reads CARD_KEK as a keyring with the current key first, and CARD_CVK as key A then key B', () => {
    const config = loadConfig({ CARD_KEK: SAFE_PRODUCTION.CARD_KEK, CARD_CVK: CVK_HEX });
    expect(config.cardKek.current.id).toBe('k2');
    expect(config.cardKek.all.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(config.cardKek.byId('k1')?.secret.toString('hex')).toBe(OLD_KEK_HEX);
    expect(config.cardCvk.a.toString('hex')).toBe('1c'.repeat(8));
    expect(config.cardCvk.b.toString('hex')).toBe('2d'.repeat(8));
  });

  it('has development defaults, which production refuses as published', () => {
    const development = loadConfig({});
    expect(development.cardKek.current.id).toBe('dev');
    const devKek = `dev:${development.cardKek.current.secret.toString('hex')}`;
    expect(() => loadConfig({ ...SAFE_PRODUCTION, CARD_KEK: devKek })).toThrowError(/CARD_KEK.*development key/);
    expect(() => loadConfig({ ...SAFE_PRODUCTION, CARD_KEK: `k9:${KEK_HEX},${devKek}` })).toThrowError(/CARD_KEK.*development key/);
    expect(() => loadConfig({ ...SAFE_PRODUCTION, CARD_CVK: '0123456789ABCDEFFEDCBA9876543210' })).toThrowError(/CARD_CVK.*development/);
  });

  it('requires both in production', () => {
    expect(() => loadConfig({ ...SAFE_PRODUCTION, CARD_KEK: '' })).toThrowError(/CARD_KEK.*required in production/);
    expect(() => loadConfig({ ...SAFE_PRODUCTION, CARD_CVK: '' })).toThrowError(/CARD_CVK.*required in production/);
  });

  it('refuses, in any environment, a CARD_KEK key that is also a SECRET_KEY key', () => {
    expect(() => loadConfig({ SECRET_KEY: KEK_HEX, CARD_KEK: `k1:${KEK_HEX}` })).toThrowError(
      /CARD_KEK: key k1 is also a key of SECRET_KEY/,
    );
    expect(() =>
      loadConfig({ SECRET_KEY: `s2:${'e7'.repeat(32)},s1:${OLD_KEK_HEX}`, CARD_KEK: `k2:${KEK_HEX},k1:${OLD_KEK_HEX}` }),
    ).toThrowError(/key k1 is also a key of SECRET_KEY/);
  });

  it('refuses malformed values with messages that name the variable and show no key', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ CARD_KEK: KEK_HEX }, /CARD_KEK: must be "id:hex64/],
      [{ CARD_KEK: `k1:${KEK_HEX.slice(2)}` }, /CARD_KEK: key k1: must be 64 hex/],
      [{ CARD_KEK: `k1:${KEK_HEX},k1:${OLD_KEK_HEX}` }, /CARD_KEK: key id k1 is listed twice/],
      [{ CARD_CVK: CVK_HEX.slice(1) }, /CARD_CVK: must be 32 hex digits/],
      [{ CARD_CVK: 'zz'.repeat(16) }, /CARD_CVK: must be 32 hex digits/],
      // A = B would make the A|B|A step single DES.
      [{ CARD_CVK: '1c'.repeat(16) }, /CARD_CVK: key A and key B are the same key/],
    ];
    for (const [env, message] of cases) {
      let thrown: unknown;
      try {
        loadConfig(env);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain(KEK_HEX.slice(0, 8));
      expect((thrown as Error).message).not.toContain('1c1c1c');
    }
  });

  it('never prints key material when the configuration is logged or inspected', () => {
    const config = loadConfig({ CARD_KEK: SAFE_PRODUCTION.CARD_KEK, CARD_CVK: CVK_HEX });
    const printed = `${JSON.stringify({ kek: config.cardKek, cvk: config.cardCvk })} ${inspect(config.cardKek)} ${inspect(config.cardCvk)}`;
    expect(printed).not.toContain(KEK_HEX.slice(0, 8));
    expect(printed).not.toContain('1c1c1c');
    expect(printed).toContain('k2');
    expect(inspect(CardVerificationKey.parse(CVK_HEX))).toBe('CardVerificationKey { set }');
  });
});
