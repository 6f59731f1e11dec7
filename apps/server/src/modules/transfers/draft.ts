import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import type { Localized } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { type Customer, stripUnsafeCharacters } from '../identity/index.js';
import { type Account, type Currency, getAccount } from '../ledger/index.js';
import type { OperationDraft, OperationRecord } from '../operations/index.js';

/** What each kind of transfer resolves from: the request, the customer and their source account. */

/** A transfer request as the API validated it (transfers.routes.ts CreateTransfer). */
export interface CreateTransferInput {
  kind: 'own' | 'phone' | 'iban' | 'card-number';
  sourceAccountId: string;
  amountMinor: bigint;
  currency: Currency;
  destinationAccountId?: string;
  payeePhone?: string;
  payeeIban?: string;
  /** The recipient's card number (kind card-number): in memory for this request only (card-number.ts). */
  cardNumber?: string;
  payeeName?: string;
  payeeTaxId?: string;
  purposeCode?: string;
  description?: string;
}

/** What only a transfer has (table transfer_details). */
export interface TransferDetails {
  payeePhone: string | null;
  payeeIban: string | null;
  payeeName: string | null;
  payeeTaxId: string | null;
  /** A transfer by card number's own row (card_transfer_details), beside this one. */
  card?: CardPayee;
}

/** The recipient card as kept (migration 0035): never its number in clear. */
export interface CardPayee {
  /** A Kassa card's id (the vault keeps its number); null for another bank's card. */
  cardId: string | null;
  first6: string;
  last4: string;
  panHmac: string;
  /** Another bank's card number sealed to the operation until its credit is sent; null for a Kassa card. */
  panSealed: string | null;
}

const DESCRIPTION_LENGTH_MAX = 140;

export type Draft = OperationDraft<TransferDetails>;
export type Resolving = {
  ctx: AppContext;
  customer: Customer;
  source: Account;
  request: CreateTransferInput;
  meta: RequestMeta;
  now: Date;
};

export function invalid(pointer: string, detail: Localized): ProblemError {
  return new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer, detail }] });
}

export async function ownedAccount(q: Queryable, customerId: string, accountId: string): Promise<Account | null> {
  const account = await getAccount(q, accountId);
  return account && account.ownerId === customerId ? account : null;
}

export async function notFound(ctx: AppContext, customerId: string, meta: RequestMeta, now: Date, id: string): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, { event: 'access.denied', customerId, meta, details: { resource: 'account', id }, occurredAt: now });
  return new ProblemError(CommonProblem['not-found']);
}

export function newRecord(r: Resolving, kind: OperationRecord['kind']): OperationRecord {
  return {
    id: newId('op'),
    customerId: r.customer.id,
    kind,
    status: 'created',
    sourceAccountId: r.source.id,
    payeeAccountId: null,
    payeeCustomerId: null,
    payeeLabel: null,
    payeeReference: null,
    amountMinor: r.request.amountMinor,
    feeMinor: 0n,
    currency: r.request.currency,
    purposeCode: r.request.purposeCode ?? null,
    description: r.request.description ? stripUnsafeCharacters(r.request.description).slice(0, DESCRIPTION_LENGTH_MAX) : null,
    scaExemption: null,
    challengeId: null,
    declineReason: null,
    ledgerOperationId: null,
    idempotencyKey: null,
    createdAt: r.now,
    expiresAt: null,
    completedAt: null,
  };
}

export function draftOf(r: Resolving, record: OperationRecord, details: TransferDetails | null, extra: Partial<Draft> = {}): Draft {
  return {
    customer: r.customer,
    record,
    details,
    declined: null,
    ownAccounts: new Map([[r.source.id, r.source]]),
    batchPostings: null,
    ...extra,
  };
}
