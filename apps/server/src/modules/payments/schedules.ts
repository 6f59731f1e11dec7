import type { AppContext } from '../../context.js';
import { calendarDay } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { formatMoney } from '../../shared/money.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { type Currency, getAccount } from '../ledger/index.js';
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
import { selectProvider } from './catalogue.repo.js';
import type { Provider } from './catalogue.types.js';
import { checkAmount } from './fees.js';
import { readFields } from './fields.js';
import { SCHEDULE_TEXTS } from './paying.messages.js';
import { PaymentsProblem } from './payments.errors.js';
import { fieldsProblem, notYoursProblem } from './problems.js';
import { activeProvider } from './resolve.js';
import { countActiveSchedules, insertSchedule, lockSchedule, type Schedule, selectSchedules, updateSchedule } from './saved.repo.js';
import { firstRunOn, ONCE_AHEAD_DAYS_MAX } from './schedule-dates.js';

/** Scheduled payments per customer at once (set up or active): a list that fits a screen. */
export const SCHEDULES_PER_CUSTOMER_MAX = 20;

/** The customer's schedules, newest first: the running ones and a bounded tail of ended ones. */
export function listSchedules(ctx: AppContext, customerId: string): Promise<Schedule[]> {
  return selectSchedules(ctx.db, customerId, SCHEDULES_PER_CUSTOMER_MAX * 3);
}

export interface CreateScheduleInput {
  providerId: string;
  name: string;
  fields: Record<string, string>;
  amountMinor: bigint;
  currency: Currency;
  sourceAccountId: string;
  frequency: 'once' | 'monthly';
  /** once: the date (YYYY-MM-DD, in the bank's time zone), from tomorrow up to a year ahead. */
  runOn?: string;
  /** monthly: the day, 1-28 (every month has it). */
  dayOfMonth?: number;
}

/** What the code binds: change any of it and the code is void (RTS art. 5, dynamic linking). */
function linked(schedule: Schedule) {
  return {
    scheduleId: schedule.id,
    providerId: schedule.providerId,
    account: schedule.accountLabel,
    source: schedule.sourceAccountId,
    amountMinor: schedule.amountMinor.toString(),
    currency: schedule.currency,
    frequency: schedule.frequency,
    on: schedule.frequency === 'monthly' ? String(schedule.dayOfMonth) : (schedule.nextRunOn ?? ''),
  };
}

function whenText(schedule: Schedule, language: Language): string {
  if (schedule.frequency === 'monthly') return SCHEDULE_TEXTS.monthly[language].replace('{day}', String(schedule.dayOfMonth));
  const [year, month, day] = (schedule.nextRunOn ?? '').split('-');
  return SCHEDULE_TEXTS.once[language].replace('{date}', `${day}.${month}.${year}`);
}

function scheduleSms(ctx: AppContext, schedule: Schedule, provider: Provider, language: Language): (code: string) => string {
  const amount = formatMoney(schedule.amountMinor, schedule.currency, language);
  const payee = `${provider.name[language]}, ${schedule.accountLabel}`;
  return (code) =>
    codeSms({ purpose: 'service_schedule', amount, payee, when: whenText(schedule, language) }, language, code, ctx.config.officialDomain);
}

/**
 * Sets up a scheduled payment (issue 16 item 4): the same provider, account and amount, once on a
 * date or monthly on a day. A bill that changes every month (fetch mode) is not scheduled: its
 * amount is the provider's, not the customer's. The code sent names all of it; until it is
 * entered nothing is scheduled (RTS art. 14: the series is authenticated once, when it is set up).
 */
export async function createSchedule(
  ctx: AppContext,
  input: { customerId: string; body: CreateScheduleInput; meta: RequestMeta },
): Promise<{ schedule: Schedule; provider: Provider; confirmation: { expiresAt: string; resendAvailableAt: string } }> {
  const { body } = input;
  const now = ctx.clock.now();
  const [customer, source, found] = await Promise.all([
    findCustomerById(ctx.db, input.customerId),
    getAccount(ctx.db, body.sourceAccountId),
    selectProvider(ctx.db, body.providerId),
  ]);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  if (!source || source.ownerId !== customer.id) throw await notYoursProblem(ctx, customer.id, input.meta, 'account', body.sourceAccountId);
  const provider = activeProvider(found);
  if (provider.mode === 'fetch') throw invalid('/providerId', SCHEDULE_TEXTS.fetchNotScheduled);
  if (source.currency !== body.currency || provider.currency !== body.currency) throw invalid('/currency', SCHEDULE_TEXTS.currency);
  const read = readFields(provider.fields, body.fields);
  if (!read.ok) throw fieldsProblem(read.errors);
  const amount = checkAmount(provider.amountRule, body.amountMinor, null);
  if (!amount.ok) throw invalid('/amountMinor', SCHEDULE_TEXTS.amount);
  const today = calendarDay(now, ctx.config.bankTimeZone);
  const nextRunOn = firstRunOn(body, today);
  if (!nextRunOn) throw invalid(body.frequency === 'once' ? '/runOn' : '/dayOfMonth', SCHEDULE_TEXTS.date(ONCE_AHEAD_DAYS_MAX));
  if ((await countActiveSchedules(ctx.db, customer.id)) >= SCHEDULES_PER_CUSTOMER_MAX) {
    throw new ProblemError(PaymentsProblem['schedules-too-many'], { values: { max: SCHEDULES_PER_CUSTOMER_MAX } });
  }
  const schedule: Schedule = {
    id: newId('sch'),
    customerId: customer.id,
    providerId: provider.id,
    name: body.name.trim().slice(0, 40) || provider.name[customer.language],
    fields: read.values,
    accountLabel: read.accountLabel,
    sourceAccountId: source.id,
    amountMinor: body.amountMinor,
    currency: body.currency,
    frequency: body.frequency,
    dayOfMonth: body.frequency === 'monthly' ? (body.dayOfMonth ?? null) : null,
    status: 'awaiting_confirmation',
    challengeId: null,
    nextRunOn,
    lastRunOn: null,
    lastOperationId: null,
    lastRemindedOn: null,
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await ctx.db.transaction(async (tx) => {
    takeLock(tx, 'sca-caps');
    const issued = await tryIssueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'service_schedule',
        phone: customer.phone,
        customerId: customer.id,
        details: linked(schedule),
        smsText: scheduleSms(ctx, schedule, provider, customer.language),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    if (!issued.ok) return issued;
    schedule.challengeId = issued.code.challengeId;
    await insertSchedule(tx, schedule);
    return { ok: true as const, expiresAt: issued.code.expiresAt, resendAvailableAt: issued.code.resendAvailableAt };
  });
  if (!outcome.ok) throw issueFailureProblem(outcome);
  const confirmation = { expiresAt: outcome.expiresAt.toISOString(), resendAvailableAt: outcome.resendAvailableAt.toISOString() };
  return { schedule, provider, confirmation };
}

/** The code sets the schedule going; a wrong code thrice (or an expired one) ends it unconfirmed. */
export async function confirmSchedule(
  ctx: AppContext,
  input: { customerId: string; scheduleId: string; code: string; meta: RequestMeta },
): Promise<Schedule> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, input.scheduleId);
    if (!schedule || schedule.customerId !== input.customerId) return { ok: false as const, problem: null };
    if (schedule.status !== 'awaiting_confirmation' || !schedule.challengeId)
      return { ok: false as const, problem: new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']) };
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      { challengeId: schedule.challengeId, code: input.code, purpose: 'service_schedule', details: linked(schedule), meta: input.meta },
    );
    if (!verified.ok) {
      if (verified.reason !== 'invalid') await updateSchedule(tx, schedule.id, { status: 'cancelled' }, now);
      return { ok: false as const, problem: verifyFailureProblem(verified) };
    }
    // A confirmed code is strong customer authentication: low-value exemptions count from zero (RTS art. 16).
    await resetLowValueAllowance(tx, schedule.customerId, now);
    await updateSchedule(tx, schedule.id, { status: 'active' }, now);
    await recordAudit(tx, {
      event: 'payments.schedule_set_up',
      customerId: schedule.customerId,
      meta: input.meta,
      details: { scheduleId: schedule.id, providerId: schedule.providerId, frequency: schedule.frequency },
      occurredAt: now,
    });
    return { ok: true as const, schedule: { ...schedule, status: 'active' as const } };
  });
  if (!outcome.ok) throw outcome.problem ?? (await notYoursProblem(ctx, input.customerId, input.meta, 'schedule', input.scheduleId));
  return outcome.schedule;
}

export async function resendScheduleCode(
  ctx: AppContext,
  input: { customerId: string; scheduleId: string; meta: RequestMeta },
): Promise<{ schedule: Schedule; confirmation: { expiresAt: string; resendAvailableAt: string } }> {
  const now = ctx.clock.now();
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const outcome = await ctx.db.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, input.scheduleId);
    if (!schedule || schedule.customerId !== customer.id) return { schedule: null, resend: null };
    const provider = await selectProvider(tx, schedule.providerId);
    if (schedule.status !== 'awaiting_confirmation' || !schedule.challengeId || !provider) return { schedule, resend: null };
    const resend = await resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: schedule.challengeId,
        smsText: scheduleSms(ctx, schedule, provider, customer.language),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    );
    return { schedule, resend };
  });
  if (!outcome.schedule) throw await notYoursProblem(ctx, input.customerId, input.meta, 'schedule', input.scheduleId);
  if (!outcome.resend) throw new ProblemError(OperationProblem['transfer-not-awaiting-confirmation']);
  if (!outcome.resend.ok) throw resendFailureProblem(outcome.resend);
  const { code } = outcome.resend;
  return {
    schedule: outcome.schedule,
    confirmation: { expiresAt: code.expiresAt.toISOString(), resendAvailableAt: code.resendAvailableAt.toISOString() },
  };
}

/** The customer stops a schedule: no run after this one. Stopping it again answers the same. */
export async function cancelSchedule(
  ctx: AppContext,
  input: { customerId: string; scheduleId: string; meta: RequestMeta },
): Promise<Schedule> {
  const now = ctx.clock.now();
  const schedule = await ctx.db.transaction(async (tx) => {
    const found = await lockSchedule(tx, input.scheduleId);
    if (!found || found.customerId !== input.customerId) return null;
    if (found.status === 'cancelled' || found.status === 'finished') return found;
    await updateSchedule(tx, found.id, { status: 'cancelled', nextRunOn: null }, now);
    await recordAudit(tx, {
      event: 'payments.schedule_cancelled',
      customerId: found.customerId,
      meta: input.meta,
      details: { scheduleId: found.id },
      occurredAt: now,
    });
    return { ...found, status: 'cancelled' as const, nextRunOn: null };
  });
  if (!schedule) throw await notYoursProblem(ctx, input.customerId, input.meta, 'schedule', input.scheduleId);
  return schedule;
}

function invalid(pointer: string, detail: { ru: string; kk: string; en: string }): ProblemError {
  return new ProblemError(PaymentsProblem['schedule-invalid'], { errors: [{ pointer, detail }] });
}
