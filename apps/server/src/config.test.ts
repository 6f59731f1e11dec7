import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded mode: PGlite in ./data, dev SMS inbox, demo data', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.smsAdapter).toBe('dev-inbox');
    expect(config.demoData).toBe(true);
    expect(config.port).toBe(3000);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrowError(/DEMO_DATA/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'mykassa' })).toThrowError(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrowError(/SECRET_KEY/);
  });

  it('reads the low-value SCA exemption: 15 000 ₸, 5 in a row, 50 000 ₸ in all by default; 0 turns it off', () => {
    expect(loadConfig({}).transfers.scaLowValue).toEqual({ perOperationMaxMinor: 1_500_000n, operationsMax: 5, totalMaxMinor: 5_000_000n });
    expect(loadConfig({ SCA_LOW_VALUE_MAX_MINOR: '0' }).transfers.scaLowValue.perOperationMaxMinor).toBe(0n);
    // RTS art. 16 allows at most five exempted payments in a row.
    expect(() => loadConfig({ SCA_LOW_VALUE_MAX_COUNT: '6' })).toThrowError(/SCA_LOW_VALUE_MAX_COUNT/);
    expect(() => loadConfig({ SCA_LOW_VALUE_MAX_TOTAL_MINOR: '0' })).toThrowError(/SCA_LOW_VALUE_MAX_TOTAL_MINOR/);
  });

  it('refuses unsafe settings in production', () => {
    const safe = {
      NODE_ENV: 'production',
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      SECRET_KEY: 'a'.repeat(64),
      PUBLIC_ORIGIN: 'https://mykassa.kz',
    };
    expect(loadConfig(safe).demoData).toBe(false);
    expect(() => loadConfig({ ...safe, SMS_ADAPTER: 'dev-inbox' })).toThrowError(/SMS_ADAPTER/);
    expect(() => loadConfig({ ...safe, SECRET_KEY: '' })).toThrowError(/SECRET_KEY/);
    expect(() => loadConfig({ ...safe, PUBLIC_ORIGIN: 'http://mykassa.kz' })).toThrowError(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ ...safe, DEMO_DATA: 'true' })).toThrowError(/DEMO_DATA/);
  });
});
