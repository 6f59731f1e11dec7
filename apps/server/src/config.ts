import { resolve } from 'node:path';

/**
 * The whole configuration, read once from the environment and validated.
 * Defaults serve the embedded mode (PGlite in ./data, dev SMS inbox), so a fresh clone runs
 * with no variables at all. Production refuses settings that are only safe on a laptop.
 */
export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicOrigin: string;
  /** The host customers must see (mykassa.kz): named in every SMS code and on every code screen. */
  officialDomain: string;
  databaseUrl: string | null;
  dataDir: string;
  databasePoolMax: number;
  /** A connection attempt to PostgreSQL that takes longer fails the request with 503. */
  databaseConnectTimeoutMs: number;
  /** The background readiness check behind /readyz (db/health.ts). */
  readiness: { intervalMs: number; timeoutMs: number };
  smsAdapter: 'dev-inbox' | 'http';
  smsHttpUrl: string | null;
  smsHttpToken: string | null;
  secretKey: Buffer;
  demoData: boolean;
  workerEnabled: boolean;
  workerPollMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  webDistDir: string;
  contactCenterPhone: string;
  securityEmail: string;
  codeRateLimits: { perPhonePerHourMax: number; perIpPerHourMax: number };
  transfers: {
    perOperationMaxMinor: bigint;
    perDayMaxMinor: bigint;
    perMonthMaxMinor: bigint;
    /** The fee for a transfer to another bank, in the transfer's currency (minor units). */
    feeOtherBankMinor: Record<'KZT' | 'USD' | 'EUR' | 'RUB', bigint>;
    bankCode: string;
    /** RTS art. 16: low-value KZT transfers to others without a code; perOperationMaxMinor 0 turns it off. */
    scaLowValue: ScaLowValuePolicy;
  };
  /** E-wallet caps by the owner's identification level; null means no cap beyond transfer limits. */
  emoneyLimits: Record<'none' | 'simplified' | 'full', EmoneyLimits | null>;
}

export interface ScaLowValuePolicy {
  /** Largest fee-inclusive amount that may go without a code; 0 means never. */
  perOperationMaxMinor: bigint;
  /** Exempted transfers allowed since the last code confirmed; the next one asks for a code. */
  operationsMax: number;
  /** Their fee-inclusive sum since the last code confirmed may not go beyond this. */
  totalMaxMinor: bigint;
}

export interface EmoneyLimits {
  perOperationMaxMinor: bigint;
  balanceMaxMinor: bigint;
  perDayMaxMinor: bigint;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Configuration error in ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// A key fixed in code is only acceptable on a developer machine; production must supply its own.
const DEV_SECRET_KEY_HEX = '6b617373612d6465762d6f6e6c792d7365637265742d6b65792d303030303030';

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function origin(env: Env, name: string, fallback: string): string {
  const raw = text(env, name, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected an origin such as https://mykassa.kz, got "${raw}"`);
  }
  if (url.origin !== raw.replace(/\/$/, '')) throw new ConfigError(name, `must be an origin without a path, got "${raw}"`);
  return url.origin;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const secretHex = env.SECRET_KEY;
  if (secretHex !== undefined && secretHex !== '' && !/^[0-9a-fA-F]{64}$/.test(secretHex)) {
    throw new ConfigError('SECRET_KEY', 'must be 64 hex characters (32 random bytes): openssl rand -hex 32');
  }
  const config: Config = {
    nodeEnv,
    host: text(env, 'HOST', '0.0.0.0'),
    port,
    publicOrigin: origin(env, 'PUBLIC_ORIGIN', `http://localhost:${port}`),
    officialDomain: '',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir: resolve(text(env, 'DATA_DIR', './data')),
    databasePoolMax: integer(env, 'DATABASE_POOL_MAX', 20, 1, 500),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 60_000),
    readiness: {
      intervalMs: integer(env, 'READINESS_INTERVAL_MS', 1000, 50, 60_000),
      timeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 3000, 50, 60_000),
    },
    smsAdapter: oneOf(env, 'SMS_ADAPTER', ['dev-inbox', 'http'] as const, nodeEnv === 'production' ? 'http' : 'dev-inbox'),
    smsHttpUrl: env.SMS_HTTP_URL ? env.SMS_HTTP_URL : null,
    smsHttpToken: env.SMS_HTTP_TOKEN ? env.SMS_HTTP_TOKEN : null,
    secretKey: Buffer.from(secretHex ? secretHex : DEV_SECRET_KEY_HEX, 'hex'),
    demoData: boolean(env, 'DEMO_DATA', nodeEnv !== 'production'),
    workerEnabled: boolean(env, 'WORKER_ENABLED', true),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 250, 10, 60_000),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15_000, 1000, 300_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 8000, 100, 60_000),
    webDistDir: resolve(text(env, 'WEB_DIST_DIR', new URL('../../web/dist', import.meta.url).pathname)),
    contactCenterPhone: text(env, 'CONTACT_CENTER_PHONE', '595'),
    securityEmail: text(env, 'SECURITY_EMAIL', 'security@mykassa.kz'),
    codeRateLimits: {
      perPhonePerHourMax: integer(env, 'CODES_PER_PHONE_PER_HOUR_MAX', 6, 1, 1000),
      perIpPerHourMax: integer(env, 'CODES_PER_IP_PER_HOUR_MAX', 30, 1, 100_000),
    },
    // Amounts in tiyn. Defaults: 1 000 000 ₸ per operation, 3 000 000 ₸ a day, 10 000 000 ₸ a month
    // to other people; to another bank 150 ₸, or $15 / €15 / 500 ₽ from an account in that currency;
    // transfers between own accounts are free and unlimited.
    transfers: {
      perOperationMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_OPERATION_MINOR', 100_000_000, 1, Number.MAX_SAFE_INTEGER)),
      perDayMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_DAY_MINOR', 300_000_000, 1, Number.MAX_SAFE_INTEGER)),
      perMonthMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_MONTH_MINOR', 1_000_000_000, 1, Number.MAX_SAFE_INTEGER)),
      feeOtherBankMinor: {
        KZT: BigInt(integer(env, 'TRANSFER_FEE_OTHER_BANK_MINOR', 15_000, 0, Number.MAX_SAFE_INTEGER)),
        USD: BigInt(integer(env, 'TRANSFER_FEE_OTHER_BANK_USD_MINOR', 1_500, 0, Number.MAX_SAFE_INTEGER)),
        EUR: BigInt(integer(env, 'TRANSFER_FEE_OTHER_BANK_EUR_MINOR', 1_500, 0, Number.MAX_SAFE_INTEGER)),
        RUB: BigInt(integer(env, 'TRANSFER_FEE_OTHER_BANK_RUB_MINOR', 50_000, 0, Number.MAX_SAFE_INTEGER)),
      },
      bankCode: text(env, 'BANK_CODE', '722'),
      // RTS art. 16 in tenge: EUR 30 per payment ≈ 15 000 ₸, EUR 100 cumulative ≈ 50 000 ₸, and at
      // most five exempted payments in a row (the ceiling the article allows).
      scaLowValue: {
        perOperationMaxMinor: BigInt(integer(env, 'SCA_LOW_VALUE_MAX_MINOR', 1_500_000, 0, Number.MAX_SAFE_INTEGER)),
        operationsMax: integer(env, 'SCA_LOW_VALUE_MAX_COUNT', 5, 1, 5),
        totalMaxMinor: BigInt(integer(env, 'SCA_LOW_VALUE_MAX_TOTAL_MINOR', 5_000_000, 1, Number.MAX_SAFE_INTEGER)),
      },
    },
    emoneyLimits: emoneyLimits(BigInt(integer(env, 'EMONEY_MCI_MINOR', 432_500, 1, Number.MAX_SAFE_INTEGER))),
  };
  config.officialDomain = new URL(config.publicOrigin).host;
  if (config.smsAdapter === 'http' && !config.smsHttpUrl) {
    throw new ConfigError('SMS_HTTP_URL', 'is required when SMS_ADAPTER=http');
  }
  if (nodeEnv === 'production') refuseUnsafeProductionSettings(config, env);
  return config;
}

/**
 * Law "On payments and payment systems" (from 18 March 2026): a wallet whose owner is not
 * identified holds, pays and turns over at most 3 MCI (12 975 ₸ with the 2026 MCI of 4 325 ₸).
 * A simplified-identified owner (IIN and phone proven online) gets 100 MCI; full identification
 * has no wallet-specific cap. The MCI changes every year: EMONEY_MCI_MINOR.
 */
function emoneyLimits(mciMinor: bigint): Config['emoneyLimits'] {
  const caps = (mci: bigint): EmoneyLimits => ({
    perOperationMaxMinor: mci * mciMinor,
    balanceMaxMinor: mci * mciMinor,
    perDayMaxMinor: mci * mciMinor,
  });
  return { none: caps(3n), simplified: caps(100n), full: null };
}

function refuseUnsafeProductionSettings(config: Config, env: Env): void {
  if (config.smsAdapter === 'dev-inbox') {
    throw new ConfigError('SMS_ADAPTER', 'dev-inbox shows one-time codes to anyone and is refused in production');
  }
  if (!env.SECRET_KEY) throw new ConfigError('SECRET_KEY', 'is required in production (openssl rand -hex 32)');
  if (new URL(config.publicOrigin).protocol !== 'https:') {
    throw new ConfigError('PUBLIC_ORIGIN', 'must be https in production');
  }
  if (config.demoData) throw new ConfigError('DEMO_DATA', 'demo customers with known passwords are refused in production');
}
