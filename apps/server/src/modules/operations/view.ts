import { format, type Language } from '../../shared/i18n.js';
import { type Account, isCustomerAccountKind, maskIban } from '../ledger/index.js';
import { ACCOUNT_KIND_NAMES, DECLINE_REASON_TEXTS, OWN_ACCOUNT_FALLBACK, PURCHASE_REFUND_TITLE } from './operations.messages.js';
import type { ApiKind, ConfirmationView, OperationView, RepeatView, ViewKind } from './operations.schemas.js';
import { isCreditToCustomer, type OperationKind, type OperationRecord, visibleStatus } from './operations.types.js';

const API_KIND: Readonly<Record<OperationKind, ViewKind>> = {
  'transfer.own': 'own',
  'transfer.phone': 'phone',
  'transfer.iban': 'iban',
  'refund.dispute': 'refund',
  'card.purchase': 'card',
  'transfer.card': 'card-number',
  'refund.card_transfer': 'refund',
  // Shown as a card operation: named by its merchant ("Возврат: Demo Shop"), as the purchase is.
  'refund.card_purchase': 'card',
  // A payment to a provider of the catalogue (modules/payments): its own view there names the account and the bill.
  'payment.service': 'service',
};

export function apiKind(kind: OperationKind): ViewKind {
  return API_KIND[kind];
}

const OPERATION_KIND: Readonly<Record<ApiKind, OperationKind>> = {
  own: 'transfer.own',
  phone: 'transfer.phone',
  iban: 'transfer.iban',
  'card-number': 'transfer.card',
};

export function operationKindOf(kind: ApiKind): OperationKind {
  return OPERATION_KIND[kind];
}

export interface ViewExtras {
  /** The viewer's accounts: a move between them is named by the account credited. */
  ownAccounts?: ReadonlyMap<string, Account>;
  /** The payer's masked name, for the payee's view. */
  payerName?: string | null;
  confirmation?: ConfirmationView | null;
  /** The card of each card purchase, by operation id (card-purchases.repo.ts selectPurchaseCards). */
  purchaseCards?: ReadonlyMap<string, string>;
}

/**
 * An own account as people name it: its kind in the customer's language and its masked IBAN
 * ("Текущий счёт KZ86 •••• 8795", as receipts mask it); an e-wallet has no IBAN. Never the
 * account's id (issue 12).
 */
export function ownAccountName(account: Pick<Account, 'kind' | 'iban'> | undefined, language: Language): string {
  if (!account || !isCustomerAccountKind(account.kind)) return OWN_ACCOUNT_FALLBACK[language];
  const kind = ACCOUNT_KIND_NAMES[account.kind][language];
  return account.iban ? `${kind} ${maskIban(account.iban)}` : kind;
}

/** Between two accounts of one customer the payee is an account, not a person; so is the account the bank credits. */
function payeeOf(record: OperationRecord, language: Language, extras: ViewExtras): string {
  if (record.kind === 'refund.card_purchase') return format(PURCHASE_REFUND_TITLE[language], { merchant: record.payeeLabel ?? '' });
  if (record.payeeCustomerId === record.customerId) {
    return ownAccountName(record.payeeAccountId ? extras.ownAccounts?.get(record.payeeAccountId) : undefined, language);
  }
  return record.payeeLabel ?? record.payeeReference ?? '';
}

const LAST4_OF_REFERENCE = /([0-9]{4})$/;

/** A purchase's card: its id from the detail row, its last four digits from the record ("•••• 1234"). */
function purchaseCardOf(record: OperationRecord, extras: ViewExtras): OperationView['card'] {
  if (record.kind !== 'card.purchase') return null;
  const id = extras.purchaseCards?.get(record.id);
  const last4 = LAST4_OF_REFERENCE.exec(record.payeeReference ?? '')?.[1];
  return id && last4 ? { id, last4 } : null;
}

/**
 * The operation as `viewerId` may see it: the payee sees neither the source nor the fee. Money the
 * bank pays (a refund) is incoming to the customer it names, who is its only party.
 */
export function toView(record: OperationRecord, viewerId: string, language: Language, extras: ViewExtras = {}): OperationView {
  const outgoing = record.customerId === viewerId && !isCreditToCustomer(record.kind);
  return {
    id: record.id,
    kind: apiKind(record.kind),
    direction: outgoing ? 'outgoing' : 'incoming',
    status: visibleStatus(record.status),
    sourceAccountId: outgoing ? record.sourceAccountId : null,
    destinationAccountId: outgoing || record.payeeCustomerId === viewerId ? record.payeeAccountId : null,
    amountMinor: Number(record.amountMinor),
    feeMinor: outgoing ? Number(record.feeMinor) : 0,
    currency: record.currency,
    payee: payeeOf(record, language, extras),
    payer: outgoing ? null : (extras.payerName ?? null),
    purposeCode: record.purposeCode,
    description: record.description,
    declineReason: record.declineReason,
    declineReasonText: record.declineReason ? DECLINE_REASON_TEXTS[record.declineReason][language] : null,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    scaExemption: outgoing ? record.scaExemption : null,
    confirmation: extras.confirmation ?? null,
    card: purchaseCardOf(record, extras),
  };
}

/** How to make this transfer again: only the viewer's own, and only one whose money moved. */
export function repeatOf(record: OperationRecord, viewerId: string): RepeatView | null {
  if (record.customerId !== viewerId || !record.sourceAccountId) return null;
  if (record.status !== 'completed' && record.status !== 'sent') return null;
  const kind = apiKind(record.kind);
  // A refund and a card purchase are no transfer the customer can make again from here; nor is a
  // transfer by card number, whose number the bank does not keep (transfers/card-number.ts). A
  // service payment is repeated from its own view (GET /api/v1/payments/{id}: the provider's fields).
  if (kind === 'refund' || kind === 'card' || kind === 'card-number' || kind === 'service') return null;
  const ownAccount = record.payeeCustomerId === record.customerId;
  return {
    kind,
    sourceAccountId: record.sourceAccountId,
    destinationAccountId: kind === 'own' && ownAccount ? record.payeeAccountId : null,
    payeePhone: kind === 'phone' ? record.payeeReference : null,
    payeeIban: kind === 'iban' ? record.payeeReference : null,
    // Inside the bank the label is the payee's masked name, not something the customer typed.
    payeeName: kind === 'iban' && record.payeeCustomerId === null ? record.payeeLabel : null,
    purposeCode: record.purposeCode,
    description: record.description,
    amountMinor: Number(record.amountMinor),
    currency: record.currency,
  };
}
