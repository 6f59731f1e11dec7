/**
 * `npm run bench:cards`: the issuer's card authorisations per second through the real HTTP API
 * (POST /api/network/v1/authorisation, signed as a network signs them) on a real PostgreSQL,
 * printed beside pgbench's built-in TPC-B-like transaction on the same server in the same run
 * (DESIGN.md §6: the ratio is the figure that counts). The same shape as bench/transfers.ts, and
 * the same targets (lib/targets.ts): DATABASE_URL names a maintenance database of the server;
 * BENCH_OWN_POSTGRES=1 runs on a throwaway cluster of the bench's own; `-- --pglite` runs the
 * server on the embedded PGlite (no pgbench, no ratios).
 *
 * Each authorisation is the engine's whole path: the signature, the vault's HMAC look-up of the
 * PAN, the CVC2 derived and compared, the card's lock with its controls and internet limits
 * counted, the hold placed on the account, the operation and its detail row written, the notice
 * queued, the answer stored for a retry.
 *
 * Environment (all optional but DATABASE_URL, which the own-cluster and PGlite modes do not need):
 *   BENCH_SECONDS      length of the pgbench run and of each HTTP phase (30)
 *   BENCH_CONCURRENCY  HTTP requests in flight at once (64)
 *   BENCH_CARDS        customers, one funded card each, of the random-cards phase (64)
 *   BENCH_PGBENCH      "false" skips pgbench and uses BENCH_PGBENCH_TPS for the ratios (development only)
 */
import { cpus, loadavg } from 'node:os';
import { loadConfig } from '../apps/server/src/config.js';
import { SimulatedCardNetwork } from '../apps/server/src/modules/card-network/index.js';
import { checkLedgerInvariants } from '../apps/server/src/modules/ledger/index.js';
import { type CardUnderLoad, classifyNetworkAnswer, issueTypedCards, printCardLoad, signedPurchase } from './lib/card-purchases.js';
import { benchTarget, envInteger } from './lib/cli.js';
import { fund, registerPopulation } from './lib/customers.js';
import { closedLoop, type LoadResult } from './lib/http-load.js';
import type { PostgresPhaseStatistics } from './lib/pg-statements.js';
import { measurePgbench, PGBENCH_CLIENTS, PGBENCH_SCALE, PGBENCH_THREADS } from './lib/pgbench.js';
import { format, printStatements } from './lib/report.js';
import { type Server, startServer, stopServer } from './lib/server.js';
import { type BenchTarget, openTarget } from './lib/targets.js';

const CALIBRATION_SECONDS = 3;
/** Far above what a phase spends on one card, so the phases measure approvals, not the limits' declines. */
const CARD_LIMIT_BENCH_MINOR = String(Number.MAX_SAFE_INTEGER);

const { targetKind, maintenanceUrl } = benchTarget('bench:cards');
const seconds = envInteger('BENCH_SECONDS', 30, 1, 600);
const concurrency = envInteger('BENCH_CONCURRENCY', 64, 1, 1000);
const cardCount = envInteger('BENCH_CARDS', 64, 1, 2000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

const printLoadAverage = (prefix = '') =>
  console.log(
    `${prefix}load average           ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );

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

/** Every approval answered is one approved purchase with its hold, and the ledger balances. */
async function checkStored(target: BenchTarget, phases: readonly LoadResult[]): Promise<boolean> {
  return target.direct(async (db) => {
    const { rows } = await db.query<{ status: string; count: bigint }>(
      'SELECT status, count(*) AS count FROM card_authorisations GROUP BY status',
    );
    const stored = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    const approved = phases.reduce((sum, phase) => sum + phase.completed, 0);
    console.log(`purchases stored       ${JSON.stringify(stored)} (approvals answered: ${approved})`);
    const report = await checkLedgerInvariants(db);
    console.log(report.ok ? 'ledger invariants      hold' : `ledger invariants      BROKEN (${report.violations.length})`);
    for (const violation of report.violations) console.log(`  - ${violation}`);
    const matches = (stored.approved ?? 0) === approved;
    if (!matches) console.log('  MISMATCH between approvals answered and approved purchases stored');
    return matches && report.ok;
  });
}

async function setUp(target: BenchTarget, server: Server): Promise<{ server: Server; cards: CardUnderLoad[] }> {
  const startedMs = performance.now();
  const population = await registerPopulation(server.http, { customerCount: cardCount, hotSourceCount: 1, hotSessionCount: 1 });
  const accounts = population.customers.map((customer) => customer.accountIds[0] as string);
  let running = server;
  if (target.kind === 'pglite') {
    // PGlite is one process's: the server lets go of the data directory while the bench funds.
    await stopServer(running);
    await target.direct((db) => fund(db, accounts));
    running = await startServer(serverEnv(target), concurrency);
  } else {
    await target.direct((db) => fund(db, accounts));
  }
  const cards = await issueTypedCards(running.http, population.customers);
  console.log(`setup                  ${cards.length} customers × 1 funded card (${format((performance.now() - startedMs) / 1000)} s)`);
  return { server: running, cards };
}

function serverEnv(target: BenchTarget): Record<string, string> {
  return {
    ...target.serverEnv,
    CARD_INTERNET_MAX_PER_OPERATION_MINOR: CARD_LIMIT_BENCH_MINOR,
    CARD_INTERNET_MAX_PER_DAY_MINOR: CARD_LIMIT_BENCH_MINOR,
    CARD_INTERNET_MAX_PER_MONTH_MINOR: CARD_LIMIT_BENCH_MINOR,
    // The hot card makes thousands of purchases in a phase: far above the bank's daily count.
    CARD_INTERNET_MAX_PURCHASES_PER_DAY: '1000000',
  };
}

async function main(): Promise<void> {
  console.log(`Kassa card authorisation benchmark: ${cpus().length} CPUs, ${seconds} s per phase, ${concurrency} requests in flight`);
  printLoadAverage();
  const target = await openTarget(targetKind, maintenanceUrl);
  console.log(`database               ${target.description}`);
  // The server runs with the development network key (no CARD_NETWORK_KEYS): the bench signs with it.
  const key = loadConfig({ NODE_ENV: 'development' }).cardNetwork.keys.all[0];
  if (!key) throw new Error('no network key');
  const network = new SimulatedCardNetwork(key);
  let server: Server | null = null;
  let statistics: PostgresPhaseStatistics | null = null;
  let exitCode = 0;
  try {
    const pgbenchTps = await yardstick(target);
    statistics = await target.prepare();
    server = await startServer(serverEnv(target), concurrency);
    const running: Server = server;
    const calibration = await closedLoop(running, null, CALIBRATION_SECONDS, concurrency, () => ({ path: '/healthz', headers: {} }));
    console.log(`load generator ceiling ${format(calibration.requests / CALIBRATION_SECONDS)} req/s on GET /healthz`);
    const prepared = await setUp(target, running);
    server = prepared.server;
    const { cards } = prepared;
    // BENCH_OWN_POSTGRES: pg_stat_statements per phase, printed after it ("tr" is one authorisation there).
    const load = async (name: string, pick: () => CardUnderLoad): Promise<LoadResult> => {
      await statistics?.begin();
      const next = () => signedPurchase(network, pick());
      const result = await closedLoop(prepared.server, target.postgresCpuSeconds, seconds, concurrency, next, classifyNetworkAnswer);
      const statements = (await statistics?.end(result.completed + result.declined)) ?? null;
      printCardLoad(name, result, pgbenchTps);
      if (statements) printStatements(statements);
      return result;
    };
    const random = await load(`authorisations on ${cards.length} random cards (e-commerce, CVC2, one hold each)`, () => {
      return cards[Math.floor(Math.random() * cards.length)] as CardUnderLoad;
    });
    const hotCard = cards[0] as CardUnderLoad;
    const hot = await load('authorisations on one hot card (every request waits for the card’s row and its account)', () => hotCard);
    console.log(`  hot / random         ${format(hot.perSecond / random.perSecond, 2)}`);
    printLoadAverage('\n');
    if (target.kind === 'pglite') {
      await stopServer(server);
      server = null;
    }
    if (!(await checkStored(target, [random, hot]))) exitCode = 1;
    if (random.errors + hot.errors > 0) exitCode = 1;
  } finally {
    if (server) await stopServer(server);
    await statistics?.close();
    await target.destroy();
  }
  process.exitCode = exitCode;
}

await main();
