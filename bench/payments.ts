/**
 * `npm run bench:payments`: service payments per second (issue 16) through the real HTTP API into
 * one hot provider settlement account, printed beside pgbench's built-in TPC-B-like transaction
 * on the same server in the same run (DESIGN.md §6: the ratio is the figure that counts). The
 * same targets as the other benches (lib/targets.ts): DATABASE_URL names a maintenance database
 * of the server; BENCH_OWN_POSTGRES=1 a throwaway cluster of the bench's own; `-- --pglite` the
 * embedded PGlite (no pgbench, no ratios).
 *
 * The catalogue is the demo one, written into the bench database and pointed at a provider
 * simulator in this process (lib/service-payments.ts). Rounds of two phases, closed loops bounded
 * in count and in time, everything on 127.0.0.1:
 *   hot        every customer pays the ad-hoc kindergarten (no check) low-value payments that go
 *              at once, SCA_LOW_VALUE_MAX_COUNT (5, the most RTS art. 16 and config.ts allow) each;
 *   with code  every customer once: a Kcell top-up above the low-value cap, created, its code
 *              read from the dev SMS inbox, confirmed (one check per customer first, reused for
 *              all its payments). The confirmed code starts the customer's allowance again, so
 *              the next round's hot phase goes at once again, as RTS art. 16 has it.
 * The server's notify worker tells the provider of every payment as in production
 * (WORKER_ENABLED); after the rounds the bench waits, bounded, until the provider holds every one
 * and prints how long the backlog took. Then: the ledger invariants hold, the payments
 * acknowledged as sent are exactly the operations stored as sent, each provider account's balance
 * is the sum paid to it, and the simulator accepted each payment exactly once. Exit 1 otherwise.
 *
 * Environment (all optional but DATABASE_URL, which the own-cluster and PGlite modes do not need):
 *   BENCH_SECONDS          length of the pgbench run, and the most each phase of a round may take (30)
 *   BENCH_CUSTOMERS        customers, one funded KZT account each (140; at most lib/customers.ts BENCH_CUSTOMERS_MAX)
 *   BENCH_ROUNDS           rounds of both phases (3)
 *   BENCH_CONCURRENCY      payments in flight in the hot phase (32)
 *   BENCH_CODE_CONCURRENCY flows in flight in the with-code phase, each on customers of its own (8)
 *   BENCH_DRAIN_SECONDS    the most the bench waits for the provider to hear of every payment (120)
 *   BENCH_PGBENCH          "false" skips pgbench and uses BENCH_PGBENCH_TPS for the ratios (development only)
 * With BENCH_OWN_POSTGRES=1 it also prints pg_stat_statements over the first hot phase ("tr" is one payment there).
 */
import { cpus, loadavg } from 'node:os';
import type { Database } from '../apps/server/src/db/database.js';
import { accountBalance, checkLedgerInvariants, providerAccountId } from '../apps/server/src/modules/ledger/index.js';
import { sleep } from '../apps/server/test/crash/ports.js';
import { benchTarget, envInteger } from './lib/cli.js';
import { BENCH_CUSTOMERS_MAX, type Customer, eachLimited, fund, registerPopulation, SETUP_CONCURRENCY } from './lib/customers.js';
import { closedLoop } from './lib/http-load.js';
import type { PhaseStatements, PostgresPhaseStatistics } from './lib/pg-statements.js';
import { measurePgbench, PGBENCH_CLIENTS, PGBENCH_SCALE, PGBENCH_THREADS } from './lib/pgbench.js';
import { format, printStatements } from './lib/report.js';
import { type Server, startServer, stopServer } from './lib/server.js';
import {
  AD_HOC_SLUG,
  addTallies,
  adHocAccount,
  checkWithProvider,
  type FlowTally,
  type Paid,
  payAtOnce,
  payWithCode,
  percentile,
  providerIds,
  runFlows,
  type Simulator,
  startCatalogue,
  summarize,
  VALIDATE_SLUG,
  validatePhone,
  WITH_CODE_STEPS,
  type WithCodeStep,
} from './lib/service-payments.js';
import { type BenchTarget, openTarget } from './lib/targets.js';

const CALIBRATION_SECONDS = 3;
/** RTS art. 16(b): at most five exempted payments in a row; config.ts refuses more. */
const LOW_VALUE_COUNT = 5;
/** 15 000 ₸, the default cap: the hot phase's payments are under it, the with-code phase's above it. */
const LOW_VALUE_MAX_MINOR = '1500000';
const LOW_VALUE_TOTAL_BENCH_MINOR = String(Number.MAX_SAFE_INTEGER);
const DRAIN_POLL_MS = 100;
/** Once the provider holds every payment, the server still writes each answer: this long at most. */
const STORED_OUTCOME_WAIT_MS = 10_000;

const { targetKind, maintenanceUrl } = benchTarget('bench:payments');
const seconds = envInteger('BENCH_SECONDS', 30, 1, 600);
// registerPopulation's serial 142 has no valid IIN (makeIin answers null), so it stops at 141 people.
const customerCount = envInteger('BENCH_CUSTOMERS', 140, 1, BENCH_CUSTOMERS_MAX);
const rounds = envInteger('BENCH_ROUNDS', 3, 1, 100);
const concurrency = envInteger('BENCH_CONCURRENCY', 32, 1, 1000);
const codeConcurrency = Math.min(envInteger('BENCH_CODE_CONCURRENCY', 8, 1, 256), customerCount);
const drainSeconds = envInteger('BENCH_DRAIN_SECONDS', 120, 1, 3600);
const socketsMax = Math.max(concurrency, codeConcurrency, SETUP_CONCURRENCY);
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
    // The notify worker tells the provider of every payment, as in production.
    WORKER_ENABLED: 'true',
    SCA_LOW_VALUE_MAX_MINOR: LOW_VALUE_MAX_MINOR,
    SCA_LOW_VALUE_MAX_COUNT: String(LOW_VALUE_COUNT),
    SCA_LOW_VALUE_MAX_TOTAL_MINOR: LOW_VALUE_TOTAL_BENCH_MINOR,
    // Every customer confirms many codes in a run (10 an hour and 20 a minute by default).
    PAYMENT_CODES_PER_CUSTOMER_PER_HOUR_MAX: '1000',
    RATE_LIMIT_CODES_PER_CUSTOMER_PER_MINUTE_MAX: '100000',
    // Every customer's check comes from 127.0.0.1 (60 a minute per IP by default).
    RATE_LIMIT_LOOKUPS_PER_IP_PER_MINUTE_MAX: '100000',
  };
}

interface Prepared {
  server: Server;
  customers: Customer[];
  simulator: Simulator;
  closeSimulator: () => Promise<void>;
  providers: { adHoc: string; validate: string };
  checkIds: string[];
}

async function setUp(target: BenchTarget, first: Server): Promise<Prepared> {
  const startedMs = performance.now();
  const population = await registerPopulation(first.http, { customerCount, hotSourceCount: 0, hotSessionCount: 1 });
  const customers = population.customers;
  const direct = () =>
    target.direct(async (db) => {
      await fund(
        db,
        customers.map((customer) => customer.accountIds[0] as string),
      );
      return startCatalogue(db);
    });
  let server = first;
  let catalogue: Awaited<ReturnType<typeof startCatalogue>>;
  if (target.kind === 'pglite') {
    // PGlite is one process's: the server lets go of the data directory while the bench writes.
    await stopServer(server);
    catalogue = await direct();
    server = await startServer(serverEnv(target), socketsMax);
  } else catalogue = await direct();
  const registeredS = (performance.now() - startedMs) / 1000;
  const providers = await providerIds(server.http);
  const checkStartedMs = performance.now();
  const running = server;
  const checkIds = await eachLimited(customers, SETUP_CONCURRENCY, (customer, index) =>
    checkWithProvider(running.http, customer, providers.validate, validatePhone(index)),
  );
  console.log(
    `setup                  ${customers.length} customers, one funded KZT account each, the demo catalogue on the bench's simulator (${format(registeredS)} s); ${checkIds.length} Kcell checks (${format((performance.now() - checkStartedMs) / 1000)} s)`,
  );
  return { server, customers, simulator: catalogue.simulator, closeSimulator: catalogue.close, providers, checkIds };
}

function printPhase(name: string, tally: FlowTally, pgbenchTps: number | null): void {
  const result = summarize(tally);
  console.log(`\n${name}`);
  const ratio = pgbenchTps === null ? '' : `   (ratio to pgbench TPS: ${format(result.perSecond / pgbenchTps, 3)})`;
  line('payments/s', `${format(result.perSecond)}${ratio}`);
  line('sent / errors', `${tally.paid.length} / ${tally.errors} in ${format(tally.elapsedS)} s`);
  line('latency p50 / p99', `${format(result.p50Ms)} ms / ${format(result.p99Ms)} ms`);
  const postgres = Number.isNaN(result.postgresCpuUsPerPayment) ? '' : `, PostgreSQL ${format(result.postgresCpuUsPerPayment, 0)} µs`;
  line(
    'CPU per payment',
    `server ${format(result.serverCpuUsPerPayment, 0)} µs${postgres}, bench (load and simulator) ${format(result.benchCpuUsPerPayment, 0)} µs; machine ${format(result.machineBusyPercent, 0)}% busy`,
  );
  for (const sample of tally.errorSamples) console.log(`  error sample: ${sample}`);
}

/** Every customer's five payments at once, handed out from one counter: customer i % N, so those in flight are mostly different people. */
function hotRound(prepared: Prepared, target: BenchTarget): Promise<FlowTally> {
  const { server, customers, providers } = prepared;
  const count = customers.length * LOW_VALUE_COUNT;
  let index = 0;
  return runFlows(server, target.postgresCpuSeconds, { concurrency, seconds }, () => {
    if (index >= count) return null;
    const customerIndex = index % customers.length;
    index += 1;
    return () => payAtOnce(server.http, customers[customerIndex] as Customer, providers.adHoc, adHocAccount(customerIndex));
  });
}

/** Every customer once, each worker on customers of its own, so the newest code in a customer's inbox is its flow's. */
function withCodeRound(prepared: Prepared, target: BenchTarget, steps: Record<WithCodeStep, number[]>): Promise<FlowTally> {
  const { server, customers, providers, checkIds } = prepared;
  const taken = Array.from({ length: codeConcurrency }, () => 0);
  return runFlows(server, target.postgresCpuSeconds, { concurrency: codeConcurrency, seconds }, (worker) => {
    const index = worker + codeConcurrency * (taken[worker] as number);
    if (index >= customers.length) return null;
    taken[worker] = (taken[worker] as number) + 1;
    const payment = { providerId: providers.validate, fields: validatePhone(index), checkId: checkIds[index] as string };
    return () => payWithCode(server.http, customers[index] as Customer, payment, steps);
  });
}

async function runRounds(prepared: Prepared, target: BenchTarget, pgbenchTps: number | null, statistics: PostgresPhaseStatistics | null) {
  const steps: Record<WithCodeStep, number[]> = { create: [], code: [], confirm: [] };
  let hot: FlowTally | null = null;
  let withCode: FlowTally | null = null;
  let hotStatements: PhaseStatements | null = null;
  for (let round = 1; round <= rounds; round += 1) {
    // BENCH_OWN_POSTGRES: pg_stat_statements over the first hot phase ("tr" is one payment there).
    if (round === 1) await statistics?.begin();
    const hotTally = await hotRound(prepared, target);
    const heardAtHotEnd = prepared.simulator.stats.paymentsAccepted(AD_HOC_SLUG);
    if (round === 1) hotStatements = (await statistics?.end(hotTally.paid.length)) ?? null;
    const codeTally = await withCodeRound(prepared, target, steps);
    const figures = (tally: FlowTally, extra = '') =>
      `${format(summarize(tally).perSecond).padStart(7)}/s (${tally.paid.length} sent, ${tally.errors} errors${extra})`;
    const hotSoFar = (hot?.paid.length ?? 0) + hotTally.paid.length;
    const held = `; the provider held ${heardAtHotEnd} of ${hotSoFar} as it ended`;
    console.log(`round ${round}                hot ${figures(hotTally, held)}, with code ${figures(codeTally)}`);
    hot = hot ? addTallies(hot, hotTally) : hotTally;
    withCode = withCode ? addTallies(withCode, codeTally) : codeTally;
  }
  if (!hot || !withCode) throw new Error('no round ran');
  const { customers, simulator } = prepared;
  printPhase(
    `hot: payments at once into one provider account (${customers.length} customers × ${LOW_VALUE_COUNT} a round, ${AD_HOC_SLUG}, ad hoc, ${concurrency} in flight)`,
    hot,
    pgbenchTps,
  );
  if (hotStatements) printStatements(hotStatements);
  printPhase(
    `with code: create, the SMS code, confirm (${customers.length} a round, ${VALIDATE_SLUG}, validate, its check reused; ${codeConcurrency} in flight)`,
    withCode,
    pgbenchTps,
  );
  for (const step of WITH_CODE_STEPS)
    line(`${step} p50 / p99`, `${format(percentile(steps[step], 0.5))} ms / ${format(percentile(steps[step], 0.99))} ms`);
  const heard = simulator.stats.paymentsAccepted(AD_HOC_SLUG) + simulator.stats.paymentsAccepted(VALIDATE_SLUG);
  console.log(`\nprovider heard         ${heard} of ${hot.paid.length + withCode.paid.length} by the last round's end (notify worker)`);
  return { hot, withCode };
}

interface PaidByProvider {
  slug: string;
  providerId: string;
  paid: Paid[];
}

const total = (paid: readonly PaidByProvider[]) => paid.reduce((sum, provider) => sum + provider.paid.length, 0);

/**
 * Waits, bounded, until the provider simulator holds every payment acknowledged as sent (the
 * notify worker's backlog drained), then, on PostgreSQL, until the server has written each answer
 * (provider_status confirmed). PGlite is read after the server stopped, and its shutdown awaits
 * the notifier's pass in flight.
 */
async function waitForConfirmations(target: BenchTarget, simulator: Simulator, paid: readonly PaidByProvider[]): Promise<boolean> {
  const expected = total(paid);
  const heard = () => paid.reduce((sum, provider) => sum + simulator.stats.paymentsAccepted(provider.slug), 0);
  const backlog = expected - heard();
  const startedMs = performance.now();
  const deadlineMs = startedMs + drainSeconds * 1000;
  while (heard() < expected && performance.now() < deadlineMs) await sleep(DRAIN_POLL_MS);
  const drainS = (performance.now() - startedMs) / 1000;
  console.log('\nprovider notices (the server’s notify worker, concurrent with the phases)');
  line('backlog at the end', `${backlog} of ${expected} payments not yet held by the provider`);
  if (heard() < expected) {
    line('NOT DRAINED', `${heard()} of ${expected} held after ${drainSeconds} s (BENCH_DRAIN_SECONDS)`);
    return false;
  }
  // The worker ticks once a second (notify/notifier.ts), so a small backlog takes up to a tick.
  line('drained in', `${format(drainS)} s`);
  if (target.kind === 'pglite') return true;
  const confirmedDeadlineMs = performance.now() + STORED_OUTCOME_WAIT_MS;
  while (performance.now() < confirmedDeadlineMs) {
    if ((await target.direct(confirmedCount)) >= expected) return true;
    await sleep(DRAIN_POLL_MS);
  }
  return true; // checkStored reports the difference
}

async function confirmedCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ count: bigint }>("SELECT count(*) AS count FROM service_payments WHERE provider_status = 'confirmed'");
  return Number(rows[0]?.count ?? 0);
}

/** Every acknowledged payment is stored as sent exactly once, paid to its provider, held by it once; the ledger balances. */
async function checkStored(target: BenchTarget, simulator: Simulator, paid: readonly PaidByProvider[]): Promise<boolean> {
  return target.direct(async (db) => {
    let ok = true;
    const mismatch = (what: string) => {
      console.log(`  MISMATCH: ${what}`);
      ok = false;
    };
    const operations = await db.query<{ id: string; status: string }>("SELECT id, status FROM operations WHERE kind = 'payment.service'");
    const statuses: Record<string, number> = {};
    for (const row of operations.rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    const storedSent = new Set(operations.rows.filter((row) => row.status === 'sent').map((row) => row.id));
    const acknowledged = paid.flatMap((provider) => provider.paid.map((payment) => payment.id));
    console.log(`\npayments stored        ${JSON.stringify(statuses)} (acknowledged sent: ${acknowledged.length})`);
    if (storedSent.size !== acknowledged.length || acknowledged.some((id) => !storedSent.has(id)))
      mismatch('the operations stored as sent are not the payments acknowledged as sent');
    for (const provider of paid) {
      const sumMinor = provider.paid.reduce((sum, payment) => sum + payment.amountMinor, 0n);
      const balance = (await accountBalance(db, providerAccountId(provider.providerId, 'KZT')))?.balanceMinor ?? 0n;
      const accepted = simulator.stats.paymentsAccepted(provider.slug);
      const calls = simulator.stats.notifyCalls(provider.slug);
      line(
        provider.slug,
        `balance ${balance} tiyn, paid ${sumMinor}; the provider holds ${accepted} of ${provider.paid.length} (${calls} notices sent)`,
      );
      if (balance !== sumMinor) mismatch(`${provider.slug}'s settlement account is not the sum paid to it`);
      if (accepted !== provider.paid.length) mismatch(`${provider.slug} holds ${accepted} payments, not ${provider.paid.length}`);
    }
    const confirmed = await confirmedCount(db);
    line('provider_status', `${confirmed} confirmed of ${acknowledged.length}`);
    if (confirmed !== acknowledged.length) mismatch('not every payment sent is confirmed by its provider in service_payments');
    const report = await checkLedgerInvariants(db);
    console.log(report.ok ? 'ledger invariants      hold' : `ledger invariants      BROKEN (${report.violations.length})`);
    for (const violation of report.violations) console.log(`  - ${violation}`);
    return ok && report.ok;
  });
}

function byProvider(prepared: Prepared, hot: FlowTally, withCode: FlowTally): PaidByProvider[] {
  return [
    { slug: AD_HOC_SLUG, providerId: prepared.providers.adHoc, paid: hot.paid },
    { slug: VALIDATE_SLUG, providerId: prepared.providers.validate, paid: withCode.paid },
  ];
}

async function main(): Promise<void> {
  console.log(
    `Kassa service payment benchmark: ${cpus().length} CPUs, ${rounds} rounds of ${customerCount} × ${LOW_VALUE_COUNT} payments at once (${concurrency} in flight) and ${customerCount} with code (${codeConcurrency} in flight), each phase at most ${seconds} s`,
  );
  console.log(
    `low-value exemption    raised for the bench: SCA_LOW_VALUE_MAX_TOTAL_MINOR=${LOW_VALUE_TOTAL_BENCH_MINOR}; SCA_LOW_VALUE_MAX_COUNT=${LOW_VALUE_COUNT} (the most config.ts allows), SCA_LOW_VALUE_MAX_MINOR=${LOW_VALUE_MAX_MINOR} (default)`,
  );
  printLoadAverage();
  const target = await openTarget(targetKind, maintenanceUrl);
  console.log(`database               ${target.description}`);
  let server: Server | null = null;
  let closeSimulator: (() => Promise<void>) | null = null;
  let statistics: PostgresPhaseStatistics | null = null;
  let exitCode = 0;
  try {
    const pgbenchTps = await yardstick(target);
    statistics = await target.prepare();
    server = await startServer(serverEnv(target), socketsMax);
    const calibration = await closedLoop(server, null, CALIBRATION_SECONDS, concurrency, () => ({ path: '/healthz', headers: {} }));
    console.log(`load generator ceiling ${format(calibration.requests / CALIBRATION_SECONDS)} req/s on GET /healthz`);
    const prepared = await setUp(target, server);
    server = prepared.server;
    closeSimulator = prepared.closeSimulator;
    const { hot, withCode } = await runRounds(prepared, target, pgbenchTps, statistics);
    const paid = byProvider(prepared, hot, withCode);
    const drained = await waitForConfirmations(target, prepared.simulator, paid);
    if (!drained) exitCode = 1;
    printLoadAverage('\n');
    if (target.kind === 'pglite') {
      await stopServer(server); // the bench reopens the data directory to check it
      server = null;
    }
    if (!(await checkStored(target, prepared.simulator, paid))) exitCode = 1;
    if (hot.errors > 0 || withCode.errors > 0) exitCode = 1;
  } finally {
    if (server) await stopServer(server);
    await closeSimulator?.();
    await statistics?.close();
    await target.destroy();
  }
  process.exitCode = exitCode;
}

await main();
