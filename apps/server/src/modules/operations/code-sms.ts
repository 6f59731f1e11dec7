import type { AppContext } from '../../context.js';
import { format, type Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import type { Customer } from '../identity/index.js';
import { codeSms } from '../sca/index.js';
import { CARD_PAYEE } from './operations.messages.js';
import type { OperationRecord } from './operations.types.js';

/** What the code is bound to (RTS art. 5 dynamic linking): change any of it and the code is void. */
export function linkedDetails(record: OperationRecord) {
  return {
    // The key keeps its first name, so codes sent before the operations table still verify.
    transferId: record.id,
    amountMinor: record.amountMinor.toString(),
    currency: record.currency,
    source: record.sourceAccountId,
    // A service payment is bound to the provider and the account paid there (a phone, a contract).
    payee:
      record.kind === 'payment.service'
        ? `${record.payeeAccountId}:${record.payeeReference}`
        : (record.payeeAccountId ?? record.payeeReference),
  };
}

/** The code SMS names the fee-inclusive amount and the payee (RTS art. 5(1)(a)), on the official domain. */
export function operationCodeSms(ctx: AppContext, record: OperationRecord, customer: Customer): (code: string) => string {
  const amount = formatMoney(record.amountMinor + record.feeMinor, record.currency, customer.language);
  if (record.kind === 'payment.service') {
    const payee = [record.payeeLabel, record.payeeReference].filter(Boolean).join(', ');
    return (code) => codeSms({ purpose: 'service_payment', amount, payee }, customer.language, code, ctx.config.officialDomain);
  }
  const payee = record.kind === 'transfer.card' ? cardPayee(record, customer.language) : (record.payeeLabel ?? record.payeeReference ?? '');
  return (code) => codeSms({ purpose: 'transfer', amount, payee }, customer.language, code, ctx.config.officialDomain);
}

/**
 * A transfer by card number names the card as "card •••• 1234" (its reference, never more of the
 * number) and, for a Kassa card, its holder's masked name first: what the customer checked before.
 */
function cardPayee(record: OperationRecord, language: Language): string {
  const card = format(CARD_PAYEE[language], { last4: record.payeeReference ?? '' });
  return record.payeeLabel ? `${record.payeeLabel}, ${card}` : card;
}
