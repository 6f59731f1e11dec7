import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { calendarDay } from '../../shared/datetime.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findCustomerById } from '../identity/index.js';
import { createOperation } from '../operations/index.js';
import { selectProvider } from './catalogue.repo.js';
import { checkAccount } from './check.js';
import { notifyNow } from './notify/index.js';
import { servicePaymentKind } from './payment-kind.js';
import { remindOfBills, remindOfSchedules, tellRunSkipped } from './reminders.js';
import { lockSchedule, type Schedule, selectDueSchedules, updateSchedule } from './saved.repo.js';
import { nextMonthly } from './schedule-dates.js';

/** Schedules run per pass: the rest wait for the next pass (minutes away), each within its day. */
const RUNS_PER_PASS_MAX = 50;

/**
 * Runs the scheduled payments due today (issue 16 item 4), on the retention worker's schedule:
 * every pass takes the active schedules whose date has come, asks the provider about the account
 * (validate mode) outside any transaction, and makes the payment as an operation under the key
 * `schedule:<id>:<date>`: with two servers, or after a crash between the payment and the
 * schedule's update, the second attempt is the first one's replay, never a second payment. A
 * provider that does not answer is asked again at the next pass; a run whose day passed without
 * an answer is skipped and the customer told. Then the reminders of tomorrow's runs and of bills.
 */
export function serviceSchedules(contextOf: () => AppContext) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => {
    const ctx = contextOf();
    const ran = await runDueSchedules(ctx, now);
    return { service_schedule_runs: ran, ...(await remindOfSchedules(ctx, now)), ...(await remindOfBills(ctx, now)) };
  };
}

export async function runDueSchedules(ctx: AppContext, now: Date): Promise<number> {
  const today = calendarDay(now, ctx.config.bankTimeZone);
  let ran = 0;
  for (const schedule of await selectDueSchedules(ctx.db, today, RUNS_PER_PASS_MAX)) {
    if (await runOnce(ctx, schedule, today)) ran += 1;
  }
  return ran;
}

/** The request a run stands for: no client, no address; its language is the customer's. */
function runMeta(schedule: Schedule, language: RequestMeta['language']): RequestMeta {
  return { ip: '127.0.0.1', userAgent: 'kassa-scheduler', requestId: `schedule:${schedule.id}`, language };
}

async function runOnce(ctx: AppContext, schedule: Schedule, today: string): Promise<boolean> {
  const runOn = schedule.nextRunOn;
  if (!runOn) return false;
  const [customer, provider] = await Promise.all([
    findCustomerById(ctx.db, schedule.customerId),
    selectProvider(ctx.db, schedule.providerId),
  ]);
  if (!customer || !provider || provider.status !== 'active') {
    await advance(ctx, schedule, runOn, null);
    if (customer) await tellRunSkipped(ctx, schedule, customer, 'provider');
    return false;
  }
  const meta = runMeta(schedule, customer.language);
  try {
    const checkId =
      provider.mode === 'validate'
        ? (await checkAccount(ctx, { customerId: customer.id, providerId: provider.id, fields: schedule.fields })).check?.id
        : undefined;
    const answer = await createOperation(ctx, servicePaymentKind, {
      customerId: customer.id,
      idempotencyKey: `schedule:${schedule.id}:${runOn}`,
      request: {
        providerId: provider.id,
        sourceAccountId: schedule.sourceAccountId,
        amountMinor: schedule.amountMinor,
        currency: schedule.currency,
        fields: schedule.fields,
        ...(checkId ? { checkId } : {}),
        scheduleId: schedule.id,
      },
      rawBody: { scheduleId: schedule.id, runOn },
      meta,
    });
    await advance(ctx, schedule, runOn, answer.body.id);
    if (answer.body.status === 'sent') await notifyNow(ctx, answer.body.id);
    return true;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    // The provider did not answer, the customer is blocked, the account is gone: the next pass
    // tries again today; once the day is over the run is skipped and the customer hears why.
    ctx.log.warn({ scheduleId: schedule.id, runOn, problem: error.code }, 'scheduled payment did not run');
    if (runOn < today) {
      await advance(ctx, schedule, runOn, null);
      await tellRunSkipped(ctx, schedule, customer, 'failed');
    }
    return false;
  }
}

/** The schedule moves past `runOn`: a one-off is finished, a monthly one goes to next month's day. */
async function advance(ctx: AppContext, schedule: Schedule, runOn: string, operationId: string | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await lockSchedule(tx, schedule.id);
    // Moved on by another server, or stopped by the customer meanwhile: nothing to do.
    if (current?.status !== 'active' || current.nextRunOn !== runOn) return;
    const next = current.frequency === 'monthly' && current.dayOfMonth ? nextMonthly(current.dayOfMonth, runOn) : null;
    await updateSchedule(
      tx,
      current.id,
      {
        nextRunOn: next,
        lastRunOn: runOn,
        ...(operationId ? { lastOperationId: operationId } : {}),
        ...(next ? {} : { status: 'finished' as const }),
      },
      now,
    );
  });
}
