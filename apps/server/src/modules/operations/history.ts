import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { findCustomerById, findCustomerByPhone, maskName, normalizePhone } from '../identity/index.js';
import { listAccountsByOwner } from '../ledger/index.js';
import { selectPurchaseCards } from './card-purchases.repo.js';
import { expireStale } from './ended.js';
import { OperationProblem } from './operations.errors.js';
import { type HistorySearch, selectHistory, selectOperation } from './operations.repo.js';
import type { OperationDetailsView, OperationView } from './operations.schemas.js';
import type { OperationKind, OperationRecord, VisibleStatus } from './operations.types.js';
import { repeatOf, toView } from './view.js';

export interface HistoryFilter {
  from?: Date;
  to?: Date;
  accountId?: string;
  kind?: OperationKind;
  status?: VisibleStatus;
  search?: string;
  /** The purchases made with this card: the caller has checked it is the viewer's (operations.routes.ts). */
  cardId?: string;
  cursor?: string;
  limit: number;
}

/** The card of each card purchase among the records (the history rows link to the card's page). */
function purchaseCardsOf(ctx: AppContext, records: readonly OperationRecord[]): Promise<Map<string, string>> {
  return selectPurchaseCards(
    ctx.db,
    records.filter((record) => record.kind === 'card.purchase').map((record) => record.id),
  );
}

function encodeCursor(record: OperationRecord): string {
  return Buffer.from(`${record.createdAt.toISOString()}|${record.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** The payers of the operations paid to the viewer, masked as the SMS names them. */
async function payerNames(ctx: AppContext, records: readonly OperationRecord[], viewerId: string): Promise<Map<string, string>> {
  const ids = [...new Set(records.filter((record) => record.customerId !== viewerId).map((record) => record.customerId))];
  const customers = await Promise.all(ids.map((id) => findCustomerById(ctx.db, id)));
  return new Map(customers.flatMap((customer) => (customer ? [[customer.id, maskName(customer.fullName)] as const] : [])));
}

/**
 * The search box (q) as the history query reads it: the text for the payee's name, the same
 * without separators for a phone or an IBAN fragment ("701 123-45" finds +7701123 45…, "kz86 125"
 * finds KZ86125…), and, when it is a whole phone number of a customer, that customer as a payer.
 * LIKE's wildcards are taken out, so a fragment is matched as typed.
 */
async function searchOf(ctx: AppContext, text: string | undefined): Promise<HistorySearch | null> {
  const plain = text?.replace(/[%_\\]/g, '').trim();
  if (!plain) return null;
  const reference = plain.replace(/[\s()+-]/g, '').toUpperCase();
  const phone = normalizePhone(plain);
  const payer = phone ? await findCustomerByPhone(ctx.db, phone) : null;
  return { text: plain, reference: reference === '' ? null : reference, payerId: payer?.id ?? null };
}

/** Every operation of the customer, sent or received, accepted or declined, newest first. */
export async function listHistory(
  ctx: AppContext,
  viewerId: string,
  filter: HistoryFilter,
  language: Language,
): Promise<{ items: OperationView[]; nextCursor: string | null }> {
  await expireStale(ctx, viewerId, ctx.clock.now());
  const records = await selectHistory(ctx.db, {
    viewerId,
    from: filter.from ?? null,
    to: filter.to ?? null,
    accountId: filter.accountId ?? null,
    kind: filter.kind ?? null,
    status: filter.status ?? null,
    search: await searchOf(ctx, filter.search),
    cardId: filter.cardId ?? null,
    before: filter.cursor ? decodeCursor(filter.cursor) : null,
    limit: filter.limit + 1,
  });
  const page = records.slice(0, filter.limit);
  const [accounts, payers, purchaseCards] = await Promise.all([
    listAccountsByOwner(ctx.db, viewerId),
    payerNames(ctx, page, viewerId),
    purchaseCardsOf(ctx, page),
  ]);
  const ownAccounts = new Map(accounts.map((account) => [account.id, account]));
  const last = page[page.length - 1];
  return {
    items: page.map((record) =>
      toView(record, viewerId, language, { ownAccounts, payerName: payers.get(record.customerId) ?? null, purchaseCards }),
    ),
    nextCursor: records.length > filter.limit && last ? encodeCursor(last) : null,
  };
}

/** The operation if the viewer made it or was paid by it; anything else is audited and not found. */
export async function visibleOperation(
  ctx: AppContext,
  viewerId: string,
  operationId: string,
  meta: RequestMeta,
): Promise<OperationRecord> {
  await expireStale(ctx, viewerId, ctx.clock.now());
  const record = await selectOperation(ctx.db, operationId);
  if (!record || (record.customerId !== viewerId && !(record.payeeCustomerId === viewerId && record.status === 'completed'))) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: viewerId,
      meta,
      details: { resource: 'transfer', id: operationId },
      occurredAt: ctx.clock.now(),
    });
    throw new ProblemError(OperationProblem['transfer-not-found']);
  }
  return record;
}

export async function getOperation(
  ctx: AppContext,
  viewerId: string,
  operationId: string,
  meta: RequestMeta,
): Promise<OperationDetailsView> {
  const record = await visibleOperation(ctx, viewerId, operationId, meta);
  const [accounts, payers, purchaseCards] = await Promise.all([
    listAccountsByOwner(ctx.db, viewerId),
    payerNames(ctx, [record], viewerId),
    purchaseCardsOf(ctx, [record]),
  ]);
  const view = toView(record, viewerId, meta.language, {
    ownAccounts: new Map(accounts.map((account) => [account.id, account])),
    payerName: payers.get(record.customerId) ?? null,
    purchaseCards,
  });
  return { ...view, repeat: repeatOf(record, viewerId) };
}

/**
 * An operation's record whoever asks, for the staff working a case (modules/disputes,
 * modules/incidents): their routes decide who may see it. Null when there is none.
 */
export function operationRecord(q: Queryable, operationId: string): Promise<OperationRecord | null> {
  return selectOperation(q, operationId);
}
