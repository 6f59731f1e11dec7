import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCardByPan } from '../cards/index.js';
import { type Customer, findCustomerById, findCustomerByPhone, maskName, normalizePhone } from '../identity/index.js';
import { getAccountByIban } from '../ledger/index.js';
import { capItem, chargeCaps } from '../sca/index.js';
import { checkedCardNumber } from './card-number.js';
import { checkedIban } from './iban-check.js';
import { TransferProblem } from './transfers.errors.js';
import { NOT_A_MOBILE, PHONE_OR_IBAN } from './transfers.messages.js';

/**
 * SECURITY.md 36: a phone → name look-up tells whether the number belongs to a customer, so it is
 * not free. Per customer, at most PAYEE_LOOKUPS_UNKNOWN_PER_DAY_MAX different numbers a day may turn
 * out to name nobody (looking the same number up again costs nothing); beyond that the answer is
 * 429 with Retry-After. Enumerating customers means trying numbers, and nearly all of them name
 * nobody, so this is the cap that stops it, while a customer paying the people he knows is never
 * refused. Both ways of asking count: POST /transfers/payee-lookup (by phone, or by an IBAN of
 * this bank), and a phone transfer to a number with no account, whose decline says as much. Every look-up is audited; the number is
 * kept only as a keyed hash.
 */

const DAY_MS = 24 * 3_600_000;

export type LookupVia = 'look-up' | 'transfer';

export type UnknownPayeeDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Checks and counts, in one step (sca/caps.ts), that the customer may be told once more that a number names nobody. */
export async function countUnknownPayee(
  ctx: AppContext,
  input: { customerId: string; reference: string; via: LookupVia; meta: RequestMeta; now: Date },
): Promise<UnknownPayeeDecision> {
  const payeeItem = capItem(ctx.config.keyring, 'payee-unknown', input.reference);
  return ctx.db.transaction(async (tx) => {
    const charged = await chargeCaps(
      tx,
      [
        {
          scope: 'payee-unknown',
          key: input.customerId,
          item: payeeItem,
          max: ctx.config.lookupCaps.unknownPayeesPerDayMax,
          windowMs: DAY_MS,
        },
      ],
      input.now,
    );
    await recordAudit(tx, {
      event: 'payee.looked_up',
      customerId: input.customerId,
      meta: input.meta,
      details: { via: input.via, found: false, payeeRef: payeeItem.hash, refused: !charged.ok },
      occurredAt: input.now,
    });
    return charged.ok ? { ok: true } : { ok: false, retryAfterSeconds: charged.retryAfterSeconds };
  });
}

export function payeeLookupsProblem(retryAfterSeconds: number): ProblemError {
  return new ProblemError(TransferProblem['payee-lookups-exhausted'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

/**
 * Whom a transfer would go to, before anything is sent (issue 12 item 4): the masked name of the
 * customer the phone or IBAN belongs to (what the transfer's SMS code will name), whether it is
 * the customer's own, and whether it is this bank's at all. Another bank's IBAN names nobody we
 * know, so it costs nothing; an unknown phone, or an IBAN of this bank with no active customer
 * behind it, counts against the day's cap of unknown payees.
 */
export interface PayeeLookup {
  found: boolean;
  maskedName: string | null;
  isSelf: boolean;
  thisBank: boolean;
  /** The 3-digit bank code of a KZ IBAN (characters 5-7); null for a phone or another country. */
  bankCode: string | null;
}

type LookupInput = { customerId: string; meta: RequestMeta };

export async function lookUpPayee(
  ctx: AppContext,
  input: LookupInput & { phone?: string; iban?: string; cardNumber?: string },
): Promise<PayeeLookup> {
  const given = [input.phone, input.iban, input.cardNumber].filter((value) => value !== undefined).length;
  if (given === 1 && input.phone !== undefined) return lookUpPhone(ctx, { ...input, phone: input.phone });
  if (given === 1 && input.iban !== undefined) return lookUpIban(ctx, { ...input, iban: input.iban });
  if (given === 1 && input.cardNumber !== undefined) return lookUpCard(ctx, { ...input, cardNumber: input.cardNumber });
  throw new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer: '/phone', detail: PHONE_OR_IBAN }] });
}

const NOBODY = { found: false, maskedName: null, isSelf: false } as const;

async function lookUpPhone(ctx: AppContext, input: LookupInput & { phone: string }): Promise<PayeeLookup> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer: '/phone', detail: NOT_A_MOBILE }] });
  const payee = await findCustomerByPhone(ctx.db, phone);
  const named = await nameOf(ctx, input, payee, 'phone');
  if (named) return { ...named, thisBank: true, bankCode: null };
  await chargeUnknown(ctx, input, phone);
  return { ...NOBODY, thisBank: false, bankCode: null };
}

async function lookUpIban(ctx: AppContext, input: LookupInput & { iban: string }): Promise<PayeeLookup> {
  const iban = checkedIban(input.iban, '/iban');
  const bankCode = iban.startsWith('KZ') ? iban.slice(4, 7) : null;
  const thisBank = bankCode === ctx.config.transfers.bankCode;
  if (!thisBank) return { ...NOBODY, thisBank, bankCode };
  const account = await getAccountByIban(ctx.db, iban);
  const owner = account?.ownerId && account.status === 'active' ? await findCustomerById(ctx.db, account.ownerId) : null;
  const named = await nameOf(ctx, input, owner, 'iban');
  if (named) return { ...named, thisBank, bankCode };
  await chargeUnknown(ctx, input, iban);
  return { ...NOBODY, thisBank, bankCode };
}

/**
 * Issue 14 item 7: a Kassa card names its holder; a number in Kassa's BIN that no card has counts
 * as an unknown payee (a way to find which numbers are cards); another bank's card names nobody
 * we know and costs nothing.
 */
async function lookUpCard(ctx: AppContext, input: LookupInput & { cardNumber: string }): Promise<PayeeLookup> {
  const pan = checkedCardNumber(input.cardNumber);
  const card = await findCardByPan(ctx.db, ctx, pan);
  const holder = card ? await findCustomerById(ctx.db, card.customerId) : null;
  const named = await nameOf(ctx, input, holder, 'card');
  if (named) return { ...named, thisBank: true, bankCode: null };
  const thisBank = pan.startsWith(ctx.config.cards.product.bin);
  if (thisBank) await chargeUnknown(ctx, input, pan);
  return { ...NOBODY, thisBank, bankCode: null };
}

/** An active customer as the look-up names them, audited; null for nobody (or a blocked or closed customer). */
async function nameOf(
  ctx: AppContext,
  input: LookupInput,
  payee: Customer | null,
  by: 'phone' | 'iban' | 'card',
): Promise<{ found: true; maskedName: string; isSelf: boolean } | null> {
  if (payee?.status !== 'active') return null;
  await recordAuditAlone(ctx.db, {
    event: 'payee.looked_up',
    customerId: input.customerId,
    meta: input.meta,
    details: { via: 'look-up', by, found: true, payeeId: payee.id },
    occurredAt: ctx.clock.now(),
  });
  return { found: true, maskedName: maskName(payee.fullName), isSelf: payee.id === input.customerId };
}

async function chargeUnknown(ctx: AppContext, input: LookupInput, reference: string): Promise<void> {
  const counted = await countUnknownPayee(ctx, {
    customerId: input.customerId,
    reference,
    via: 'look-up',
    meta: input.meta,
    now: ctx.clock.now(),
  });
  if (!counted.ok) throw payeeLookupsProblem(counted.retryAfterSeconds);
}
