import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { stripUnsafeCharacters } from '../identity/index.js';
import { getAccount } from '../ledger/index.js';
import { selectProvider } from './catalogue.repo.js';
import { readFields } from './fields.js';
import { PaymentsProblem } from './payments.errors.js';
import { selectServicePayment } from './payments.repo.js';
import { fieldsProblem, notYoursProblem } from './problems.js';
import { activeProvider } from './resolve.js';
import { countFavourites, deleteFavourite, type Favourite, selectFavourites, upsertFavourite } from './saved.repo.js';

/** Favourites per customer: a screen's worth, and a bound on every list of them. */
export const FAVOURITES_PER_CUSTOMER_MAX = 50;
const NAME_LENGTH_MAX = 40;

export interface SaveFavouriteInput {
  name: string;
  /** From a payment of the customer's own: its provider, account and amount. */
  paymentId?: string;
  /** Or typed: a provider and its fields. */
  providerId?: string;
  fields?: Record<string, string>;
  amountMinor?: bigint;
  sourceAccountId?: string;
  /** A notice before the bill is due, when it is not paid this month (providers that send bills). */
  remind?: boolean;
}

/**
 * Saves a payment under the customer's own name (issue 16 item 4), from a payment they made or
 * from a provider and its fields checked by the provider's rules. The same provider and account
 * saved again renames it; another customer's payment is not found, and audited.
 */
export async function saveFavourite(
  ctx: AppContext,
  input: { customerId: string; body: SaveFavouriteInput; meta: RequestMeta },
): Promise<Favourite> {
  const { body } = input;
  const source = await favouriteSource(ctx, input.customerId, body, input.meta);
  const provider = activeProvider(await selectProvider(ctx.db, source.providerId));
  const read = readFields(provider.fields, source.fields);
  if (!read.ok) throw fieldsProblem(read.errors);
  if (body.sourceAccountId) {
    const account = await getAccount(ctx.db, body.sourceAccountId);
    if (!account || account.ownerId !== input.customerId)
      throw await notYoursProblem(ctx, input.customerId, input.meta, 'account', body.sourceAccountId);
  }
  if ((await countFavourites(ctx.db, input.customerId)) >= FAVOURITES_PER_CUSTOMER_MAX) {
    throw new ProblemError(PaymentsProblem['favourites-too-many'], { values: { max: FAVOURITES_PER_CUSTOMER_MAX } });
  }
  const name = stripUnsafeCharacters(body.name).trim().slice(0, NAME_LENGTH_MAX) || provider.name[input.meta.language];
  return upsertFavourite(ctx.db, {
    id: newId('fav'),
    customerId: input.customerId,
    providerId: provider.id,
    name,
    fields: read.values,
    accountLabel: read.accountLabel,
    amountMinor: body.amountMinor ?? source.amountMinor,
    sourceAccountId: body.sourceAccountId ?? null,
    remind: Boolean(body.remind) && provider.mode === 'fetch',
    lastRemindedOn: null,
    createdAt: ctx.clock.now(),
  });
}

async function favouriteSource(
  ctx: AppContext,
  customerId: string,
  body: SaveFavouriteInput,
  meta: RequestMeta,
): Promise<{ providerId: string; fields: Record<string, string>; amountMinor: bigint | null }> {
  if (body.paymentId) {
    const payment = await selectServicePayment(ctx.db, body.paymentId);
    if (!payment || payment.customerId !== customerId)
      throw await notYoursProblem(ctx, customerId, meta, 'service_payment', body.paymentId);
    return { providerId: payment.providerId, fields: payment.fields, amountMinor: null };
  }
  if (!body.providerId || !body.fields) {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [
        {
          pointer: '/providerId',
          detail: { ru: 'Укажите платёж или поставщика', kk: 'Төлемді немесе жеткізушіні көрсетіңіз', en: 'Name a payment or a provider' },
        },
      ],
    });
  }
  return { providerId: body.providerId, fields: body.fields, amountMinor: null };
}

export function listFavourites(ctx: AppContext, customerId: string): Promise<Favourite[]> {
  return selectFavourites(ctx.db, customerId, FAVOURITES_PER_CUSTOMER_MAX);
}

export async function removeFavourite(
  ctx: AppContext,
  input: { customerId: string; favouriteId: string; meta: RequestMeta },
): Promise<void> {
  if (!(await deleteFavourite(ctx.db, input.customerId, input.favouriteId))) {
    throw await notYoursProblem(ctx, input.customerId, input.meta, 'favourite', input.favouriteId);
  }
}
