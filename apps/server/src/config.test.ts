import { describe, expect, it } from 'vitest';
import { PRODUCTION_CARD_KEYS } from '../test/production-keys.js';
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

  it('reads the ceilings of a limit raise, five times each limit by default, and refuses one below its limit', () => {
    expect(loadConfig({}).transfers.limitRaiseCeilingMinor).toEqual({
      perOperation: 500_000_000n,
      perDay: 1_500_000_000n,
      perMonth: 5_000_000_000n,
    });
    expect(() => loadConfig({ TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR: '100' })).toThrowError(
      /TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR/,
    );
    expect(() => loadConfig({ TRANSFER_MAX_PER_OPERATION_MINOR: '600000000' })).toThrowError(
      /TRANSFER_LIMIT_RAISE_CEILING_PER_OPERATION_MINOR/,
    );
  });

  it('refuses unsafe settings in production', () => {
    const safe = {
      NODE_ENV: 'production',
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      SECRET_KEY: 'a'.repeat(64),
      ...PRODUCTION_CARD_KEYS,
      PUBLIC_ORIGIN: 'https://mykassa.kz',
    };
    expect(loadConfig(safe).demoData).toBe(false);
    expect(() => loadConfig({ ...safe, SMS_ADAPTER: 'dev-inbox' })).toThrowError(/SMS_ADAPTER/);
    expect(() => loadConfig({ ...safe, SECRET_KEY: '' })).toThrowError(/SECRET_KEY/);
    expect(() => loadConfig({ ...safe, PUBLIC_ORIGIN: 'http://mykassa.kz' })).toThrowError(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ ...safe, DEMO_DATA: 'true' })).toThrowError(/DEMO_DATA/);
    // Every one-time code crosses the gateway connection.
    expect(() => loadConfig({ ...safe, SMS_HTTP_URL: 'http://sms.example/send' })).toThrowError(/SMS_HTTP_URL.*https/);
    expect(loadConfig({ ...safe, NODE_ENV: 'development', SMS_HTTP_URL: 'http://localhost:9000/send' }).smsHttpUrl).toBe(
      'http://localhost:9000/send',
    );
    expect(() => loadConfig({ SMS_ADAPTER: 'http', SMS_HTTP_URL: 'sms gateway' })).toThrowError(/SMS_HTTP_URL/);
  });

  it('closes the API docs in production unless API_DOCS=true, and serves /metrics nowhere public by default', () => {
    const safe = {
      NODE_ENV: 'production',
      SMS_ADAPTER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      SECRET_KEY: 'a'.repeat(64),
      ...PRODUCTION_CARD_KEYS,
      PUBLIC_ORIGIN: 'https://mykassa.kz',
    };
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig(safe).apiDocs).toBe(false);
    expect(loadConfig({ ...safe, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig(safe).metrics).toEqual({ port: null, host: '127.0.0.1', token: null });
    expect(loadConfig({ ...safe, METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1', token: null });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrowError(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrowError(/METRICS_PORT/);
  });

  it('trusts X-Forwarded-For only from listed proxies, never from everyone', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/24,loopback,::1,fd00::/64' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/24',
      'loopback',
      '::1',
      'fd00::/64',
    ]);
    for (const everyone of ['true', '*', '1', '2', '0.0.0.0/0', '::/0', '10.0.0.0/4', '10.0.0.0/33', 'proxy.example', '127.0.0.1/8/8']) {
      expect(() => loadConfig({ TRUST_PROXY: everyone }), everyone).toThrowError(/TRUST_PROXY/);
    }
  });

  it('reads the rate limits of every route class, per IP and per customer, with their windows', () => {
    const { rateLimits } = loadConfig({});
    expect(rateLimits.login).toEqual({ windowS: 60, perIpMax: 30, perCustomerMax: null });
    expect(rateLimits['account-opening']).toEqual({ windowS: 86_400, perIpMax: 100, perCustomerMax: 15 });
    expect(rateLimits.code).toEqual({ windowS: 60, perIpMax: 60, perCustomerMax: 20 });
    const raised = loadConfig({ RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX: '5', RATE_LIMIT_ACCOUNT_OPENING_PER_CUSTOMER_PER_DAY_MAX: '3' });
    expect(raised.rateLimits.login.perIpMax).toBe(5);
    expect(raised.rateLimits['account-opening'].perCustomerMax).toBe(3);
    expect(() => loadConfig({ RATE_LIMIT_STATEMENTS_PER_CUSTOMER_PER_MINUTE_MAX: '0' })).toThrowError(/RATE_LIMIT_STATEMENTS/);
  });

  it("prints the demo bank's details by default, each in its language, and refuses a malformed BIC or BIN", () => {
    const { bank } = loadConfig({});
    expect(bank).toMatchObject({ bic: 'KSSAKZKA', bin: '260340001724', name: { ru: 'АО «Kassa»', kk: '«Kassa» АҚ', en: 'Kassa JSC' } });
    const other = loadConfig({ BANK_NAME_KK: '«Басқа банк» АҚ', BANK_BIC: 'hsbkkzkx', BANK_ADDRESS_EN: '1 Main St, Astana' });
    expect(other.bank).toMatchObject({
      bic: 'HSBKKZKX',
      name: { kk: '«Басқа банк» АҚ', ru: 'АО «Kassa»' },
      address: { en: '1 Main St, Astana' },
    });
    expect(() => loadConfig({ BANK_BIC: 'KASSA' })).toThrowError(/BANK_BIC/);
    expect(() => loadConfig({ BANK_BIN: '12345' })).toThrowError(/BANK_BIN/);
    expect(() => loadConfig({ BANK_NAME_RU: 'А'.repeat(161) })).toThrowError(/BANK_NAME_RU/);
  });
});
