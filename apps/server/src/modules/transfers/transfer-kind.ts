import { ensureSystemAccounts, getSystemAccount, type PostingInput } from '../ledger/index.js';
import type { OperationKindHandler, OperationRecord } from '../operations/index.js';
import type { MoneyOut } from '../risk/index.js';
import { insertCardTransferDetails } from './card-transfers.repo.js';
import type { CreateTransferInput, TransferDetails } from './draft.js';
import { resolveTransfer } from './resolve.js';
import { insertTransferDetails } from './transfers.repo.js';
import { isTrustedPayee } from './trusted-payees.js';

/**
 * Transfers as a kind of operation (operations/operation-kind.ts): between own accounts, by
 * phone, by IBAN to this bank or another, by card number (a Kassa card or another bank's). The life cycle, limits, codes and notices are the
 * operations and risk modules'; what is a transfer's own is here.
 */
export const transferKind: OperationKindHandler<CreateTransferInput, TransferDetails> = {
  kinds: ['transfer.own', 'transfer.phone', 'transfer.iban', 'transfer.card'],

  resolve: resolveTransfer,

  // RTS art. 15 (own accounts) and art. 13 (trusted payees): no code needed.
  async exemption(ctx, draft) {
    if (draft.record.kind === 'transfer.own') return 'own';
    if (draft.declined || !draft.details) return null;
    // One's own card on another account is a move between own accounts (by-card.ts); a card is never a trusted payee (yet).
    if (draft.record.kind === 'transfer.card') return toOwnCard(draft.record) ? 'own' : null;
    const payee = { phone: draft.details.payeePhone, iban: draft.details.payeeIban };
    return (await isTrustedPayee(ctx.db, draft.customer.id, payee)) ? 'trusted-payee' : null;
  },

  moneyOut(record: OperationRecord): MoneyOut {
    if (!record.sourceAccountId) throw new Error(`transfer ${record.id} has no source account`);
    return {
      customerId: record.customerId,
      sourceAccountId: record.sourceAccountId,
      payeeAccountId: record.payeeAccountId,
      amountMinor: record.amountMinor,
      feeMinor: record.feeMinor,
      currency: record.currency,
      toOthers: !toSelf(record),
      toSelf: toSelf(record),
    };
  },

  // The payer pays amount and fee; the payee gets the amount (another bank's through the
  // interbank clearing account, and the transfer is then "sent"); the fee is the bank's income.
  async postings(tx, record) {
    if (!record.sourceAccountId) throw new Error(`transfer ${record.id} has no source account`);
    const toOtherBank = !record.payeeAccountId;
    if (toOtherBank || record.feeMinor > 0n) await ensureSystemAccounts(tx);
    const payeeAccountId = record.payeeAccountId ?? (await getSystemAccount(tx, 'bank_clearing', record.currency)).id;
    const postings: PostingInput[] = [
      { accountId: record.sourceAccountId, currency: record.currency, amountMinor: -(record.amountMinor + record.feeMinor) },
      { accountId: payeeAccountId, currency: record.currency, amountMinor: record.amountMinor },
    ];
    if (record.feeMinor > 0n) {
      const fees = await getSystemAccount(tx, 'bank_fees', record.currency);
      postings.push({ accountId: fees.id, currency: record.currency, amountMinor: record.feeMinor });
    }
    return { postings, settles: toOtherBank ? 'sent' : 'completed' };
  },

  async saveDetails(tx, record, details) {
    await insertTransferDetails(tx, record.id, details);
    if (details.card) await insertCardTransferDetails(tx, record.id, details.card);
  },
};

function toOwnCard(record: OperationRecord): boolean {
  return record.kind === 'transfer.card' && record.payeeCustomerId === record.customerId;
}

function toSelf(record: OperationRecord): boolean {
  return record.kind === 'transfer.own' || toOwnCard(record);
}
