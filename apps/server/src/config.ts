import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type BackOfficeConfig, backOfficeConfig } from './config-backoffice.js';
import { type BankDetails, bankFromEnv } from './config-bank.js';
import { type CardKeysConfig, cardKeysConfig, refuseUnsafeCardKeys } from './config-card-keys.js';
import { type CardNetworkConfig, cardNetworkConfig, refuseUnsafeCardNetwork } from './config-card-network.js';
import { type CardTransfersConfig, cardTransfersConfig } from './config-card-transfers.js';
import { type CardsConfig, cardsConfig } from './config-cards.js';
import {
  boolean,
  ConfigError,
  callingCodes,
  type Env,
  integer,
  metricsToken,
  oneOf,
  origin,
  smsHttpUrl,
  text,
  timeZone,
  trustedProxies,
} from './config-parse.js';
import { type RateLimitClass, type RateLimitPolicy, rateLimits } from './config-rate-limits.js';
import { type SmppConfigPart, smppConfig } from './config-smpp.js';
import { DEFAULT_BANK_TIME_ZONE } from './shared/datetime.js';
import { Keyring, KeyringFormatError } from './shared/keyring.js';

export { RATE_LIMIT_CLASSES, type RateLimitClass, type RateLimitPolicy } from './config-rate-limits.js';
export { ConfigError };

/**
 * The whole configuration, read once from the environment and validated.
 * Defaults serve the embedded mode (PGlite in ./data, dev SMS inbox), so a fresh clone runs
 * with no variables at all. Production refuses settings that are only safe on a laptop.
 */
export interface Config extends BackOfficeConfig, CardsConfig, CardKeysConfig, CardNetworkConfig, CardTransfersConfig, SmppConfigPart {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicOrigin: string;
  /**
   * SECURITY.md 34: the proxies whose X-Forwarded-For names the client (addresses, CIDRs, or
   * proxy-addr's names loopback / linklocal / uniquelocal). Empty: the peer address is the client.
   */
  trustProxy: string[];
  /**
   * SECURITY.md 39: where /metrics is served. A port of its own (on `host`, loopback by default),
   * or the public listener with a bearer token; with neither, nowhere (issue 12: not even in development).
   */
  metrics: { port: number | null; host: string; token: string | null };
  /** Swagger UI at /api/docs and the document at /api/openapi.json (off in production by default). */
  apiDocs: boolean;
  /** The host customers must see (mykassa.kz): named in every SMS code and on every code screen. */
  officialDomain: string;
  databaseUrl: string | null;
  dataDir: string;
  databasePoolMax: number;
  /** A connection attempt to PostgreSQL that takes longer fails the request with 503. */
  databaseConnectTimeoutMs: number;
  /** The background readiness check behind /readyz (db/health.ts). */
  readiness: { intervalMs: number; timeoutMs: number };
  smsAdapter: 'dev-inbox' | 'http' | 'smpp';
  smsHttpUrl: string | null;
  smsHttpToken: string | null;
  /** SECURITY.md 39: SECRET_KEY as keys with ids; new hashes and seals use the first (shared/keyring.ts). */
  keyring: Keyring;
  demoData: boolean;
  workerEnabled: boolean;
  workerPollMs: number;
  /** SECURITY.md 35: how long each kind of row outlives its use, and how often the purge runs. */
  retention: RetentionWindows & { purgeIntervalMs: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  webDistDir: string;
  /** BACKOFFICE_DIST_DIR: the built back office, served under /backoffice (http/backoffice.ts). */
  backofficeDistDir: string;
  contactCenterPhone: string;
  /** The bank's legal details on statements, receipts and the receipt check page (config-bank.ts). */
  bank: BankDetails;
  securityEmail: string;
  /** BANK_TIME_ZONE: the bank's calendar (limits per day and month, statements) and the time printed for customers. */
  bankTimeZone: string;
  /** DIGEST_HOUR: the hour (0–23, BANK_TIME_ZONE) from which yesterday's daily digests go out (notifications/digest/). */
  digestHour: number;
  /**
   * SMS code caps per hour (SECURITY.md 10, 33), checked and counted atomically in sca's
   * issueCode and resendCode: per phone (login, registration, reset, device binding), per client
   * IP (every code), and payment codes (transfers, trusted payees) per customer.
   */
  codeRateLimits: { perPhonePerHourMax: number; perIpPerHourMax: number; paymentsPerCustomerPerHourMax: number };
  /** SECURITY.md 33 (SMS pumping, toll fraud): the calling codes SMS may go to, '7' for Kazakhstan. */
  smsAllowedCountryCodes: string[];
  /**
   * SECURITY.md 36, look-ups that tell whether someone is a customer, per day: numbers that name
   * no customer, per customer looking up a payee; IINs tried at registration, per phone.
   */
  lookupCaps: { unknownPayeesPerDayMax: number; registrationIinsPerPhonePerDayMax: number };
  /** SECURITY.md 37: Argon2 computations at once, and waiting; beyond both a request gets 503 (auth/passwords.ts). */
  argon2: { concurrencyMax: number; queueMax: number };
  /** SECURITY.md 33: requests per route class, per client IP and per customer (http/rate-limit.ts). */
  rateLimits: Record<RateLimitClass, RateLimitPolicy>;
  transfers: {
    perOperationMaxMinor: bigint;
    perDayMaxMinor: bigint;
    perMonthMaxMinor: bigint;
    /**
     * The highest a security officer's approved raise may set each limit for one customer
     * (modules/risk, maker-checker limit_raise); never below the limit above. E-money caps are law
     * (EMONEY_*) and no raise lifts them.
     */
    limitRaiseCeilingMinor: { perOperation: bigint; perDay: bigint; perMonth: bigint };
    /** The fee for a transfer to another bank, in the transfer's currency (minor units). */
    feeOtherBankMinor: Record<'KZT' | 'USD' | 'EUR' | 'RUB', bigint>;
    bankCode: string;
    /** RTS art. 16: low-value KZT transfers to others without a code; perOperationMaxMinor 0 turns it off. */
    scaLowValue: ScaLowValuePolicy;
  };
  /** E-wallet caps by the owner's identification level; null means no cap beyond transfer limits. */
  emoneyLimits: Record<'none' | 'simplified' | 'full', EmoneyLimits | null>;
  /** Service payments' providers (payments/provider): every call to a biller ends within timeoutMs. */
  paymentProviders: { timeoutMs: number };
  /**
   * Guests paying a provider by card (payments/guest): the bank's own merchant their card payments
   * go through, set up by staff in the back office (live mode, MDR 0); null: guests cannot pay.
   */
  guestPayments: { merchantId: string | null };
}

/**
 * Retention windows in hours (SECURITY.md 35; docs/OPERATIONS.md "Retention"). Each counts from the
 * moment a row stopped being of use (expired, ended, delivered); the purge deletes it after that.
 * The audit log and the ledger have no window: they are never purged.
 */
export interface RetentionWindows {
  /** Registrations, finished or not: the phone of someone who never became a customer goes with them. */
  registrationsHours: number;
  /** SMS code challenges, login attempts, password resets, device-key challenges. */
  challengesHours: number;
  /** Ended (or expired) sessions, with their IP and browser. */
  sessionsHours: number;
  /** Idempotency-Key records: at least 24 h (SECURITY.md 28). */
  idempotencyHours: number;
  /** Delivered outbox messages (their text is erased at delivery already). */
  outboxDeliveredHours: number;
  /** Dead outbox messages, kept longer so a person can look into why they failed. */
  outboxDeadHours: number;
  /** In-app notifications. */
  notificationsHours: number;
  /** The development SMS inbox (never used in production). */
  devInboxHours: number;
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

// A key fixed in code is only acceptable on a developer machine; production must supply its own.
const DEV_SECRET_KEY_HEX = '6b617373612d6465762d6f6e6c792d7365637265742d6b65792d303030303030';

/**
 * SECRET_KEY: one 64-hex key (key id k0, as before keyrings) or "id:hex64,id:hex64,…" with the
 * current key first (docs/OPERATIONS.md "Keys and rotation"). Unset: the development key as k0.
 */
function keyringFromEnv(env: Env): Keyring {
  const raw = env.SECRET_KEY;
  if (raw === undefined || raw === '') return Keyring.parse(DEV_SECRET_KEY_HEX);
  try {
    return Keyring.parse(raw);
  } catch (error) {
    if (error instanceof KeyringFormatError) throw new ConfigError('SECRET_KEY', error.message);
    throw error;
  }
}

/** The demo's merchant for guests' payments (payments/demo.ts seeds it): the default outside production. */
export const DEMO_GUEST_PAYMENTS_MERCHANT_ID = `mch_${'5e41ce'.padEnd(32, '0')}`;

function guestPaymentsMerchantId(env: Env, nodeEnv: Config['nodeEnv']): string | null {
  const value = text(env, 'GUEST_PAYMENTS_MERCHANT_ID', nodeEnv === 'production' ? 'off' : DEMO_GUEST_PAYMENTS_MERCHANT_ID);
  if (value === 'off') return null;
  if (!/^mch_[0-9a-f]{32}$/.test(value))
    throw new ConfigError('GUEST_PAYMENTS_MERCHANT_ID', 'must be a merchant id (mch_ and 32 hex digits)');
  return value;
}

function argon2ConcurrencyDefault(): number {
  const libuvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism(), libuvThreads - 1));
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const keyring = keyringFromEnv(env);
  const config: Config = {
    nodeEnv,
    host: text(env, 'HOST', '0.0.0.0'),
    port,
    publicOrigin: origin(env, 'PUBLIC_ORIGIN', `http://localhost:${port}`),
    trustProxy: trustedProxies(env),
    metrics: {
      port: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 1, 65535) : null,
      host: text(env, 'METRICS_HOST', '127.0.0.1'),
      token: metricsToken(env),
    },
    apiDocs: boolean(env, 'API_DOCS', nodeEnv !== 'production'),
    officialDomain: '',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir: resolve(text(env, 'DATA_DIR', './data')),
    databasePoolMax: integer(env, 'DATABASE_POOL_MAX', 20, 1, 500),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 60_000),
    readiness: {
      intervalMs: integer(env, 'READINESS_INTERVAL_MS', 1000, 50, 60_000),
      timeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 3000, 50, 60_000),
    },
    smsAdapter: oneOf(env, 'SMS_ADAPTER', ['dev-inbox', 'http', 'smpp'] as const, nodeEnv === 'production' ? 'http' : 'dev-inbox'),
    smsHttpUrl: smsHttpUrl(env),
    smsHttpToken: env.SMS_HTTP_TOKEN ? env.SMS_HTTP_TOKEN : null,
    keyring,
    demoData: boolean(env, 'DEMO_DATA', nodeEnv !== 'production'),
    workerEnabled: boolean(env, 'WORKER_ENABLED', true),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 250, 10, 60_000),
    retention: retention(env),
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
    backofficeDistDir: resolve(text(env, 'BACKOFFICE_DIST_DIR', new URL('../../backoffice/dist', import.meta.url).pathname)),
    contactCenterPhone: text(env, 'CONTACT_CENTER_PHONE', '595'),
    bank: bankFromEnv(env),
    securityEmail: text(env, 'SECURITY_EMAIL', 'security@mykassa.kz'),
    bankTimeZone: timeZone(env, 'BANK_TIME_ZONE', DEFAULT_BANK_TIME_ZONE),
    digestHour: integer(env, 'DIGEST_HOUR', 8, 0, 23),
    codeRateLimits: {
      perPhonePerHourMax: integer(env, 'CODES_PER_PHONE_PER_HOUR_MAX', 6, 1, 1000),
      perIpPerHourMax: integer(env, 'CODES_PER_IP_PER_HOUR_MAX', 30, 1, 100_000),
      paymentsPerCustomerPerHourMax: integer(env, 'PAYMENT_CODES_PER_CUSTOMER_PER_HOUR_MAX', 10, 1, 1000),
    },
    smsAllowedCountryCodes: callingCodes(env, 'SMS_ALLOWED_COUNTRY_CODES', '7'),
    lookupCaps: {
      unknownPayeesPerDayMax: integer(env, 'PAYEE_LOOKUPS_UNKNOWN_PER_DAY_MAX', 20, 1, 10_000),
      registrationIinsPerPhonePerDayMax: integer(env, 'REGISTRATION_IINS_PER_PHONE_PER_DAY_MAX', 3, 1, 100),
    },
    // One Argon2id computation per core, leaving one of libuv's threads (UV_THREADPOOL_SIZE, 4 by
    // default) to file and DNS work; 64 waiting drain in about a second at ~30 ms each on 2 cores.
    argon2: {
      concurrencyMax: integer(env, 'ARGON2_CONCURRENCY_MAX', argon2ConcurrencyDefault(), 1, 256),
      queueMax: integer(env, 'ARGON2_QUEUE_MAX', 64, 0, 100_000),
    },
    rateLimits: rateLimits(env),
    // Amounts in tiyn. Defaults: 1 000 000 ₸ per operation, 3 000 000 ₸ a day, 10 000 000 ₸ a month
    // to other people; to another bank 150 ₸, or $15 / €15 / 500 ₽ from an account in that currency;
    // transfers between own accounts are free and unlimited.
    transfers: {
      perOperationMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_OPERATION_MINOR', 100_000_000, 1, Number.MAX_SAFE_INTEGER)),
      perDayMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_DAY_MINOR', 300_000_000, 1, Number.MAX_SAFE_INTEGER)),
      perMonthMaxMinor: BigInt(integer(env, 'TRANSFER_MAX_PER_MONTH_MINOR', 1_000_000_000, 1, Number.MAX_SAFE_INTEGER)),
      // Five times each default: 5 000 000 ₸ per operation, 15 000 000 ₸ a day, 50 000 000 ₸ a month.
      limitRaiseCeilingMinor: {
        perOperation: BigInt(integer(env, 'TRANSFER_LIMIT_RAISE_CEILING_PER_OPERATION_MINOR', 500_000_000, 1, Number.MAX_SAFE_INTEGER)),
        perDay: BigInt(integer(env, 'TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR', 1_500_000_000, 1, Number.MAX_SAFE_INTEGER)),
        perMonth: BigInt(integer(env, 'TRANSFER_LIMIT_RAISE_CEILING_PER_MONTH_MINOR', 5_000_000_000, 1, Number.MAX_SAFE_INTEGER)),
      },
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
    paymentProviders: { timeoutMs: integer(env, 'PAYMENT_PROVIDER_TIMEOUT_MS', 5000, 100, 60_000) },
    guestPayments: { merchantId: guestPaymentsMerchantId(env, nodeEnv) },
    ...backOfficeConfig(env),
    ...cardsConfig(env),
    ...cardKeysConfig(env, keyring),
    ...cardNetworkConfig(env, nodeEnv),
    ...cardTransfersConfig(env),
    ...smppConfig(env, env.SMS_ADAPTER ?? ''),
  };
  config.officialDomain = new URL(config.publicOrigin).host;
  refuseCeilingsBelowLimits(config.transfers);
  if (config.smsAdapter === 'http' && !config.smsHttpUrl) {
    throw new ConfigError('SMS_HTTP_URL', 'is required when SMS_ADAPTER=http');
  }
  if (nodeEnv === 'production') refuseUnsafeProductionSettings(config, env);
  return config;
}

/** A raise ceiling below its limit would make every raise a cut: a setting mistake, refused at start. */
function refuseCeilingsBelowLimits(transfers: Config['transfers']): void {
  const pairs = [
    ['TRANSFER_LIMIT_RAISE_CEILING_PER_OPERATION_MINOR', transfers.limitRaiseCeilingMinor.perOperation, transfers.perOperationMaxMinor],
    ['TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR', transfers.limitRaiseCeilingMinor.perDay, transfers.perDayMaxMinor],
    ['TRANSFER_LIMIT_RAISE_CEILING_PER_MONTH_MINOR', transfers.limitRaiseCeilingMinor.perMonth, transfers.perMonthMaxMinor],
  ] as const;
  for (const [variable, ceiling, limit] of pairs) {
    if (ceiling < limit) throw new ConfigError(variable, `must not be below the limit it raises (${limit}), got ${ceiling}`);
  }
}

const DAY_HOURS = 24;
const YEAR_HOURS = 365 * DAY_HOURS;

/**
 * SECURITY.md 35. The floors are rules, not tastes: code challenges feed the hourly code caps (and
 * any daily counts built on them), and Idempotency-Key records live ≥ 24 h (SECURITY.md 28).
 */
function retention(env: Env): Config['retention'] {
  return {
    purgeIntervalMs: integer(env, 'RETENTION_PURGE_INTERVAL_MS', 10 * 60_000, 1000, DAY_HOURS * 3_600_000),
    registrationsHours: integer(env, 'RETENTION_REGISTRATIONS_HOURS', DAY_HOURS, 1, YEAR_HOURS),
    challengesHours: integer(env, 'RETENTION_CHALLENGES_HOURS', DAY_HOURS, DAY_HOURS, YEAR_HOURS),
    sessionsHours: integer(env, 'RETENTION_SESSIONS_HOURS', 30 * DAY_HOURS, 1, 10 * YEAR_HOURS),
    idempotencyHours: integer(env, 'RETENTION_IDEMPOTENCY_HOURS', 2 * DAY_HOURS, DAY_HOURS, YEAR_HOURS),
    outboxDeliveredHours: integer(env, 'RETENTION_OUTBOX_DELIVERED_HOURS', DAY_HOURS, 1, YEAR_HOURS),
    outboxDeadHours: integer(env, 'RETENTION_OUTBOX_DEAD_HOURS', 7 * DAY_HOURS, 1, YEAR_HOURS),
    notificationsHours: integer(env, 'RETENTION_NOTIFICATIONS_HOURS', YEAR_HOURS, 1, 10 * YEAR_HOURS),
    devInboxHours: integer(env, 'RETENTION_DEV_INBOX_HOURS', DAY_HOURS, 1, YEAR_HOURS),
  };
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
  // The development key is in the source: whatever it hashed or sealed, anyone can forge or open.
  if (config.keyring.all.some((key) => key.secret.equals(Buffer.from(DEV_SECRET_KEY_HEX, 'hex')))) {
    throw new ConfigError('SECRET_KEY', 'holds the development key, which is published in the source; production refuses it');
  }
  if (new URL(config.publicOrigin).protocol !== 'https:') {
    throw new ConfigError('PUBLIC_ORIGIN', 'must be https in production');
  }
  if (config.demoData) throw new ConfigError('DEMO_DATA', 'demo customers with known passwords are refused in production');
  // Every SMS code crosses this connection: in plain http anyone on the path reads the codes.
  if (config.smsHttpUrl && new URL(config.smsHttpUrl).protocol !== 'https:') {
    throw new ConfigError('SMS_HTTP_URL', 'must be https in production: every one-time code travels through it');
  }
  refuseUnsafeCardKeys(config, env);
  refuseUnsafeCardNetwork(config, env);
}
