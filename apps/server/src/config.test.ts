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
