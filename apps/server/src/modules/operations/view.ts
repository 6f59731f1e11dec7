import type { Language } from '../../shared/i18n.js';
import type { Account } from '../ledger/index.js';
import { DECLINE_REASON_TEXTS } from './operations.messages.js';
import type { ApiKind, ConfirmationView, OperationView } from './operations.schemas.js';
import { type OperationKind, type OperationRecord, visibleStatus } from './operations.types.js';

const API_KIND: Readonly<Record<OperationKind, ApiKind>> = {
  'transfer.own': 'own',
  'transfer.phone': 'phone',
  'transfer.iban': 'iban',
};

export function apiKind(kind: OperationKind): ApiKind {
  return API_KIND[kind];
}

export function operationKindOf(kind: ApiKind): OperationKind {
  return `transfer.${kind}`;
}

export interface ViewExtras {
  /** The viewer's accounts: a move between them is named by the account credited. */
  ownAccounts?: ReadonlyMap<string, Account>;
  /** The payer's masked name, for the payee's view. */
  payerName?: string | null;
  confirmation?: ConfirmationView | null;
}

/** Between two accounts of one customer the payee is an account, not a person. */
function payeeOf(record: OperationRecord, extras: ViewExtras): string {
  if (record.payeeCustomerId === record.customerId) {
    const account = record.payeeAccountId ? extras.ownAccounts?.get(record.payeeAccountId) : undefined;
    return account?.displayName ?? record.payeeAccountId ?? '';
  }
  return record.payeeLabel ?? record.payeeReference ?? '';
}

/** The operation as `viewerId` may see it: the payee sees neither the source nor the fee. */
export function toView(record: OperationRecord, viewerId: string, language: Language, extras: ViewExtras = {}): OperationView {
  const outgoing = record.customerId === viewerId;
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
    payee: payeeOf(record, extras),
    payer: outgoing ? null : (extras.payerName ?? null),
    purposeCode: record.purposeCode,
    description: record.description,
    declineReason: record.declineReason,
    declineReasonText: record.declineReason ? DECLINE_REASON_TEXTS[record.declineReason][language] : null,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    scaExemption: outgoing ? record.scaExemption : null,
    confirmation: extras.confirmation ?? null,
  };
}
