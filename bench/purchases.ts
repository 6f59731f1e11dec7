/**
 * `npm run bench:purchases`: card purchases per second through the acquirer's whole flow over the
 * real HTTP API (issue 15), on a real PostgreSQL, printed beside pgbench's built-in TPC-B-like
 * transaction on the same server in the same run (DESIGN.md §6: the ratio is the figure that
 * counts). The same shape and targets as bench/cards.ts (lib/targets.ts): DATABASE_URL names a
 * maintenance database of the server; BENCH_OWN_POSTGRES=1 runs on a throwaway cluster of the
 * bench's own; `-- --pglite` runs the server on the embedded PGlite (no pgbench, no ratios).
 *
 * One flow is three requests, as a shop and its buyer make them:
 *   1. create   POST /api/merchant/v1/payments (the merchant's secret key, manual capture);
 *   2. authorise POST /api/checkout/v1/payments/{id}/card (X-Checkout-Token from the checkout
 *               URL's fragment, an Idempotency-Key): 3-D Secure frictionless, then the authorisation;
 *   3. capture  POST /api/merchant/v1/payments/{id}/capture.
 * Two variants: test mode with the sandbox card 4000000000000002 (frictionless, the sandbox issuer,
 * no ledger), and live mode with Kassa virtual cards (on-us: the hold, its clearing, the merchant's
 * settlement account credited less the MDR — one hot merchant account for every flow). Kassa's ACS
 * is frictionless only at a merchant the card has paid before (modules/acs/kassa-acs.ts), so each
 * card first makes one purchase with the SMS challenge, outside the measurement.
 *
 * A fixed number of flows per variant at each concurrency level (a closed loop: each worker starts
 * its next flow when the last one ended), everything on 127.0.0.1, so the run stops by itself.
 *
 * Environment (all optional but DATABASE_URL, which the own-cluster and PGlite modes do not need):
 *   BENCH_SECONDS      length of the pgbench run (30)
 *   BENCH_FLOWS        flows per variant and concurrency level (300)
 *   BENCH_LEVELS       concurrency levels, comma-separated (1,8,32)
 *   BENCH_CARDS        customers, one funded Kassa card each, of the live variant (32)
 *   BENCH_VARIANTS     test,live (both)
 *   BENCH_PGBENCH      "false" skips pgbench and uses BENCH_PGBENCH_TPS for the ratios (development only)
 * With BENCH_OWN_POSTGRES=1 it also prints pg_stat_statements per level ("tr" is one flow there).
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { iinCheckDigit } from '../apps/server/src/modules/identity/index.js';
import { checkLedgerInvariants } from '../apps/server/src/modules/ledger/index.js';
import { createStaffUser, totpCode } from '../apps/server/src/modules/staff/index.js';
import { type CardUnderLoad, issueTypedCards } from './lib/card-purchases.js';
import { benchTarget, envInteger } from './lib/cli.js';
import { type Customer, eachLimited, fund, newCode, registerPopulation, SETUP_CONCURRENCY } from './lib/customers.js';
import { type Answer, expectStatus, type HttpClient } from './lib/http-client.js';
import { closedLoop } from './lib/http-load.js';
import type { PostgresPhaseStatistics } from './lib/pg-statements.js';
import { measurePgbench, PGBENCH_CLIENTS, PGBENCH_SCALE, PGBENCH_THREADS } from './lib/pgbench.js';
import { cpuSeconds, machineJiffies } from './lib/proc-stats.js';
import { format, printStatements } from './lib/report.js';
import { type Server, startServer, stopServer } from './lib/server.js';
import { type BenchTarget, openTarget } from './lib/targets.js';

const CALIBRATION_SECONDS = 3;
/** Far above what a run spends on one card, so the flows measure approvals, not the limits' declines. */
const CARD_LIMIT_BENCH_MINOR = String(Number.MAX_SAFE_INTEGER);
/** Purchases of at most 1 000 ₸: under Kassa's frictionless ceiling of 5 000 ₸ (kassa-acs.ts). */
const PURCHASE_AMOUNT_MAX_MINOR = 100_000;
const SANDBOX_FRICTIONLESS_PAN = '4000000000000002';
const STAFF_USERNAME = 'bench.admin';
const STAFF_PASSWORD = 'Quiet-Archive-Lantern-57';
const STAFF_COOKIE_PATTERN = /^(__Host-kassa_staff=[^;]+)/;
const RETURN_ORIGIN = 'https://shop.bench.kz';
/** The settlement IBAN the acquiring fixtures use. */
const MERCHANT_SETTLEMENT_IBAN = 'KZ86125KZT5004100100';
const STEPS = ['create', 'authorise', 'capture'] as const;
type Step = (typeof STEPS)[number];
type Variant = 'test' | 'live';
const ERROR_SAMPLES_MAX = 5;

function envList<T extends string>(name: string, fallback: readonly T[], allowed: (value: string) => value is T): T[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return [...fallback];
  const values = raw.split(',').map((value) => value.trim());
  for (const value of values) if (!allowed(value)) throw new Error(`${name}: "${value}" is not allowed`);
  return values as T[];
}

const { targetKind, maintenanceUrl } = benchTarget('bench:purchases');
const seconds = envInteger('BENCH_SECONDS', 30, 1, 600);
const flowsPerLevel = envInteger('BENCH_FLOWS', 300, 1, 100_000);
const levels = (process.env.BENCH_LEVELS ?? '1,8,32').split(',').map((level) => {
  const value = Number(level);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new Error(`BENCH_LEVELS: "${level}" is not an integer 1-256`);
  return value;
});
const cardCount = envInteger('BENCH_CARDS', 32, 1, 2000);
const variants = envList<Variant>('BENCH_VARIANTS', ['test', 'live'], (value): value is Variant => value === 'test' || value === 'live');
const socketsMax = Math.max(...levels, SETUP_CONCURRENCY);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

const printLoadAverage = (prefix = '') =>
  console.log(
    `${prefix}load average           ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );

function line(label: string, figures: string): void {
  console.log(`  ${label.padEnd(20)} ${figures}`);
}

async function yardstick(target: BenchTarget): Promise<number | null> {
  if (target.pgbenchMaintenanceUrl === null) {
    console.log('pgbench                n/a (embedded PGlite: no PostgreSQL server to run it on, so no ratios)');
    return null;
  }
  if (process.env.BENCH_PGBENCH === 'false') {
    console.log('pgbench skipped (BENCH_PGBENCH=false): ratios use BENCH_PGBENCH_TPS');
    return envInteger('BENCH_PGBENCH_TPS', 1000, 1, 10_000_000);
  }
  console.log(`pgbench -i -s ${PGBENCH_SCALE}, then -c ${PGBENCH_CLIENTS} -j ${PGBENCH_THREADS} -M prepared -T ${seconds} …`);
  const pgbench = await measurePgbench(target.pgbenchMaintenanceUrl, seconds);
  console.log(`pgbench TPS            ${format(pgbench.tps)} (latency average ${pgbench.latencyMs ?? 'n/a'} ms)`);
  return pgbench.tps;
}

function serverEnv(target: BenchTarget): Record<string, string> {
  return {
    ...target.serverEnv,
    CARD_INTERNET_MAX_PER_OPERATION_MINOR: CARD_LIMIT_BENCH_MINOR,
    CARD_INTERNET_MAX_PER_DAY_MINOR: CARD_LIMIT_BENCH_MINOR,
    CARD_INTERNET_MAX_PER_MONTH_MINOR: CARD_LIMIT_BENCH_MINOR,
    // Every card makes many purchases in a run: far above the bank's daily count.
    CARD_INTERNET_MAX_PURCHASES_PER_DAY: '1000000',
    // Every buyer comes from 127.0.0.1: the checkout's per-IP limit (20 a minute) would stop the run.
    RATE_LIMIT_CHECKOUT_PER_IP_PER_MINUTE_MAX: '10000000',
  };
}

/* ---------- set-up: a merchant with a test and a live key, through the staff API ---------- */

/** A valid BIN: registered 2025-01, a resident legal entity (the IIN check digit). */
function validBin(): string {
  for (let serial = 1; ; serial += 1) {
    const firstEleven = `25014${String(serial).padStart(6, '0')}`;
    const check = iinCheckDigit(firstEleven);
    if (check !== null) return `${firstEleven}${check}`;
  }
}

async function staffLogin(http: HttpClient): Promise<Record<string, string>> {
  const started = await expectStatus(
    http.request('POST', '/api/staff/v1/auth/login', { login: STAFF_USERNAME, password: STAFF_PASSWORD }),
    200,
    'staff login',
  );
  const secret = typeof started.otpauthUri === 'string' ? new URL(started.otpauthUri).searchParams.get('secret') : null;
  if (started.next !== 'enroll-totp' || !secret) throw new Error(`staff enrolment: ${JSON.stringify(started)}`);
  const confirmed = await http.request('POST', `/api/staff/v1/auth/login/${started.loginId}/totp`, { code: totpCode(secret, Date.now()) });
  if (confirmed.status !== 200) throw new Error(`staff TOTP: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  const setCookie = confirmed.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((header) => STAFF_COOKIE_PATTERN.exec(header)?.[1]).find((value) => value !== undefined);
  if (!cookie) throw new Error('no staff cookie was set');
  return { cookie, 'x-csrf-token': String((confirmed.body as { csrfToken: string }).csrfToken) };
}

interface Merchant {
  merchantId: string;
  keys: Record<Variant, string>;
}

async function createMerchant(http: HttpClient): Promise<Merchant> {
  const staff = await staffLogin(http);
  const created = await expectStatus(
    http.request(
      'POST',
      '/api/staff/v1/merchants',
      {
        legalName: 'ТОО «Бенч Шоп»',
        bin: validBin(),
        mcc: '5411',
        settlementIban: MERCHANT_SETTLEMENT_IBAN,
        returnOrigins: [RETURN_ORIGIN],
        testModeEnabled: true,
        liveModeEnabled: true,
      },
      staff,
    ),
    201,
    'merchant',
  );
  const merchantId = String(created.id);
  const key = async (mode: Variant) => {
    const answer = await expectStatus(
      http.request('POST', `/api/staff/v1/merchants/${merchantId}/api-keys`, { mode }, staff),
      201,
      `${mode} api key`,
    );
    return String(answer.secret);
  };
  return { merchantId, keys: { test: await key('test'), live: await key('live') } };
}

/* ---------- one flow ---------- */

interface TypedCardBody {
  pan: string;
  expiryMonth: number;
  expiryYear: number;
  cvc2: string;
  cardholderName: string;
}

const SANDBOX_CARD: TypedCardBody = {
  pan: SANDBOX_FRICTIONLESS_PAN,
  expiryMonth: 12,
  expiryYear: 2030,
  cvc2: '123',
  cardholderName: 'BENCH BUYER',
};

function typedBody(card: CardUnderLoad): TypedCardBody {
  return {
    pan: card.pan,
    expiryYear: 2000 + Number(card.expiry.slice(0, 2)),
    expiryMonth: Number(card.expiry.slice(2)),
    cvc2: card.cvc2,
    cardholderName: 'BENCH BUYER',
  };
}

function fail(what: string, answer: Answer): never {
  throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
}

async function createPayment(http: HttpClient, key: string): Promise<{ id: string; token: string }> {
  const amountMinor = 1 + Math.floor(Math.random() * PURCHASE_AMOUNT_MAX_MINOR);
  const answer = await http.request(
    'POST',
    '/api/merchant/v1/payments',
    { amountMinor, currency: 'KZT', captureMethod: 'manual', returnUrl: `${RETURN_ORIGIN}/orders/bench`, description: 'Bench order' },
    { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
  );
  const body = answer.body as { id?: string; checkoutUrl?: string; status?: string };
  if (answer.status !== 201 || !body.id || !body.checkoutUrl) fail('create payment', answer);
  return { id: body.id, token: new URL(body.checkoutUrl).hash.slice(1) };
}

function payWithCard(http: HttpClient, payment: { id: string; token: string }, card: TypedCardBody): Promise<Answer> {
  return http.request('POST', `/api/checkout/v1/payments/${payment.id}/card`, card, {
    'x-checkout-token': payment.token,
    'idempotency-key': randomUUID(),
    'accept-language': 'en',
  });
}

async function capture(http: HttpClient, key: string, paymentId: string): Promise<void> {
  const answer = await http.request(
    'POST',
    `/api/merchant/v1/payments/${paymentId}/capture`,
    {},
    {
      authorization: `Bearer ${key}`,
      'idempotency-key': randomUUID(),
    },
  );
  if (answer.status !== 200 || (answer.body as { status?: string }).status !== 'succeeded') fail('capture', answer);
}

/** One flow, each step timed; throws on anything but create 201 → requires_capture → succeeded. */
async function flow(http: HttpClient, key: string, card: TypedCardBody, timings: Record<Step, number[]>): Promise<void> {
  let startedMs = performance.now();
  const payment = await createPayment(http, key);
  timings.create.push(performance.now() - startedMs);
  startedMs = performance.now();
  const paid = await payWithCard(http, payment, card);
  if (paid.status !== 200 || (paid.body as { status?: string }).status !== 'requires_capture') fail('authorise (frictionless)', paid);
  timings.authorise.push(performance.now() - startedMs);
  startedMs = performance.now();
  await capture(http, key, payment.id);
  timings.capture.push(performance.now() - startedMs);
}

/**
 * The warm-up purchase of a Kassa card at the merchant: 3-D Secure asks for the SMS code (the card
 * has not paid here before); answered, the authorisation is approved and captured, and from then on
 * the ACS lets the card through frictionless (acs cardHasPaidMerchant).
 */
async function warmCard(http: HttpClient, key: string, customer: Customer, card: CardUnderLoad): Promise<void> {
  const payment = await createPayment(http, key);
  const started = await payWithCard(http, payment, typedBody(card));
  const action = (started.body as { status?: string; action?: { acsTransID?: string } | null }).action;
  if (started.status !== 200 || !action?.acsTransID) fail('warm-up: expected a challenge', started);
  const code = await newCode(http, customer.phone, customer.seenSmsIds);
  const answered = await expectStatus(
    http.request('POST', `/api/acs/v1/challenges/${action.acsTransID}/answer`, { code }),
    200,
    'warm-up challenge answer',
  );
  if (answered.transStatus !== 'Y') throw new Error(`warm-up challenge: ${JSON.stringify(answered)}`);
  const done = await http.request('POST', `/api/checkout/v1/payments/${payment.id}/authentication-complete`, undefined, {
    'x-checkout-token': payment.token,
  });
  if (done.status !== 200 || (done.body as { status?: string }).status !== 'requires_capture') fail('warm-up authorisation', done);
  await capture(http, key, payment.id);
}

/* ---------- the measurement ---------- */

interface LevelResult {
  variant: Variant;
  concurrency: number;
  completed: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  flowP50Ms: number;
  flowP95Ms: number;
  steps: Record<Step, { p50Ms: number; p95Ms: number }>;
  serverCpuUsPerFlow: number;
  postgresCpuUsPerFlow: number;
  machineBusyPercent: number;
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

async function runLevel(
  server: Server,
  target: BenchTarget,
  variant: Variant,
  key: string,
  concurrency: number,
  cardOf: (flowIndex: number) => TypedCardBody,
): Promise<LevelResult> {
  const timings: Record<Step, number[]> = { create: [], authorise: [], capture: [] };
  const flowTimes: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const serverCpuBefore = cpuSeconds(server.pid);
  const postgresCpuBefore = target.postgresCpuSeconds?.() ?? Number.NaN;
  const machineBefore = machineJiffies();
  const startedMs = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < flowsPerLevel) {
        const index = next;
        next += 1;
        const flowStartedMs = performance.now();
        try {
          await flow(server.http, key, cardOf(index), timings);
          flowTimes.push(performance.now() - flowStartedMs);
        } catch (error) {
          errors += 1;
          if (errorSamples.length < ERROR_SAMPLES_MAX) errorSamples.push(String(error));
        }
      }
    }),
  );
  const elapsedS = (performance.now() - startedMs) / 1000;
  const machineAfter = machineJiffies();
  const completed = flowTimes.length;
  const perFlow = (cpu: number) => (1e6 * cpu) / Math.max(1, completed);
  return {
    variant,
    concurrency,
    completed,
    errors,
    errorSamples,
    perSecond: completed / elapsedS,
    flowP50Ms: percentile(flowTimes, 0.5),
    flowP95Ms: percentile(flowTimes, 0.95),
    steps: Object.fromEntries(
      STEPS.map((step) => [step, { p50Ms: percentile(timings[step], 0.5), p95Ms: percentile(timings[step], 0.95) }]),
    ) as LevelResult['steps'],
    serverCpuUsPerFlow: perFlow(cpuSeconds(server.pid) - serverCpuBefore),
    postgresCpuUsPerFlow: perFlow((target.postgresCpuSeconds?.() ?? Number.NaN) - postgresCpuBefore),
    machineBusyPercent: (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
  };
}

function printLevel(name: string, result: LevelResult, pgbenchTps: number | null): void {
  console.log(`\n${name}, ${result.concurrency} in flight`);
  const ratio = pgbenchTps === null ? '' : `   (ratio to pgbench TPS: ${format(result.perSecond / pgbenchTps, 3)})`;
  line('flows/s', `${format(result.perSecond)}${ratio}`);
  line('completed / errors', `${result.completed} / ${result.errors}`);
  line('flow p50 / p95', `${format(result.flowP50Ms)} ms / ${format(result.flowP95Ms)} ms`);
  for (const step of STEPS) line(`${step} p50 / p95`, `${format(result.steps[step].p50Ms)} ms / ${format(result.steps[step].p95Ms)} ms`);
  const postgres = Number.isNaN(result.postgresCpuUsPerFlow) ? '' : `, PostgreSQL ${format(result.postgresCpuUsPerFlow, 0)} µs`;
  line(
    'CPU per flow',
    `server ${format(result.serverCpuUsPerFlow, 0)} µs${postgres}; machine ${format(result.machineBusyPercent, 0)}% busy`,
  );
  for (const sample of result.errorSamples) console.log(`  error sample: ${sample}`);
}

/** Every flow answered is one succeeded payment (with the live warm-ups), and the ledger balances. */
async function checkStored(target: BenchTarget, results: readonly LevelResult[], warmUps: number): Promise<boolean> {
  return target.direct(async (db) => {
    const { rows } = await db.query<{ mode: string; status: string; count: bigint }>(
      'SELECT mode, status, count(*) AS count FROM payments GROUP BY mode, status ORDER BY mode, status',
    );
    const stored: Record<string, number> = {};
    for (const row of rows) stored[`${row.mode}/${row.status}`] = Number(row.count);
    console.log(`payments stored        ${JSON.stringify(stored)}`);
    let matches = true;
    for (const variant of variants) {
      const answered = results.filter((result) => result.variant === variant).reduce((sum, result) => sum + result.completed, 0);
      const expected = answered + (variant === 'live' ? warmUps : 0);
      const got = stored[`${variant}/succeeded`] ?? 0;
      console.log(
        `  ${variant.padEnd(20)} ${got} succeeded stored, ${expected} expected (flows answered${variant === 'live' ? ' + warm-ups' : ''})`,
      );
      if (got !== expected) matches = false;
    }
    if (!matches) console.log('  MISMATCH between flows answered and succeeded payments stored');
    const report = await checkLedgerInvariants(db);
    console.log(report.ok ? 'ledger invariants      hold' : `ledger invariants      BROKEN (${report.violations.length})`);
    for (const violation of report.violations) console.log(`  - ${violation}`);
    return matches && report.ok;
  });
}

interface Prepared {
  server: Server;
  merchant: Merchant;
  customers: Customer[];
  cards: CardUnderLoad[];
}

async function setUp(target: BenchTarget, first: Server): Promise<Prepared> {
  const startedMs = performance.now();
  const live = variants.includes('live');
  const population = live
    ? await registerPopulation(first.http, { customerCount: cardCount, hotSourceCount: 0, hotSessionCount: 1 })
    : null;
  const customers = population?.customers ?? [];
  const accounts = customers.map((customer) => customer.accountIds[0] as string);
  // The bench's admin, as `npm run staff:create` makes the first one; the TOTP is enrolled through the API.
  const direct = (work: Parameters<BenchTarget['direct']>[0]) => target.direct(work);
  const staffAndFunding = async () => {
    await direct(async (db) => {
      await createStaffUser(db, {
        username: STAFF_USERNAME,
        displayName: 'Бенч Админ',
        role: 'admin',
        language: 'en',
        password: STAFF_PASSWORD,
        createdBy: null,
        meta: null,
        now: new Date(),
      });
      await fund(db, accounts);
    });
  };
  let server = first;
  if (target.kind === 'pglite') {
    // PGlite is one process's: the server lets go of the data directory while the bench writes.
    await stopServer(server);
    await staffAndFunding();
    server = await startServer(serverEnv(target), socketsMax);
  } else {
    await staffAndFunding();
  }
  const merchant = await createMerchant(server.http);
  const cards = live ? await issueTypedCards(server.http, customers) : [];
  await eachLimited(cards, SETUP_CONCURRENCY, (card, index) =>
    warmCard(server.http, merchant.keys.live, customers[index] as Customer, card),
  );
  console.log(
    `setup                  merchant ${merchant.merchantId} (test and live keys), ${cards.length} funded Kassa cards, each warmed with one challenged purchase (${format((performance.now() - startedMs) / 1000)} s)`,
  );
  return { server, merchant, customers, cards };
}

async function main(): Promise<void> {
  console.log(
    `Kassa purchase benchmark (create → authorise frictionless → capture): ${cpus().length} CPUs, ${flowsPerLevel} flows per variant and level, levels ${levels.join(', ')}`,
  );
  printLoadAverage();
  const target = await openTarget(targetKind, maintenanceUrl);
  console.log(`database               ${target.description}`);
  let server: Server | null = null;
  let statistics: PostgresPhaseStatistics | null = null;
  let exitCode = 0;
  try {
    const pgbenchTps = await yardstick(target);
    statistics = await target.prepare();
    server = await startServer(serverEnv(target), socketsMax);
    const calibrating: Server = server;
    const calibration = await closedLoop(calibrating, null, CALIBRATION_SECONDS, socketsMax, () => ({ path: '/healthz', headers: {} }));
    console.log(`load generator ceiling ${format(calibration.requests / CALIBRATION_SECONDS)} req/s on GET /healthz`);
    const prepared = await setUp(target, server);
    server = prepared.server;
    const running: Server = server;
    const results: LevelResult[] = [];
    for (const variant of variants) {
      const name =
        variant === 'test'
          ? 'test mode, sandbox card 4000…0002 (sandbox ACS and issuer, no ledger)'
          : `live mode, ${prepared.cards.length} Kassa cards on-us (hold, clearing, merchant credit + MDR on one merchant account)`;
      const cardBodies = prepared.cards.map(typedBody);
      const cardOf = variant === 'test' ? () => SANDBOX_CARD : (index: number) => cardBodies[index % cardBodies.length] as TypedCardBody;
      for (const concurrency of levels) {
        // BENCH_OWN_POSTGRES: pg_stat_statements per level, printed after it ("tr" is one flow there).
        await statistics?.begin();
        const result = await runLevel(running, target, variant, prepared.merchant.keys[variant], concurrency, cardOf);
        const statements = (await statistics?.end(result.completed)) ?? null;
        printLevel(name, result, pgbenchTps);
        if (statements) printStatements(statements);
        results.push(result);
      }
    }
    console.log('\nsummary (flows/s; ratio to pgbench TPS)');
    for (const result of results)
      line(
        `${result.variant} × ${result.concurrency}`,
        `${format(result.perSecond).padStart(8)}${pgbenchTps === null ? '' : `   ${format(result.perSecond / pgbenchTps, 3)}`}`,
      );
    printLoadAverage('\n');
    if (target.kind === 'pglite') {
      await stopServer(server);
      server = null;
    }
    if (!(await checkStored(target, results, prepared.cards.length))) exitCode = 1;
    if (results.some((result) => result.errors > 0)) exitCode = 1;
  } finally {
    if (server) await stopServer(server);
    await statistics?.close();
    await target.destroy();
  }
  process.exitCode = exitCode;
}

await main();
