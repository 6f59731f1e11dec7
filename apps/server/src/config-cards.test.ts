import { describe, expect, it } from 'vitest';
import { cardsConfig } from './config-cards.js';
import { ConfigError } from './config-parse.js';

describe('the card product settings', () => {
  it('defaults to the test BIN, three years, 200 000 ₸ / 500 000 ₸ / 2 000 000 ₸ on the internet and 30 days without limits', () => {
    const { cards } = cardsConfig({});
    expect(cards.product).toEqual({ bin: '440043', name: 'Kassa Virtual', validityYears: 3, singleUseValidityMonths: 1 });
    expect(cards.internetLimitsDefault.KZT).toEqual({
      perOperationMinor: 20_000_000n,
      perDayMinor: 50_000_000n,
      perMonthMinor: 200_000_000n,
    });
    expect(cards.internetLimitsDefault.USD).toEqual({ perOperationMinor: 40_000n, perDayMinor: 100_000n, perMonthMinor: 400_000n });
    expect(cards).toMatchObject({ authorisationHoldDays: 7, unlimitedDaysMax: 30, activePerCustomerMax: 10, revealsPerHourMax: 5 });
  });

  it('reads the other currencies as "per operation,per day,per month"', () => {
    const { cards } = cardsConfig({ CARD_INTERNET_LIMITS_EUR_MINOR: '100, 200, 300' });
    expect(cards.internetLimitsDefault.EUR).toEqual({ perOperationMinor: 100n, perDayMinor: 200n, perMonthMinor: 300n });
  });

  it('refuses a BIN that is not 6 or 8 digits, limits out of order, and a malformed triple', () => {
    expect(() => cardsConfig({ CARD_BIN: '4400' })).toThrow(ConfigError);
    expect(() => cardsConfig({ CARD_INTERNET_MAX_PER_OPERATION_MINOR: '60000000' })).toThrow(/may not exceed/);
    expect(() => cardsConfig({ CARD_INTERNET_LIMITS_USD_MINOR: '1,2' })).toThrow(/three whole numbers/);
    expect(() => cardsConfig({ CARD_UNLIMITED_DAYS_MAX: '0' })).toThrow(ConfigError);
  });
});
