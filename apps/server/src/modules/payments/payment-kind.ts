import type { Queryable } from '../../db/database.js';
import { type PostingInput, providerAccountId, systemAccountId } from '../ledger/index.js';
import type { OperationKindHandler, OperationRecord } from '../operations/index.js';
import type { MoneyOut } from '../risk/index.js';
import { insertServicePayment } from './payments.repo.js';
import { type CreateServicePaymentInput, resolveServicePayment, type ServicePaymentDetails } from './resolve.js';
import { selectSchedule } from './saved.repo.js';

/**
 * Service payments as a kind of operation (operations/operation-kind.ts): to a provider of the
 * catalogue. The life cycle, limits, codes and notices are operations' and risk's; the provider's
 * side (telling it, outside the transaction, until it acknowledges) is notify/.
 */
export const servicePaymentKind: OperationKindHandler<CreateServicePaymentInput, ServicePaymentDetails> = {
  kinds: ['payment.service'],

  resolve: resolveServicePayment,

  // RTS art. 14: a run of a series the customer set up with a code, to the same provider and
  // account for the same amount from the same account, needs no new code. No payee spares one
  // otherwise; the low-value exemption and every limit are risk's, as for all kinds.
  async exemption(ctx, draft) {
    const scheduleId = draft.details?.scheduleId;
    if (!scheduleId || draft.declined) return null;
    return (await isRunOfSchedule(ctx.db, scheduleId, draft.record, draft.details?.accountLabel ?? null)) ? 'recurring' : null;
  },

  moneyOut(record: OperationRecord): MoneyOut {
    if (!record.sourceAccountId) throw new Error(`service payment ${record.id} has no source account`);
    return {
      customerId: record.customerId,
      sourceAccountId: record.sourceAccountId,
      payeeAccountId: record.payeeAccountId,
      amountMinor: record.amountMinor,
      feeMinor: record.feeMinor,
      currency: record.currency,
      toOthers: true,
      toSelf: false,
    };
  },

  // The payer pays amount and fee; the provider's settlement account (the catalogue's hot account)
  // gets the amount, the bank the fee. "Sent": the money has left the customer for the provider,
  // who still has to hear of it (notify/).
  async postings(_tx, record) {
    if (!record.sourceAccountId || !record.payeeAccountId) throw new Error(`service payment ${record.id} has no accounts`);
    // The provider's account was opened with the provider (catalogue.service.ts), so the hot path reads nothing more.
    const postings: PostingInput[] = [
      { accountId: record.sourceAccountId, currency: record.currency, amountMinor: -(record.amountMinor + record.feeMinor) },
      { accountId: record.payeeAccountId, currency: record.currency, amountMinor: record.amountMinor },
    ];
    // The bank's fee account by its fixed id: opened with every provider (catalogue.service.ts), so
    // the hot path neither reads it nor tries to open the system accounts again.
    if (record.feeMinor > 0n)
      postings.push({ accountId: systemAccountId('bank_fees', record.currency), currency: record.currency, amountMinor: record.feeMinor });
    return { postings, settles: 'sent' };
  },

  async saveDetails(tx, record, details) {
    const { scheduleId: _run, ...kept } = details;
    await insertServicePayment(tx, { operationId: record.id, customerId: record.customerId, ...kept, createdAt: record.createdAt });
  },
};

/** The operation is what the active schedule says, to the tiyn: provider, account, amount, currency, source. */
async function isRunOfSchedule(q: Queryable, scheduleId: string, record: OperationRecord, accountLabel: string | null): Promise<boolean> {
  const schedule = await selectSchedule(q, scheduleId);
  return (
    schedule !== null &&
    schedule.status === 'active' &&
    schedule.customerId === record.customerId &&
    schedule.accountLabel === accountLabel &&
    schedule.amountMinor === record.amountMinor &&
    schedule.currency === record.currency &&
    schedule.sourceAccountId === record.sourceAccountId &&
    record.payeeAccountId === providerAccountId(schedule.providerId, schedule.currency)
  );
}
