import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findCustomerById } from '../identity/index.js';
import { resolveCard } from './by-card.js';
import { resolveIban } from './by-iban.js';
import { resolvePhone } from './by-phone.js';
import { type CreateTransferInput, type Draft, invalid, notFound, ownedAccount, type Resolving } from './draft.js';
import { resolveOwn } from './own-accounts.js';

/**
 * Reads what a transfer request names and prices it: the customer, the source account (theirs,
 * in the transfer's currency), the payee by kind. A request the API refuses throws (4xx); a
 * transfer the bank refuses comes back with its decline, to be recorded and answered 201.
 */
export async function resolveTransfer(
  ctx: AppContext,
  input: { customerId: string; request: CreateTransferInput; meta: RequestMeta; now: Date },
): Promise<Draft> {
  const { request } = input;
  // The reads every kind needs, at once: each is a coalesced statement (db/coalesce.ts), and in
  // sequence they were most of a transfer's latency. Checked below in the order they matter.
  const [customer, source, destination] = await Promise.all([
    findCustomerById(ctx.db, input.customerId),
    ownedAccount(ctx.db, input.customerId, request.sourceAccountId),
    request.kind === 'own' && request.destinationAccountId ? ownedAccount(ctx.db, input.customerId, request.destinationAccountId) : null,
  ]);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  if (!source) throw await notFound(ctx, customer.id, input.meta, input.now, request.sourceAccountId);
  if (source.currency !== request.currency)
    throw invalid('/currency', {
      ru: `Счёт списания в валюте ${source.currency}`,
      kk: `Есептен шығаратын шот ${source.currency} валютасында`,
      en: `The account to debit is in ${source.currency}`,
    });
  const resolving: Resolving = { ctx, customer, source, request, meta: input.meta, now: input.now };
  if (request.kind === 'own') return resolveOwn(resolving, destination);
  if (request.kind === 'phone') return resolvePhone(resolving);
  if (request.kind === 'card-number') return resolveCard(resolving);
  return resolveIban(resolving);
}
