import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import {
  findCustomerById,
  normalizePhone,
  phoneCoolingOf,
  phoneCoolingProblem,
  refuseDuringPhoneCooling,
  stripUnsafeCharacters,
} from '../identity/index.js';
import { OperationProblem } from '../operations/index.js';
import { resetLowValueAllowance, takeLock } from '../risk/index.js';
import {
  codePolicy,
  codeSms,
  issueFailureProblem,
  resendCode,
  resendFailureProblem,
  tryIssueCode,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { checkedIban } from './iban-check.js';
import { NOT_A_MOBILE } from './transfers.messages.js';
import {
  activePayeeExists,
  insertPayee,
  lockPayee,
  removeActiveDuplicates,
  removePayee,
  selectActivePayees,
  setPayeeStatus,
  type TrustedPayeeRow,
} from './trusted-payees.repo.js';

export const TRUSTED_PAYEES_MAX = 50;

export interface TrustedPayeeView {
  id: string;
  kind: 'phone' | 'iban';
  label: string;
  phone: string | null;
  iban: string | null;
  status: 'awaiting_confirmation' | 'active' | 'removed';
  createdAt: string;
}

type Row = TrustedPayeeRow;

function toView(row: Row): TrustedPayeeView {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    phone: row.phone,
    iban: row.iban,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listTrustedPayees(q: Queryable, customerId: string): Promise<TrustedPayeeView[]> {
  return (await selectActivePayees(q, customerId, TRUSTED_PAYEES_MAX)).map(toView);
}

/** RTS art. 13: a transfer to a payee the customer trusted (with a code, earlier) needs no new code. */
export async function isTrustedPayee(
  q: Queryable,
  customerId: string,
  payee: { phone?: string | null; iban?: string | null },
): Promise<boolean> {
  return activePayeeExists(q, customerId, payee.phone ?? null, payee.iban ?? null);
}

function details(row: Pick<Row, 'id' | 'phone' | 'iban'>) {
  return { payeeId: row.id, payee: row.phone ?? row.iban };
}

/** The code SMS names the payee being trusted: its label and its number or IBAN. */
function payeeCodeSms(ctx: AppContext, row: Pick<Row, 'label' | 'phone' | 'iban'>, language: Language): (code: string) => string {
  return (code) =>
    codeSms({ purpose: 'trusted_payee', payee: `${row.label} (${row.phone ?? row.iban})` }, language, code, ctx.config.officialDomain);
}

/** Adding a trusted payee is itself strong authentication: a code names the payee. */
export async function addTrustedPayee(
  ctx: AppContext,
  input: { customerId: string; kind: 'phone' | 'iban'; phone?: string; iban?: string; label: string; meta: RequestMeta },
): Promise<TrustedPayeeView & { confirmation: { expiresAt: string; resendAvailableAt: string } }> {
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const phone = input.kind === 'phone' && input.phone ? normalizePhone(input.phone) : null;
  const iban = input.kind === 'iban' ? checkedIban(input.iban ?? '', '/iban') : null;
  if (input.kind === 'phone' && !phone)
    throw new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer: '/phone', detail: NOT_A_MOBILE }] });
  const label = stripUnsafeCharacters(input.label).trim().slice(0, 60) || (phone ?? iban ?? '');
  const now = ctx.clock.now();
  // After a phone number change no payee is trusted until the cooling period ends (identity's
  // phone-number.ts): a trusted payee takes money without a code. Refused before a code is sent.
  await refuseDuringPhoneCooling(ctx.db, ctx.config, customer.id, 'new-trusted-payee', now);
  const outcome = await ctx.db.transaction(async (tx) => {
    const row: Row = {
      id: newId('tpy'),
      customer_id: customer.id,
      kind: input.kind,
      phone,
      iban,
      label,
      status: 'awaiting_confirmation',
      challenge_id: null,
      created_at: now,
    };
    // The code counts against the customer's hourly cap of payment codes (sca's codeCaps); a
    // refusal commits its audit row and nothing else.
    const issued = await tryIssueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'trusted_payee',
        phone: customer.phone,
        customerId: customer.id,
        details: details(row),
        smsText: payeeCodeSms(ctx, row, customer.language),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    if (!issued.ok) return issued;
    const code = issued.code;
    row.challenge_id = code.challengeId;
    await insertPayee(tx, row);
    return {
      ok: true as const,
      view: {
        ...toView(row),
        confirmation: { expiresAt: code.expiresAt.toISOString(), resendAvailableAt: code.resendAvailableAt.toISOString() },
      },
    };
  });
  if (!outcome.ok) throw issueFailureProblem(outcome);
  return outcome.view;
}

async function notFound(ctx: AppContext, customerId: string, id: string, meta: RequestMeta): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId,
    meta,
    details: { resource: 'trusted_payee', id },
    occurredAt: ctx.clock.now(),
  });
  return new ProblemError(CommonProblem['not-found']);
}

export async function confirmTrustedPayee(
  ctx: AppContext,
  input: { customerId: string; payeeId: string; code: string; meta: RequestMeta },
): Promise<TrustedPayeeView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    takeLock(tx, 'trusted-payee');
    const row = await lockPayee(tx, input.payeeId);
    if (!row || row.customer_id !== input.customerId) return { ok: false as const, problem: null };
    if (row.status !== 'awaiting_confirmation' || !row.challenge_id)
      return { ok: false as const, problem: new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']) };
    // A payee added before a phone number change is not confirmed during its cooling period.
    const cooling = await phoneCoolingOf(tx, ctx.config, row.customer_id, now);
    if (cooling) return { ok: false as const, problem: phoneCoolingProblem('new-trusted-payee', cooling, ctx.config.bankTimeZone) };
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      { challengeId: row.challenge_id, code: input.code, purpose: 'trusted_payee', details: details(row), meta: input.meta },
    );
    if (!verified.ok) {
      if (verified.reason !== 'invalid') await setPayeeStatus(tx, row.id, 'removed');
      return { ok: false as const, problem: verifyFailureProblem(verified) };
    }
    // A confirmed code is strong customer authentication: low-value exemptions count from zero (RTS art. 16).
    await resetLowValueAllowance(tx, row.customer_id, now);
    // One active entry per payee: confirming again replaces the older one.
    await removeActiveDuplicates(tx, row);
    await setPayeeStatus(tx, row.id, 'active');
    await recordAudit(tx, {
      event: 'trusted_payee.added',
      customerId: row.customer_id,
      meta: input.meta,
      details: { payeeId: row.id, kind: row.kind },
      occurredAt: now,
    });
    return { ok: true as const, row: { ...row, status: 'active' as const } };
  });
  if (!outcome.ok) throw outcome.problem ?? (await notFound(ctx, input.customerId, input.payeeId, input.meta));
  return toView(outcome.row);
}

/**
 * A new code for a payee awaiting confirmation (the SMS did not arrive): the old code stops
 * working, the 60 s cooldown and the hourly caps apply as for any code, and the SMS names the
 * payee again. Another customer's payee is not found, and the attempt is audited.
 */
export async function resendTrustedPayeeCode(
  ctx: AppContext,
  input: { customerId: string; payeeId: string; meta: RequestMeta },
): Promise<TrustedPayeeView & { confirmation: { expiresAt: string; resendAvailableAt: string } }> {
  const now = ctx.clock.now();
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const outcome = await ctx.db.transaction(async (tx) => {
    takeLock(tx, 'trusted-payee');
    const row = await lockPayee(tx, input.payeeId);
    if (!row || row.customer_id !== input.customerId) return { row: null, resend: null };
    if (row.status !== 'awaiting_confirmation' || !row.challenge_id) return { row, resend: null };
    const resend = await resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: row.challenge_id,
        smsText: payeeCodeSms(ctx, row, customer.language),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    );
    return { row, resend };
  });
  if (!outcome.row) throw await notFound(ctx, input.customerId, input.payeeId, input.meta);
  if (!outcome.resend) throw new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']);
  if (!outcome.resend.ok) throw resendFailureProblem(outcome.resend);
  return {
    ...toView(outcome.row),
    confirmation: {
      expiresAt: outcome.resend.code.expiresAt.toISOString(),
      resendAvailableAt: outcome.resend.code.resendAvailableAt.toISOString(),
    },
  };
}

export async function removeTrustedPayee(
  ctx: AppContext,
  input: { customerId: string; payeeId: string; meta: RequestMeta },
): Promise<void> {
  const now = ctx.clock.now();
  const removed = await ctx.db.transaction(async (tx) => {
    const done = await removePayee(tx, input.customerId, input.payeeId);
    if (done)
      await recordAudit(tx, {
        event: 'trusted_payee.removed',
        customerId: input.customerId,
        meta: input.meta,
        details: { payeeId: input.payeeId },
        occurredAt: now,
      });
    return done;
  });
  if (!removed) throw await notFound(ctx, input.customerId, input.payeeId, input.meta);
}
