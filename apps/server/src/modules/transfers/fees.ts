import type { AppContext } from '../../context.js';

/**
 * The fee schedule, one place for what a transfer is charged and what the API publishes.
 * Own accounts, phone transfers and this bank's IBANs are free; another bank costs a configured
 * fee in the transfer's currency, and so does another bank's card (its own fee).
 */
export function feeSchedule(config: AppContext['config']) {
  return {
    bankCode: config.transfers.bankCode,
    ownAccounts: 0n,
    byPhone: 0n,
    ibanThisBank: 0n,
    ibanOtherBank: config.transfers.feeOtherBankMinor,
    // Issue 14 item 7: a Kassa card is free, as a phone is; another bank's card costs TRANSFER_CARD_FEE_*.
    cardThisBank: 0n,
    cardOtherBank: config.cardTransfers.feeOtherBankMinor,
  };
}
