import { ProblemError } from '../../shared/problem.js';
import type { Account } from '../ledger/index.js';
import { type Draft, draftOf, invalid, newRecord, notFound, type Resolving } from './draft.js';
import { feeSchedule } from './fees.js';
import { TransferProblem } from './transfers.errors.js';

/** Between two accounts of the customer: exempt from SCA (RTS art. 15), free, and without limits. */
export async function resolveOwn(r: Resolving, destination: Account | null): Promise<Draft> {
  if (!r.request.destinationAccountId)
    throw invalid('/destinationAccountId', {
      ru: 'Выберите счёт зачисления',
      kk: 'Есепке алатын шотты таңдаңыз',
      en: 'Choose the account to credit',
    });
  if (!destination) throw await notFound(r.ctx, r.customer.id, r.meta, r.now, r.request.destinationAccountId);
  if (destination.id === r.source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
  if (destination.currency !== r.source.currency)
    throw invalid('/destinationAccountId', {
      ru: 'Счёт зачисления в другой валюте',
      kk: 'Есепке алатын шот басқа валютада',
      en: 'The account to credit is in another currency',
    });
  const record = newRecord(r, 'transfer.own');
  record.payeeAccountId = destination.id;
  record.payeeCustomerId = r.customer.id;
  record.scaExemption = 'own';
  record.feeMinor = feeSchedule(r.ctx.config).ownAccounts;
  // E-wallets carry caps by identification level (risk), so only accounts without them batch.
  const batchable = r.source.kind !== 'ewallet' && destination.kind !== 'ewallet' && record.feeMinor === 0n;
  const legs = [
    { accountId: r.source.id, currency: record.currency, amountMinor: -record.amountMinor },
    { accountId: destination.id, currency: record.currency, amountMinor: record.amountMinor },
  ];
  return draftOf(r, record, null, {
    ownAccounts: new Map([
      [r.source.id, r.source],
      [destination.id, destination],
    ]),
    batchPostings: batchable ? legs : null,
  });
}
