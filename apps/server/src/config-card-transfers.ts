import { type Env, integer } from './config-parse.js';

/**
 * Transfers by card number (issue 14 item 7; modules/transfers by-card.ts): the fee for a transfer
 * to another bank's card, in the transfer's currency. To a Kassa card it is free, as a phone
 * transfer is. Part of Config (config.ts), kept apart like the cards' settings; every variable is
 * in the README's configuration table.
 */

type CardTransferCurrency = 'KZT' | 'USD' | 'EUR' | 'RUB';

export interface CardTransfersConfig {
  cardTransfers: {
    /** TRANSFER_CARD_FEE_*: another bank's card, per currency (minor units). */
    feeOtherBankMinor: Record<CardTransferCurrency, bigint>;
  };
}

const FEE_MAX_MINOR = Number.MAX_SAFE_INTEGER;

// Defaults: 200 ₸ (the usual price of a card-to-card transfer to another bank in Kazakhstan), or
// $2 / €2 / 100 ₽ from an account in that currency.
export function cardTransfersConfig(env: Env): CardTransfersConfig {
  return {
    cardTransfers: {
      feeOtherBankMinor: {
        KZT: BigInt(integer(env, 'TRANSFER_CARD_FEE_MINOR', 20_000, 0, FEE_MAX_MINOR)),
        USD: BigInt(integer(env, 'TRANSFER_CARD_FEE_USD_MINOR', 200, 0, FEE_MAX_MINOR)),
        EUR: BigInt(integer(env, 'TRANSFER_CARD_FEE_EUR_MINOR', 200, 0, FEE_MAX_MINOR)),
        RUB: BigInt(integer(env, 'TRANSFER_CARD_FEE_RUB_MINOR', 10_000, 0, FEE_MAX_MINOR)),
      },
    },
  };
}
