import { ConfigError, type Env, integer, text } from './config-parse.js';

/**
 * The card product Kassa issues (issue 14 item 1; modules/cards): its BIN, name and validity, the
 * default internet limits, how long an authorisation hold lives and how long "no limit" lasts.
 * Part of Config (config.ts), kept apart so each file stays readable; every variable is in the
 * README's configuration table. The vault's keys (CARD_KEK, CARD_CVK) are in config-card-keys.ts.
 */

/** A card's internet limits, in the card's currency (minor units). */
export interface CardLimitsMinor {
  perOperationMinor: bigint;
  perDayMinor: bigint;
  perMonthMinor: bigint;
}

/** The currencies a card can be in: those of the accounts it draws on (ledger CURRENCIES). */
type CardCurrency = 'KZT' | 'USD' | 'EUR' | 'RUB';

export interface CardsConfig {
  cards: {
    product: {
      /** CARD_BIN: the issuer identification number every PAN starts with (6 or 8 digits). */
      bin: string;
      /** Printed on the card picture and in the card list. */
      name: string;
      /** A virtual card runs this many years from its month of issue, to the end of that month. */
      validityYears: number;
      /** A single-use card's expiry: this many months on, to the end of that month (it usually closes far earlier). */
      singleUseValidityMonths: number;
    };
    /**
     * The limits a new card gets, per currency; a customer may lower them at once and raise them
     * back up to here without a code; above here a code is asked (issue 14 item 5).
     */
    internetLimitsDefault: Record<CardCurrency, CardLimitsMinor>;
    /**
     * Internet purchases a card may make in one bank day, whatever its limits in money and even
     * under "no limit": the bank's ceiling on a burst (card testing); past it the engine answers 65.
     */
    internetPurchasesPerDayMax: number;
    /** How many days an approved authorisation's hold lives before it is voided (the authorisation engine). */
    authorisationHoldDays: number;
    /** The longest "no limit for a while" a customer may choose (Kaspi: 30 days); it turns itself back. */
    unlimitedDaysMax: number;
    /** Cards that are not closed or expired one customer may have at once. */
    activePerCustomerMax: number;
    /** Card details shown (PAN, expiry, CVC2) per customer in the last hour. */
    revealsPerHourMax: number;
    /**
     * 3-D Secure without a challenge (Y, frictionless) for a KZT purchase up to this much at a
     * merchant the card has paid before (modules/acs kassa-acs.ts); 0: always a challenge.
     */
    frictionlessMaxMinor: bigint;
  };
}

const MONEY_MAX = Number.MAX_SAFE_INTEGER;

function checkedLimits(name: string, limits: CardLimitsMinor): CardLimitsMinor {
  if (limits.perOperationMinor > limits.perDayMinor || limits.perDayMinor > limits.perMonthMinor) {
    throw new ConfigError(name, 'a limit per operation may not exceed the day’s, nor the day’s the month’s');
  }
  return limits;
}

/** "op,day,month" in minor units, each no larger than the next. */
function limitsTriple(env: Env, name: string, fallback: [number, number, number]): CardLimitsMinor {
  const raw = text(env, name, fallback.join(','));
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length !== 3 || parts.some((part) => !/^\d{1,15}$/.test(part))) {
    throw new ConfigError(name, `expected three whole numbers "per operation,per day,per month", got "${raw}"`);
  }
  const [operation = 0n, day = 0n, month = 0n] = parts.map((part) => BigInt(part));
  return checkedLimits(name, { perOperationMinor: operation, perDayMinor: day, perMonthMinor: month });
}

function bin(env: Env): string {
  const raw = text(env, 'CARD_BIN', '440043');
  if (!/^\d{6}(\d{2})?$/.test(raw)) throw new ConfigError('CARD_BIN', `expected 6 or 8 digits, got "${raw}"`);
  return raw;
}

export function cardsConfig(env: Env): CardsConfig {
  return {
    cards: {
      // 440043 is a test BIN (Visa's 4…, no live issuer's range): a demo card can never pay anywhere real.
      product: {
        bin: bin(env),
        name: text(env, 'CARD_PRODUCT_NAME', 'Kassa Virtual').slice(0, 60),
        validityYears: integer(env, 'CARD_VALIDITY_YEARS', 3, 1, 10),
        singleUseValidityMonths: integer(env, 'CARD_SINGLE_USE_VALIDITY_MONTHS', 1, 1, 12),
      },
      // Defaults: 200 000 ₸ per purchase, 500 000 ₸ a day, 2 000 000 ₸ a month on the internet; the
      // other currencies about the same in money.
      internetLimitsDefault: {
        KZT: checkedLimits('CARD_INTERNET_MAX_PER_OPERATION_MINOR', {
          perOperationMinor: BigInt(integer(env, 'CARD_INTERNET_MAX_PER_OPERATION_MINOR', 20_000_000, 0, MONEY_MAX)),
          perDayMinor: BigInt(integer(env, 'CARD_INTERNET_MAX_PER_DAY_MINOR', 50_000_000, 0, MONEY_MAX)),
          perMonthMinor: BigInt(integer(env, 'CARD_INTERNET_MAX_PER_MONTH_MINOR', 200_000_000, 0, MONEY_MAX)),
        }),
        USD: limitsTriple(env, 'CARD_INTERNET_LIMITS_USD_MINOR', [40_000, 100_000, 400_000]),
        EUR: limitsTriple(env, 'CARD_INTERNET_LIMITS_EUR_MINOR', [40_000, 100_000, 400_000]),
        RUB: limitsTriple(env, 'CARD_INTERNET_LIMITS_RUB_MINOR', [4_000_000, 10_000_000, 40_000_000]),
      },
      internetPurchasesPerDayMax: integer(env, 'CARD_INTERNET_MAX_PURCHASES_PER_DAY', 50, 1, 1_000_000),
      authorisationHoldDays: integer(env, 'CARD_AUTHORISATION_HOLD_DAYS', 7, 1, 30),
      unlimitedDaysMax: integer(env, 'CARD_UNLIMITED_DAYS_MAX', 30, 1, 90),
      activePerCustomerMax: integer(env, 'CARDS_ACTIVE_PER_CUSTOMER_MAX', 10, 1, 50),
      revealsPerHourMax: integer(env, 'CARD_REVEALS_PER_HOUR_MAX', 5, 1, 60),
      // 5 000 ₸: a coffee or a taxi at a shop the card knows goes through; anything more asks.
      frictionlessMaxMinor: BigInt(integer(env, 'CARD_3DS_FRICTIONLESS_MAX_MINOR', 500_000, 0, 10_000_000)),
    },
  };
}
