import type { AppContext } from '../../../context.js';
import type { Queryable } from '../../../db/database.js';
import { calendarDay, startOfDay } from '../../../shared/datetime.js';
import { ProblemError } from '../../../shared/problem.js';
import { recordAuditAlone } from '../../audit/index.js';
import type { StaffAct } from '../catalogue.admin.js';
import { selectProvider, selectProviders } from '../catalogue.repo.js';
import type { Provider } from '../catalogue.types.js';
import { paymentsMoney } from '../money-state.js';
import { PaymentsProblem } from '../payments.errors.js';
import { addDays } from '../schedule-dates.js';
import { RegistryProblem } from './registry.errors.js';
import {
  insertRegistry,
  type RegistryFile,
  type RegistrySummary,
  selectDayPayments,
  selectLastRegistryDays,
  selectRegistries,
  selectRegistryFile,
} from './registry.repo.js';
import { type RegistryLine, renderRegistry } from './registry-csv.js';

/**
 * The daily registry per provider (issue 16 item 6; docs/payments-providers.md, "Registry and
 * reconciliation"): for each bank calendar day (BANK_TIME_ZONE), the file of every payment to the
 * provider that moved money, made once by the first retention pass after the day ends. The row's
 * primary key (provider, day) makes it once: a second pass, or a second server building the same
 * day at the same moment, writes nothing. The provider is never called here.
 */

/** A day with more payments than this is refused (logged), never cut short: a registry is all of a day or nothing. */
export const REGISTRY_PAYMENTS_MAX = 100_000;
/** service_payments rows read at once. */
const DAY_PAGE_ROWS = 500;
/** Days a provider's registries catch up on in one pass (after an outage); the rest come with the next passes. */
const CATCH_UP_DAYS_PER_PASS = 7;

/** A day's payments that moved money, and how many still wait for their code (the registry waits for them). */
export interface DayPayments {
  lines: RegistryLine[];
  waitingCount: number;
}

/** The provider's payments made on `day` (by service_payments.created_at in the bank's zone), oldest first. */
export async function dayPayments(ctx: AppContext, providerId: string, day: string): Promise<DayPayments> {
  const zone = ctx.config.bankTimeZone;
  const from = startOfDay(day, zone);
  const to = startOfDay(addDays(day, 1), zone);
  const result: DayPayments = { lines: [], waitingCount: 0 };
  let after: { createdAt: Date; paymentId: string } | null = null;
  let seen = 0;
  for (;;) {
    const rows = await selectDayPayments(ctx.db, { providerId, from, to, after, limit: DAY_PAGE_ROWS });
    seen += rows.length;
    if (seen > REGISTRY_PAYMENTS_MAX) throw new Error(`provider ${providerId} has over ${REGISTRY_PAYMENTS_MAX} payments on ${day}`);
    const moneys = await paymentsMoney(ctx.db, rows);
    for (const row of rows) {
      const money = moneys.get(row.paymentId);
      if (!money) throw new Error(`service payment ${row.paymentId} has no operation or guest payment`);
      if (money.state === 'waiting') result.waitingCount += 1;
      if (money.state !== 'moved') continue;
      result.lines.push({
        paymentId: row.paymentId,
        createdAt: row.createdAt,
        accountLabel: row.accountLabel,
        amountMinor: money.amountMinor,
        currency: money.currency,
        providerReference: row.providerReference,
        providerStatus: row.providerStatus,
      });
    }
    const last = rows.at(-1);
    if (!last || rows.length < DAY_PAGE_ROWS) return result;
    after = { createdAt: last.createdAt, paymentId: last.paymentId };
  }
}

/** made: written now; exists: another pass or server wrote it first; waiting: a payment of the day still waits for its code. */
async function makeRegistry(ctx: AppContext, provider: Provider, day: string): Promise<'made' | 'exists' | 'waiting'> {
  const payments = await dayPayments(ctx, provider.id, day);
  if (payments.waitingCount > 0) return 'waiting';
  const rendered = renderRegistry({
    providerId: provider.id,
    day,
    currency: provider.currency,
    timeZone: ctx.config.bankTimeZone,
    lines: payments.lines,
  });
  const written = await insertRegistry(ctx.db, {
    providerId: provider.id,
    day,
    currency: provider.currency,
    csv: rendered.csv,
    sha256: rendered.sha256,
    paymentCount: rendered.paymentCount,
    totalMinor: rendered.totalMinor,
    createdAt: ctx.clock.now(),
  });
  return written ? 'made' : 'exists';
}

/**
 * The first day a provider's registries still need: the day after its last one; for a provider
 * without any, the day it was created, but no more than CATCH_UP_DAYS_PER_PASS days back (a
 * provider older than the registries gets them from when they began).
 */
function firstDueDay(provider: Provider, lastDay: string | undefined, yesterday: string, zone: string): string {
  if (lastDay) return addDays(lastDay, 1);
  const createdOn = calendarDay(provider.createdAt, zone);
  const earliest = addDays(yesterday, 1 - CATCH_UP_DAYS_PER_PASS);
  // Days as YYYY-MM-DD compare as text.
  if (createdOn > earliest) return createdOn;
  return earliest;
}

/** Every provider's registries of the days that ended and have none yet, in day order; how many were made. */
export async function makeDueRegistries(ctx: AppContext, now: Date): Promise<number> {
  const zone = ctx.config.bankTimeZone;
  const yesterday = addDays(calendarDay(now, zone), -1);
  const [providers, lastDays] = await Promise.all([selectProviders(ctx.db, { activeOnly: false }), selectLastRegistryDays(ctx.db)]);
  let made = 0;
  for (const provider of providers) {
    let day = firstDueDay(provider, lastDays.get(provider.id), yesterday, zone);
    try {
      for (let passed = 0; passed < CATCH_UP_DAYS_PER_PASS && day <= yesterday; passed += 1, day = addDays(day, 1)) {
        const outcome = await makeRegistry(ctx, provider, day);
        // Days go in order: a later day never exists before an earlier one, so the job knows where to carry on.
        if (outcome === 'waiting') break;
        if (outcome === 'made') made += 1;
      }
    } catch (error) {
      // One provider's failure (a day over the limit) leaves the others' registries to be made; it is retried next pass.
      ctx.log.error({ err: error, providerId: provider.id, day }, 'service registry not made');
    }
  }
  return made;
}

/** The daily registries on the retention worker's schedule, as merchantPayouts is (acquiring/money/payouts.ts). */
export function serviceRegistries(contextOf: () => AppContext) {
  return async (_db: Queryable, now: Date): Promise<Record<string, number>> => ({
    service_registries: await makeDueRegistries(contextOf(), now),
  });
}

/** Staff see at most this many registries a page. */
export const REGISTRIES_PAGE_MAX = 100;

async function knownProvider(ctx: AppContext, providerId: string): Promise<Provider> {
  const provider = await selectProvider(ctx.db, providerId);
  if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
  return provider;
}

/** A provider's registries, newest first, without their files; audited. */
export async function listRegistriesAudited(
  ctx: AppContext,
  input: StaffAct & { providerId: string; beforeDay: string | null; limit: number },
): Promise<RegistrySummary[]> {
  await knownProvider(ctx, input.providerId);
  const registries = await selectRegistries(ctx.db, input);
  await recordAuditAlone(ctx.db, {
    event: 'payments.registries_listed',
    meta: input.meta,
    details: { staffId: input.staffId, providerId: input.providerId, count: registries.length },
    occurredAt: ctx.clock.now(),
  });
  return registries;
}

/** One registry's file as it was made; audited with its digest, so the log says which bytes left. */
export async function registryFileAudited(ctx: AppContext, input: StaffAct & { providerId: string; day: string }): Promise<RegistryFile> {
  await knownProvider(ctx, input.providerId);
  const file = await selectRegistryFile(ctx.db, input.providerId, input.day);
  if (!file) throw new ProblemError(RegistryProblem['registry-not-found']);
  await recordAuditAlone(ctx.db, {
    event: 'payments.registry_downloaded',
    meta: input.meta,
    details: { staffId: input.staffId, providerId: input.providerId, day: input.day, sha256: file.sha256 },
    occurredAt: ctx.clock.now(),
  });
  return file;
}
