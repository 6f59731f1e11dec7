import { formatOperationReference } from '@kassa/format';
import type { AppContext } from '../../context.js';
import { formatDateTime } from '../../shared/datetime.js';
import type { Language, Localized } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findCustomerById, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { type Account, getAccount, isCustomerAccountKind, maskIban } from '../ledger/index.js';
import { visibleOperation } from './history.js';
import { ACCOUNT_KIND_NAMES, DECLINE_REASON_TEXTS, KIND_NAMES, STATUS_NAMES } from './operations.messages.js';
import { selectOperation } from './operations.repo.js';
import { isCreditToCustomer, type OperationRecord, type VisibleStatus, visibleStatus } from './operations.types.js';
import { findReceiptCode, type ReceiptAudience } from './receipt-codes.js';
import { RECEIPT_LABELS as LABELS } from './receipts.messages.js';
import { ownAccountName } from './view.js';

/**
 * A receipt: one operation as one of its sides may show it to anyone (issue 12 item 5). The PDF,
 * the HTML receipt and the check page (/r/<code>) print the same rows, so the check page shows
 * what the receipt shows and no more. The payer's receipt has the debited account, the fee and
 * the total; the payee's has neither. Other people appear masked (a name as "Айгерим Б.", a phone
 * as "+7 701 *** ** 67", an IBAN as "KZ86 •••• 1234"); the operation's number is there in full,
 * for support to find it. Never an account's id.
 */
export interface Receipt {
  audience: ReceiptAudience;
  record: OperationRecord;
  status: VisibleStatus;
  /** The payer's masked name. */
  payerName: string;
  /** The account debited (payer's receipt only). */
  source: Account | null;
  /** The account credited inside the bank: an own transfer's destination, or the payee's own account on their receipt. */
  destination: Account | null;
  /** What the operation's kind adds (ctx.hooks.receiptDetails): a service payment's provider and account. */
  details: ReadonlyArray<{ label: Localized; value: Localized }>;
}

/** The tone of the status badge: money moved, refused, or neither. */
export type ReceiptTone = 'ok' | 'bad' | 'other';

const TONES: Readonly<Record<VisibleStatus, ReceiptTone>> = {
  completed: 'ok',
  sent: 'ok',
  declined: 'bad',
  expired: 'bad',
  cancelled: 'other',
  awaiting_confirmation: 'other',
  // Held, not yet debited; released without a debit.
  authorised: 'other',
  reversed: 'other',
};

export function receiptTone(receipt: Receipt): ReceiptTone {
  return TONES[receipt.status];
}

async function loadReceipt(ctx: AppContext, record: OperationRecord, audience: ReceiptAudience): Promise<Receipt> {
  // Money the bank paid has the bank as its payer (receiptRows prints its name), not a customer.
  const payer = isCreditToCustomer(record.kind) ? null : await findCustomerById(ctx.db, record.customerId);
  const credited = audience === 'payee' || record.payeeCustomerId === record.customerId ? record.payeeAccountId : null;
  const [source, destination, details] = await Promise.all([
    audience === 'payer' && record.sourceAccountId ? getAccount(ctx.db, record.sourceAccountId) : null,
    credited ? getAccount(ctx.db, credited) : null,
    kindDetails(ctx, record),
  ]);
  const payerName = payer ? maskName(payer.fullName) : '';
  return { audience, record, status: visibleStatus(record.status), payerName, source, destination, details };
}

async function kindDetails(ctx: AppContext, record: OperationRecord): Promise<Receipt['details']> {
  for (const hook of ctx.hooks.receiptDetails) {
    const rows = await hook(ctx.db, record);
    if (rows) return rows;
  }
  return [];
}

/** The receipt the viewer asked for: theirs as payer, or as payee of completed money (history.ts visibleOperation audits the rest). */
export async function receiptForViewer(ctx: AppContext, viewerId: string, operationId: string, meta: RequestMeta): Promise<Receipt> {
  const record = await visibleOperation(ctx, viewerId, operationId, meta);
  return loadReceipt(ctx, record, record.customerId === viewerId && !isCreditToCustomer(record.kind) ? 'payer' : 'payee');
}

/** The receipt a check code was printed on; null for a code the bank never printed. */
export async function receiptForCode(ctx: AppContext, code: string): Promise<Receipt | null> {
  const found = await findReceiptCode(ctx, code);
  const record = found ? await selectOperation(ctx.db, found.operationId) : null;
  if (!found || !record || record.status === 'created') return null;
  return loadReceipt(ctx, record, found.audience);
}

/** Who got the money, and how they are reached: the account credited, the phone, the IBAN. */
function payeeRows(receipt: Receipt, language: Language): Array<[string, string]> {
  const { record, destination } = receipt;
  const rows: Array<[string, string]> = [];
  const ownTransfer = record.payeeCustomerId === record.customerId;
  const name =
    ownTransfer && destination && isCustomerAccountKind(destination.kind) ? ACCOUNT_KIND_NAMES[destination.kind][language] : null;
  const phone = record.kind === 'transfer.phone' && record.payeeReference ? maskPhoneForDisplay(record.payeeReference) : null;
  const iban = record.kind === 'transfer.iban' && record.payeeReference ? maskIban(record.payeeReference) : null;
  // A payee nobody found (a declined transfer) has no name: the number typed stands for it, masked.
  const label = record.payeeLabel && record.payeeLabel !== record.payeeReference ? record.payeeLabel : null;
  rows.push([LABELS.to[language], name ?? label ?? phone ?? iban ?? '']);
  if (destination?.iban) rows.push([LABELS.payeeAccount[language], maskIban(destination.iban)]);
  else if (iban && (name ?? label)) rows.push([LABELS.payeeAccount[language], iban]);
  if (phone && (name ?? label)) rows.push([LABELS.payeePhone[language], phone]);
  return rows;
}

/** The rows every form of the receipt prints, label and value, in `language`. */
export function receiptRows(ctx: Pick<AppContext, 'config'>, receipt: Receipt, language: Language): Array<[string, string]> {
  const { record } = receipt;
  const money = (minor: bigint) => formatMoney(minor, record.currency, language);
  const rows: Array<[string, string]> = [
    [LABELS.number[language], formatOperationReference(record.id)],
    [LABELS.date[language], formatDateTime(record.createdAt, language, ctx.config.bankTimeZone)],
    [LABELS.kind[language], KIND_NAMES[record.kind][language]],
    [LABELS.status[language], STATUS_NAMES[receipt.status][language]],
  ];
  if (record.declineReason) rows.push([LABELS.reason[language], DECLINE_REASON_TEXTS[record.declineReason][language]]);
  const payer = isCreditToCustomer(record.kind) ? ctx.config.bank.name[language] : receipt.payerName;
  if (payer) rows.push([LABELS.from[language], payer]);
  if (receipt.source) rows.push([LABELS.source[language], ownAccountName(receipt.source, language)]);
  rows.push(...payeeRows(receipt, language));
  for (const detail of receipt.details) rows.push([detail.label[language], detail.value[language]]);
  rows.push([LABELS.amount[language], money(record.amountMinor)]);
  // "Total debited" only where money moved: a declined, expired or cancelled operation took nothing.
  if (receipt.audience === 'payer' && receiptTone(receipt) === 'ok') {
    rows.push([LABELS.fee[language], money(record.feeMinor)], [LABELS.total[language], money(record.amountMinor + record.feeMinor)]);
  }
  if (record.purposeCode) rows.push([LABELS.purpose[language], record.purposeCode]);
  if (record.description) rows.push([LABELS.description[language], record.description]);
  return rows;
}
