import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/database.js';
import { calendarDay, calendarTime, formatDateTime, startOfDay } from '../../../shared/datetime.js';
import type { Language } from '../../../shared/i18n.js';
import { insertOutboxMessage, newOutboxId } from '../outbox.repo.js';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../preferences.js';
import { type DigestFacts, digestBody, digestSms, digestTitle } from './digest.messages.js';
import { advanceDigestDay, insertDigest, selectDigestChoices, selectDigestDay, selectDigestedCustomers } from './digest.repo.js';

/**
 * The daily digest (issue 17 item 4; docs/daily-digest.md): every morning, once DIGEST_HOUR has
 * come in the bank's time zone, each customer who wants it gets one message on their channel about
 * the previous bank day's accepted and declined operations; a day with none says so, so a silent
 * day is a sign too. Made on the retention worker's schedule, DIGEST_BATCH_CUSTOMERS customers a
 * batch, keyset by customer id. Once per customer and day: the digest's row (its primary key) and
 * its message are written in one transaction, so a second server, or a pass after a restart,
 * writes neither. Only yesterday is made: a digest of an older day, after an outage, is old news.
 *
 * Disputes are not in it yet: the disputes module has no per-customer, per-day read to ask.
 *
 * The customers and the operations come through ports app.ts fills from identity's and operations'
 * index.ts: operations tells customers through this module, so importing it here would be a cycle.
 */

/** Customers read at once; each costs one summary query and, when due, one short transaction. */
export const DIGEST_BATCH_CUSTOMERS = 200;
/** Batches in one pass (10 000 customers); the next pass goes on from where this one stopped. */
const DIGEST_BATCHES_PER_PASS_MAX = 50;
const DIGEST_KIND = 'digest';

export interface DigestCustomer {
  id: string;
  phone: string;
  language: Language;
}

export interface DigestSummary {
  acceptedCount: number;
  declinedCount: number;
  totals: DigestFacts['totals'];
  declined: DigestFacts['declined'];
}

export interface DigestPorts {
  /** Active customers after an id, in id order (identity's listActiveCustomersAfter). */
  customersAfter(q: Queryable, afterId: string, limit: number): Promise<DigestCustomer[]>;
  /** A customer's operations of [from, to) (operations' customerDaySummary). */
  daySummary(q: Queryable, input: { customerId: string; from: Date; to: Date; language: Language }): Promise<DigestSummary>;
}

/** The digests on the retention worker's schedule, as serviceRegistries is (payments/registry). */
export function dailyDigests(contextOf: () => AppContext, ports: DigestPorts) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    notification_digests: await makeDueDigests(contextOf(), ports, now),
  });
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Yesterday's digests not made yet, from where the last pass stopped; how many were made. */
export async function makeDueDigests(ctx: AppContext, ports: DigestPorts, now: Date): Promise<number> {
  const zone = ctx.config.bankTimeZone;
  if (Number(calendarTime(now, zone).slice(0, 2)) < ctx.config.digestHour) return 0;
  const today = calendarDay(now, zone);
  const day = previousDay(today);
  const progress = await selectDigestDay(ctx.db, day);
  if (progress.finished) return 0;
  const period = { day, from: startOfDay(day, zone), to: startOfDay(today, zone) };
  let after = progress.afterCustomerId;
  let made = 0;
  for (let batch = 0; batch < DIGEST_BATCHES_PER_PASS_MAX; batch += 1) {
    const customers = await ports.customersAfter(ctx.db, after, DIGEST_BATCH_CUSTOMERS);
    made += await digestBatch(ctx, ports, period, customers, now);
    after = customers.at(-1)?.id ?? after;
    const finished = customers.length < DIGEST_BATCH_CUSTOMERS;
    await advanceDigestDay(ctx.db, day, after, finished ? now : null);
    if (finished) break;
  }
  return made;
}

interface Period {
  day: string;
  from: Date;
  to: Date;
}

async function digestBatch(ctx: AppContext, ports: DigestPorts, period: Period, customers: DigestCustomer[], now: Date): Promise<number> {
  if (customers.length === 0) return 0;
  const ids = customers.map((customer) => customer.id);
  const [choices, done] = await Promise.all([selectDigestChoices(ctx.db, ids), selectDigestedCustomers(ctx.db, period.day, ids)]);
  let made = 0;
  for (const customer of customers) {
    const choice = choices.get(customer.id) ?? DEFAULT_NOTIFICATION_SETTINGS.digest;
    if (!choice.enabled || done.has(customer.id)) continue;
    try {
      if (await makeDigest(ctx, ports, period, customer, choice.channel, now)) made += 1;
    } catch (error) {
      // One customer's failure leaves the others' digests to be made; theirs is not retried (it would be news of an older day).
      ctx.log.error({ err: error, customerId: customer.id, day: period.day }, 'daily digest not made');
    }
  }
  return made;
}

/** One customer's digest: true when made now, false when it existed already. */
async function makeDigest(
  ctx: AppContext,
  ports: DigestPorts,
  period: Period,
  customer: DigestCustomer,
  channel: 'sms' | 'inApp',
  now: Date,
): Promise<boolean> {
  const { language } = customer;
  const summary = await ports.daySummary(ctx.db, { customerId: customer.id, from: period.from, to: period.to, language });
  const facts: DigestFacts = {
    ...summary,
    dayLabel: formatDateTime(period.from, language, ctx.config.bankTimeZone, 'date'),
    historyUrl: `${ctx.config.publicOrigin}/history`,
    contactPhone: ctx.config.contactCenterPhone,
  };
  const outboxId = newOutboxId();
  return ctx.db.transaction(async (tx) => {
    const written = await insertDigest(tx, {
      customerId: customer.id,
      day: period.day,
      channel,
      acceptedCount: summary.acceptedCount,
      declinedCount: summary.declinedCount,
      totals: summary.totals,
      outboxId,
      createdAt: now,
    });
    if (!written) return false;
    if (channel === 'sms') {
      await insertOutboxMessage(tx, 'sms', { to: customer.phone, text: digestSms(facts, language), purpose: DIGEST_KIND }, outboxId);
    } else {
      const message = {
        customerId: customer.id,
        kind: DIGEST_KIND,
        title: digestTitle(facts, language),
        body: digestBody(facts, language),
      };
      await insertOutboxMessage(tx, 'in_app', message, outboxId);
    }
    return true;
  });
}
