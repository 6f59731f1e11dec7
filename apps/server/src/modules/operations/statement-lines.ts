import type { AppContext } from '../../context.js';
import { format, type Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { findCustomerById, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { type Account, formatIban, listAccountsByOwner } from '../ledger/index.js';
import { KIND_NAMES } from './operations.messages.js';
import { selectByLedgerOperations } from './operations.repo.js';
import { isCreditToCustomer, type OperationRecord } from './operations.types.js';
import { FEE_INCLUDED } from './receipts.messages.js';
import { ownAccountName } from './view.js';

/**
 * What an account statement (modules/accounts) prints for each posting that an operation made:
 * who the money went to or came from, and what it was, in words (issue 12 item 5). Never an id:
 * an own account by its kind and masked IBAN, a person by the masked name the history shows, an
 * IBAN in full (the statement is the holder's, and an accountant matches payments by it), a phone
 * masked. Postings of no operation (a deposit, a correction) are the statement's to name.
 */
export interface StatementLine {
  counterparty: string;
  /** How the counterparty is reached, when the operation names it: the phone (masked) or the IBAN. */
  reference: string | null;
  purpose: string;
}

function purposeOf(record: OperationRecord, outgoing: boolean, language: Language): string {
  const parts = [KIND_NAMES[record.kind][language]];
  if (record.description) parts.push(record.description);
  if (outgoing && record.feeMinor > 0n) {
    parts.push(format(FEE_INCLUDED[language], { fee: formatMoney(record.feeMinor, record.currency, language) }));
  }
  return parts.join('; ');
}

function payeeOf(record: OperationRecord): Pick<StatementLine, 'counterparty' | 'reference'> {
  const reference = record.payeeReference;
  if (!reference) return { counterparty: record.payeeLabel ?? '', reference: null };
  // A card purchase names the merchant, and the card that paid as "•••• 1234" (never its number).
  if (record.kind === 'card.purchase') return { counterparty: record.payeeLabel ?? '', reference };
  // A service payment names the provider, and the account paid there as typed (a phone, a contract).
  if (record.kind === 'payment.service') return { counterparty: record.payeeLabel ?? '', reference };
  // A transfer by card number names the card the same way, and its holder when the card is Kassa's.
  if (record.kind === 'transfer.card') return { counterparty: record.payeeLabel ?? reference, reference };
  const shown = record.kind === 'transfer.phone' ? maskPhoneForDisplay(reference) : formatIban(reference);
  return record.payeeLabel && record.payeeLabel !== reference
    ? { counterparty: record.payeeLabel, reference: shown }
    : { counterparty: shown, reference: null };
}

/** Keyed by the ledger operation: the lines of `account`'s statement that have an operation. */
export async function statementLines(
  ctx: AppContext,
  account: Pick<Account, 'id' | 'ownerId'>,
  ledgerOperationIds: readonly string[],
  language: Language,
): Promise<Map<string, StatementLine>> {
  const ownerId = account.ownerId;
  if (!ownerId) return new Map();
  const records = await selectByLedgerOperations(ctx.db, ownerId, [...new Set(ledgerOperationIds)]);
  const own = new Map((await listAccountsByOwner(ctx.db, ownerId)).map((owned) => [owned.id, owned]));
  const payerIds = [...new Set(records.filter((record) => record.customerId !== ownerId).map((record) => record.customerId))];
  const payers = new Map<string, string>();
  for (const id of payerIds) {
    const payer = await findCustomerById(ctx.db, id);
    if (payer) payers.set(id, maskName(payer.fullName));
  }
  const lines = new Map<string, StatementLine>();
  for (const record of records) {
    if (!record.ledgerOperationId) continue;
    const outgoing = record.customerId === ownerId && record.sourceAccountId === account.id;
    const betweenOwn = record.payeeCustomerId === record.customerId;
    const ownAccount = own.get((outgoing ? record.payeeAccountId : record.sourceAccountId) ?? '');
    // Money the bank paid (a refund) came from the bank, whose legal name the statement prints.
    // A merchant's refund of a card purchase names the merchant and the card, as the purchase did.
    const party = isCreditToCustomer(record.kind)
      ? record.kind === 'refund.card_purchase'
        ? { counterparty: record.payeeLabel ?? '', reference: record.payeeReference }
        : { counterparty: ctx.config.bank.name[language], reference: null }
      : betweenOwn
        ? { counterparty: ownAccountName(ownAccount, language), reference: null }
        : outgoing
          ? payeeOf(record)
          : { counterparty: payers.get(record.customerId) ?? '', reference: null };
    lines.set(record.ledgerOperationId, { ...party, purpose: purposeOf(record, outgoing, language) });
  }
  return lines;
}
