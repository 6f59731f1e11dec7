import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-parse.js';
import { smppConfig } from './config-smpp.js';

const SMPP_ENV = { SMPP_HOST: 'smsc.operator.kz', SMPP_SYSTEM_ID: 'kassa', SMPP_PASSWORD: 'secret12', SMPP_SOURCE_ADDR: 'Kassa' };

describe('SMPP configuration', () => {
  it('is absent under the other SMS adapters, whatever SMPP variables are set', () => {
    expect(smppConfig(SMPP_ENV, 'dev-inbox')).toEqual({ smpp: null });
  });

  it('takes the defaults of the tunables under SMS_ADAPTER=smpp', () => {
    expect(smppConfig(SMPP_ENV, 'smpp').smpp).toEqual({
      host: 'smsc.operator.kz',
      port: 2775,
      systemId: 'kassa',
      password: 'secret12',
      systemType: '',
      sourceAddr: 'Kassa',
      tls: false,
      windowSize: 10,
      enquireLinkSeconds: 30,
    });
  });

  it('requires the host, the credentials and the sender, and refuses a sender a handset cannot show', () => {
    for (const name of Object.keys(SMPP_ENV)) {
      expect(() => smppConfig({ ...SMPP_ENV, [name]: '' }, 'smpp')).toThrow(new ConfigError(name, 'is required when SMS_ADAPTER=smpp'));
    }
    expect(() => smppConfig({ ...SMPP_ENV, SMPP_SOURCE_ADDR: 'Kassa Bank KZ' }, 'smpp')).toThrow(/SMPP_SOURCE_ADDR/);
    expect(() => smppConfig({ ...SMPP_ENV, SMPP_WINDOW: '0' }, 'smpp')).toThrow(/SMPP_WINDOW/);
    expect(() => smppConfig({ ...SMPP_ENV, SMPP_PASSWORD: 'muchtoolong' }, 'smpp')).toThrow(/SMPP_PASSWORD/);
  });
});
