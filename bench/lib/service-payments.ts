import { randomInt, randomUUID } from 'node:crypto';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import type { Database } from '../../apps/server/src/db/database.js';
import { startDemoProviders } from '../../apps/server/src/modules/payments/index.js';
import { type Customer, newCode } from './customers.js';
import { type Answer, bearer, expectStatus, type HttpClient } from './http-client.js';
import { cpuSeconds, machineJiffies } from './proc-stats.js';
import type { Server } from './server.js';

/**
 * Service payments under load (bench:payments): the demo catalogue on a provider simulator in the
 * bench's own process, and the two flows the bench measures, a payment that goes at once (RTS
 * art. 16, low value) and one confirmed with its SMS code, each over the real HTTP API.
 */

/** The demo catalogue's ad-hoc provider: a payment needs no check, so the measured path is the payment itself. */
export const AD_HOC_SLUG = 'kindergarten';
/** A validate provider: one check per customer, reused for all its payments (a check lives 15 minutes). */
export const VALIDATE_SLUG = 'kcell';
/** 100–1 000 ₸: under the low-value cap (15 000 ₸ with the fee) and within the kindergarten's 100–500 000 ₸. */
const AT_ONCE_AMOUNT_MIN_MINOR = 10_000;
const AT_ONCE_AMOUNT_MAX_MINOR = 100_000;
/** 15 000.01–20 000 ₸: above the low-value cap, so every one asks for its code; within Kcell's 100 000 ₸. */
const WITH_CODE_AMOUNT_MIN_MINOR = 1_500_001;
const WITH_CODE_AMOUNT_MAX_MINOR = 2_000_000;
const ERROR_SAMPLES_MAX = 5;
const ERROR_SAMPLE_CHARS = 300;

export type Simulator = Awaited<ReturnType<typeof startDemoProviders>>['simulator'];

/**
 * Starts the provider simulator here and writes the demo catalogue into the bench database,
 * sealed under the SECRET_KEY the server inherits from this process, through an app built on the
 * bench's direct connection (never listening; closed before the connection is).
 */
export async function startCatalogue(db: Database): Promise<{ simulator: Simulator; close: () => Promise<void> }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', DEMO_DATA: 'false', WORKER_ENABLED: 'false' });
  const app = await buildApp(config, { db });
  try {
    return await startDemoProviders(app.ctx);
  } finally {
    await app.close();
  }
}

/** The providers' ids as the customer's catalogue lists them. */
export async function providerIds(http: HttpClient): Promise<{ adHoc: string; validate: string }> {
  const catalogue = await expectStatus(http.request('GET', '/api/v1/payments/catalogue'), 200, 'catalogue');
  const providers = catalogue.providers as Array<{ id: string; slug: string }>;
  const idOf = (slug: string) => {
    const found = providers.find((provider) => provider.slug === slug);
    if (!found) throw new Error(`the catalogue has no provider ${slug}`);
    return found.id;
  };
  return { adHoc: idOf(AD_HOC_SLUG), validate: idOf(VALIDATE_SLUG) };
}

/** The customer's account at the kindergarten: 9 digits, never the biller's "not found" …0000. */
export function adHocAccount(customerIndex: number): Record<string, string> {
  return { account: `7${String(customerIndex).padStart(7, '0')}1` };
}

/** The Kcell number the customer tops up: a 701 number, never the biller's "not found" …0000. */
export function validatePhone(customerIndex: number): Record<string, string> {
  return { phone: `+7701${String(customerIndex).padStart(6, '0')}1` };
}

/** POST …/check once for the customer's number; the check id its payments name. */
export async function checkWithProvider(http: HttpClient, customer: Customer, providerId: string, fields: Record<string, string>) {
  const checked = await expectStatus(
    http.request('POST', `/api/v1/payments/providers/${providerId}/check`, { fields }, bearer(customer.tokens[0] as string)),
    200,
    'check',
  );
  return String(checked.checkId);
}

export interface Paid {
  id: string;
  amountMinor: bigint;
}

function fail(what: string, answer: Answer): never {
  throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, ERROR_SAMPLE_CHARS)}`);
}

function createPayment(http: HttpClient, customer: Customer, body: Record<string, unknown>): Promise<Answer> {
  return http.request('POST', '/api/v1/payments', body, {
    ...bearer(customer.tokens[0] as string),
    'idempotency-key': randomUUID(),
  });
}

/** A low-value payment to the ad-hoc provider: 201 and `sent` at once, or it throws. */
export async function payAtOnce(http: HttpClient, customer: Customer, providerId: string, fields: Record<string, string>): Promise<Paid> {
  const amountMinor = randomInt(AT_ONCE_AMOUNT_MIN_MINOR, AT_ONCE_AMOUNT_MAX_MINOR + 1);
  const sourceAccountId = customer.accountIds[0] as string;
  const answer = await createPayment(http, customer, { providerId, sourceAccountId, amountMinor, currency: 'KZT', fields });
  const body = answer.body as { id?: string; status?: string };
  if (answer.status !== 201 || body.status !== 'sent' || !body.id) fail('payment at once', answer);
  return { id: body.id, amountMinor: BigInt(amountMinor) };
}

/**
 * A payment above the low-value cap to the validate provider: create (awaiting its code), the
 * code from the dev SMS inbox, confirm; each step timed into `steps`. The customer must have no
 * other flow in flight, or the inbox's newest code could be the other flow's.
 */
export async function payWithCode(
  http: HttpClient,
  customer: Customer,
  payment: { providerId: string; fields: Record<string, string>; checkId: string },
  steps: Record<WithCodeStep, number[]>,
): Promise<Paid> {
  const amountMinor = randomInt(WITH_CODE_AMOUNT_MIN_MINOR, WITH_CODE_AMOUNT_MAX_MINOR + 1);
  let startedMs = performance.now();
  const created = await createPayment(http, customer, {
    ...payment,
    sourceAccountId: customer.accountIds[0] as string,
    amountMinor,
    currency: 'KZT',
  });
  const body = created.body as { id?: string; status?: string };
  if (created.status !== 201 || body.status !== 'awaiting_confirmation' || !body.id) fail('payment with code: create', created);
  steps.create.push(performance.now() - startedMs);
  startedMs = performance.now();
  const code = await newCode(http, customer.phone, customer.seenSmsIds);
  steps.code.push(performance.now() - startedMs);
  startedMs = performance.now();
  const confirmed = await http.request('POST', `/api/v1/payments/${body.id}/confirm`, { code }, bearer(customer.tokens[0] as string));
  if (confirmed.status !== 200 || (confirmed.body as { status?: string }).status !== 'sent') fail('payment with code: confirm', confirmed);
  steps.confirm.push(performance.now() - startedMs);
  return { id: body.id, amountMinor: BigInt(amountMinor) };
}

export const WITH_CODE_STEPS = ['create', 'code', 'confirm'] as const;
export type WithCodeStep = (typeof WITH_CODE_STEPS)[number];

/** A phase's raw figures, so rounds of it add up (lib/service-payments.ts summarize prints them). */
export interface FlowTally {
  paid: Paid[];
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  elapsedS: number;
  serverCpuS: number;
  /** NaN where there is no PostgreSQL process to read (PGlite). */
  postgresCpuS: number;
  benchCpuS: number;
  machineBusyJiffies: number;
  machineTotalJiffies: number;
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

export function addTallies(a: FlowTally, b: FlowTally): FlowTally {
  return {
    paid: [...a.paid, ...b.paid],
    latenciesMs: [...a.latenciesMs, ...b.latenciesMs],
    errors: a.errors + b.errors,
    errorSamples: [...a.errorSamples, ...b.errorSamples].slice(0, ERROR_SAMPLES_MAX),
    elapsedS: a.elapsedS + b.elapsedS,
    serverCpuS: a.serverCpuS + b.serverCpuS,
    postgresCpuS: a.postgresCpuS + b.postgresCpuS,
    benchCpuS: a.benchCpuS + b.benchCpuS,
    machineBusyJiffies: a.machineBusyJiffies + b.machineBusyJiffies,
    machineTotalJiffies: a.machineTotalJiffies + b.machineTotalJiffies,
  };
}

export function summarize(tally: FlowTally) {
  const perPaymentUs = (cpuS: number) => (1e6 * cpuS) / Math.max(1, tally.paid.length);
  return {
    perSecond: tally.paid.length / tally.elapsedS,
    p50Ms: percentile(tally.latenciesMs, 0.5),
    p99Ms: percentile(tally.latenciesMs, 0.99),
    serverCpuUsPerPayment: perPaymentUs(tally.serverCpuS),
    postgresCpuUsPerPayment: perPaymentUs(tally.postgresCpuS),
    benchCpuUsPerPayment: perPaymentUs(tally.benchCpuS),
    machineBusyPercent: (100 * tally.machineBusyJiffies) / Math.max(1, tally.machineTotalJiffies),
  };
}

/**
 * A closed loop of `concurrency` workers, each starting its next flow when the last one ended,
 * until `next(worker)` has none left for it or the deadline passed. A phase hands flows out from
 * one counter, or keeps each customer to one worker.
 */
export async function runFlows(
  server: Server,
  postgresCpuSeconds: (() => number) | null,
  options: { concurrency: number; seconds: number },
  next: (worker: number) => (() => Promise<Paid>) | null,
): Promise<FlowTally> {
  const paid: Paid[] = [];
  const latenciesMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const serverCpuBefore = cpuSeconds(server.pid);
  const postgresCpuBefore = postgresCpuSeconds?.() ?? Number.NaN;
  const benchCpuBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const startedMs = performance.now();
  const deadlineMs = startedMs + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let flow = next(worker); flow !== null && performance.now() < deadlineMs; flow = next(worker)) {
        const flowStartedMs = performance.now();
        try {
          paid.push(await flow());
          latenciesMs.push(performance.now() - flowStartedMs);
        } catch (error) {
          errors += 1;
          if (errorSamples.length < ERROR_SAMPLES_MAX) errorSamples.push(String(error).slice(0, ERROR_SAMPLE_CHARS));
        }
      }
    }),
  );
  const machineAfter = machineJiffies();
  const benchCpu = process.cpuUsage(benchCpuBefore);
  return {
    paid,
    latenciesMs,
    errors,
    errorSamples,
    elapsedS: (performance.now() - startedMs) / 1000,
    serverCpuS: cpuSeconds(server.pid) - serverCpuBefore,
    postgresCpuS: (postgresCpuSeconds?.() ?? Number.NaN) - postgresCpuBefore,
    benchCpuS: (benchCpu.user + benchCpu.system) / 1e6,
    machineBusyJiffies: machineAfter.busy - machineBefore.busy,
    machineTotalJiffies: machineAfter.total - machineBefore.total,
  };
}
