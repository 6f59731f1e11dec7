import type { AppContext } from '../../context.js';

/**
 * The fee schedule, one place for what a transfer is charged and what the API publishes.
 * Own accounts, phone transfers and this bank's IBANs are free; another bank costs a configured
 * fee in the transfer's currency.
 */
export function feeSchedule(config: AppContext['config']) {
  return {
    bankCode: config.transfers.bankCode,
    ownAccounts: 0n,
    byPhone: 0n,
    ibanThisBank: 0n,
    ibanOtherBank: config.transfers.feeOtherBankMinor,
  };
}
