import type { AppContext } from '../../context.js';
import { calendarDay, calendarMonthStart, startOfDay } from '../../shared/datetime.js';
import { format, type Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import { notifyCustomer } from '../notifications/index.js';
import { selectProvider } from './catalogue.repo.js';
import { REMINDER_TEXTS } from './paying.messages.js';
import { paidSince } from './payments.repo.js';
import {
  type Favourite,
  lockSchedule,
  markReminded,
  type Schedule,
  selectFavouritesToRemind,
  selectSchedulesToRemind,
  updateSchedule,
} from './saved.repo.js';
import { addDays } from './schedule-dates.js';

/** Reminders per pass of each kind; the rest at the next pass, still before the day they are for. */
const REMINDERS_PER_PASS_MAX = 100;
/**
 * The utilities' bills are due on the 25th (the ЕРЦ's and most KSK's); a favourite of a provider
 * that sends bills is reminded from three days before, once a month, unless it was paid already.
 */
export const BILL_DUE_DAY = 25;
const BILL_REMIND_DAYS_BEFORE = 3;

/**
 * The day before a scheduled payment runs, the customer hears what will be paid, from where and
 * how to stop it: a payment nobody expects is how people learn of one they did not set up.
 * Once per run, across servers (the schedule's row is locked and marked).
 */
export async function remindOfSchedules(ctx: AppContext, now: Date): Promise<Record<string, number>> {
  const tomorrow = addDays(calendarDay(now, ctx.config.bankTimeZone), 1);
  let sent = 0;
  for (const schedule of await selectSchedulesToRemind(ctx.db, tomorrow, REMINDERS_PER_PASS_MAX)) {
    const [customer, provider] = await Promise.all([
      findCustomerById(ctx.db, schedule.customerId),
      selectProvider(ctx.db, schedule.providerId),
    ]);
    if (!customer || !provider) continue;
    const text = format(REMINDER_TEXTS.scheduleTomorrow[customer.language], {
      amount: formatMoney(schedule.amountMinor, schedule.currency, customer.language),
      payee: `${provider.name[customer.language]}, ${schedule.accountLabel}`,
    });
    const done = await ctx.db.transaction(async (tx) => {
      const current = await lockSchedule(tx, schedule.id);
      if (current?.status !== 'active' || current.nextRunOn !== tomorrow || current.lastRemindedOn === tomorrow) return false;
      await updateSchedule(tx, current.id, { lastRemindedOn: tomorrow }, ctx.clock.now());
      await tell(ctx, tx, customer, 'payments.schedule_reminder', REMINDER_TEXTS.scheduleTitle[customer.language], text);
      return true;
    });
    if (done) sent += 1;
  }
  return { service_schedule_reminders: sent };
}

/** From the 22nd, a favourite with reminders on whose bill is not paid this month gets one notice. */
export async function remindOfBills(ctx: AppContext, now: Date): Promise<Record<string, number>> {
  const zone = ctx.config.bankTimeZone;
  const today = calendarDay(now, zone);
  const day = Number(today.slice(8, 10));
  if (day < BILL_DUE_DAY - BILL_REMIND_DAYS_BEFORE || day > BILL_DUE_DAY) return { service_bill_reminders: 0 };
  const monthStart = calendarMonthStart(now, zone);
  let sent = 0;
  for (const favourite of await selectFavouritesToRemind(ctx.db, monthStart, REMINDERS_PER_PASS_MAX)) {
    if (await remindOfBill(ctx, favourite, { today, monthStart })) sent += 1;
  }
  return { service_bill_reminders: sent };
}

async function remindOfBill(ctx: AppContext, favourite: Favourite, days: { today: string; monthStart: string }): Promise<boolean> {
  const since = startOfDay(days.monthStart, ctx.config.bankTimeZone);
  const paid = await paidSince(ctx.db, { ...favourite, since });
  const [customer, provider] = await Promise.all([
    findCustomerById(ctx.db, favourite.customerId),
    selectProvider(ctx.db, favourite.providerId),
  ]);
  return ctx.db.transaction(async (tx) => {
    // Marked either way: a bill paid this month needs no reminder until the next one.
    if (!(await markReminded(tx, favourite.id, days.today, days.monthStart))) return false;
    if (paid || !customer || !provider || provider.status !== 'active') return false;
    const text = format(REMINDER_TEXTS.billDue[customer.language], { name: favourite.name, day: String(BILL_DUE_DAY) });
    await tell(ctx, tx, customer, 'payments.bill_reminder', REMINDER_TEXTS.billTitle[customer.language], text);
    return true;
  });
}

/** A run that could not be made: the customer learns it from the bank, not from the provider's debt notice. */
export async function tellRunSkipped(ctx: AppContext, schedule: Schedule, customer: Customer, why: 'provider' | 'failed'): Promise<void> {
  const provider = await selectProvider(ctx.db, schedule.providerId);
  const language: Language = customer.language;
  const text = format(REMINDER_TEXTS.runSkipped[why][language], {
    amount: formatMoney(schedule.amountMinor, schedule.currency, language),
    payee: `${provider?.name[language] ?? ''}, ${schedule.accountLabel}`,
  });
  await ctx.db.transaction((tx) => tell(ctx, tx, customer, 'payments.schedule_skipped', REMINDER_TEXTS.scheduleTitle[language], text));
}

async function tell(
  ctx: AppContext,
  tx: Parameters<typeof notifyCustomer>[0],
  customer: Customer,
  kind: string,
  title: string,
  text: string,
): Promise<void> {
  await notifyCustomer(tx, {
    customerId: customer.id,
    phone: customer.phone,
    language: customer.language,
    event: 'debits',
    kind,
    title,
    body: text,
    sms: `${ctx.config.officialDomain}: ${text}`,
  });
}
