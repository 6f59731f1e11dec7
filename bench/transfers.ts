/**
 * `npm run bench:transfers`: own-account transfers per second through the real HTTP API on a real
 * PostgreSQL, printed beside pgbench's built-in TPC-B-like transaction on the same server in the
 * same run (DESIGN.md §6: the ratio is the figure that counts).
 *
 * DATABASE_URL names a maintenance database of the server (postgres://postgres@127.0.0.1:5432/postgres);
 * the script creates and drops `kassa_bench_pgbench` and recreates `kassa_bench` next to it.
 * BENCH_OWN_POSTGRES=1 runs both on a throwaway cluster of the bench's own instead, with
 * pg_stat_statements per phase; `-- --pglite` runs the server on the embedded PGlite (lib/targets.ts).
 * Traffic goes only to 127.0.0.1, every phase is bounded in time, and every process the bench
 * started is stopped by its pid, also when it fails.
 *
 * Environment (all optional but DATABASE_URL, which the own-cluster and PGlite modes do not need):
 *   BENCH_SECONDS      length of the pgbench run and of each HTTP phase (30)
 *   BENCH_CONCURRENCY  HTTP requests in flight at once (64); the half-rate phase allows 4 times that
 *   BENCH_CUSTOMERS    customers of the random-accounts and phone phases, two KZT accounts each (64)
 *   BENCH_HOT_SOURCES  source accounts of the one customer whose transfers all go into one account (32)
 *   BENCH_HOT_SESSIONS sessions (logins) of that customer sharing the load (8)
 *   BENCH_PHONE        "false" skips the phone transfers to trusted payees
 *   BENCH_PHASES       the phases to run after the random one, comma-separated (hot,latency,phone);
 *                      "" runs the random phase alone, e.g. for a 10-minute memory run
 *   BENCH_OWN_POSTGRES "1": a PostgreSQL cluster of the bench's own, pg_stat_statements, WAL and commits per phase
 *   BENCH_PGLITE       "1" (or the argument --pglite): the server on the embedded PGlite, no pgbench
 *   BENCH_RSS_CSV      a file: the server's RSS samples (seconds since start, phase, MiB)
 *   BENCH_PGBENCH      "false" skips pgbench and uses BENCH_PGBENCH_TPS for the ratios (development only)
 *   BENCH_CPU_PROF     a directory: the server writes a V8 CPU profile there when it stops (development only)
 */
import { cpus, loadavg } from 'node:os';
import { checkLedgerInvariants } from '../apps/server/src/modules/ledger/index.js';
import { benchTarget, envInteger } from './lib/cli.js';
import { fund, registerPopulation, trustNextCustomers } from './lib/customers.js';
import { closedLoop, type LoadResult } from './lib/http-load.js';
import type { PostgresPhaseStatistics } from './lib/pg-statements.js';
import { measurePgbench, PGBENCH_CLIENTS, PGBENCH_SCALE, PGBENCH_THREADS } from './lib/pgbench.js';
import { halfRatePhase, hotPhase, type PhaseContext, phonePhase, randomPhase } from './lib/phases.js';
import { memoryMib } from './lib/proc-stats.js';
import { format } from './lib/report.js';
import { RssSampler } from './lib/rss-samples.js';
import { type Server, startServer, stopServer } from './lib/server.js';
import { SessionKeeper } from './lib/session-keeper.js';
import { type BenchTarget, openTarget } from './lib/targets.js';

const CALIBRATION_SECONDS = 3;
const MEASURED_PHASES = ['random', 'hot', 'latency', 'phone'];

const { targetKind, maintenanceUrl } = benchTarget('bench:transfers');
const seconds = envInteger('BENCH_SECONDS', 30, 1, 600);
const concurrency = envInteger('BENCH_CONCURRENCY', 64, 1, 1000);
const customerCount = envInteger('BENCH_CUSTOMERS', 64, 1, 2000);
const hotSourceCount = envInteger('BENCH_HOT_SOURCES', 32, 1, 90);
const hotSessionCount = envInteger('BENCH_HOT_SESSIONS', 8, 1, 100);
const runPgbench = process.env.BENCH_PGBENCH !== 'false';
const extraPhases = new Set((process.env.BENCH_PHASES ?? 'hot,latency,phone').split(',').filter(Boolean));
const unknownPhases = [...extraPhases].filter((phase) => !['hot', 'latency', 'phone'].includes(phase));
if (unknownPhases.length > 0) {
  console.error(`BENCH_PHASES: unknown ${unknownPhases.join(', ')} (hot, latency, phone; the random phase always runs)`);
  process.exit(2);
}
const runPhone = process.env.BENCH_PHONE !== 'false' && extraPhases.has('phone');
const rssCsvFile = process.env.BENCH_RSS_CSV || null;

// A bench stopped from outside still stops what it started: the exit hooks of the server, the
// own cluster and the temporary directories (exit-cleanup.ts) run on process.exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

function printLoadAverage(prefix = ''): void {
  // Other work on the machine skews every figure; the load average says whether there was any.
  console.log(
    `${prefix}load average           ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
}

/** pgbench's TPS on the target's server, or null where there is none (PGlite). */
async function yardstick(target: BenchTarget): Promise<number | null> {
  if (target.pgbenchMaintenanceUrl === null) {
    console.log('pgbench                n/a (embedded PGlite: no PostgreSQL server to run it on, so no ratios)');
    return null;
  }
  let pgbench: { tps: number; latencyMs: number | null };
  if (runPgbench) {
    console.log(`pgbench -i -s ${PGBENCH_SCALE}, then -c ${PGBENCH_CLIENTS} -j ${PGBENCH_THREADS} -M prepared -T ${seconds} …`);
    pgbench = await measurePgbench(target.pgbenchMaintenanceUrl, seconds);
  } else {
    pgbench = { tps: envInteger('BENCH_PGBENCH_TPS', 1000, 1, 10_000_000), latencyMs: null };
    console.log('pgbench skipped (BENCH_PGBENCH=false): ratios use BENCH_PGBENCH_TPS');
  }
  console.log(`pgbench TPS            ${format(pgbench.tps)} (latency average ${pgbench.latencyMs ?? 'n/a'} ms)`);
  return pgbench.tps;
}

/** Every acknowledged transfer is in the database exactly once, and no unacknowledged one is; the ledger balances. */
async function checkStored(target: BenchTarget, phases: readonly LoadResult[]): Promise<boolean> {
  return target.direct(async (db) => {
    const { rows } = await db.query<{ status: string; count: bigint }>('SELECT status, count(*) AS count FROM operations GROUP BY status');
    const stored = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    const acknowledged = phases.reduce((sum, phase) => sum + phase.completed, 0);
    console.log(`transfers stored       ${JSON.stringify(stored)} (acknowledged completed: ${acknowledged})`);
    let ok = true;
    if ((stored.completed ?? 0) !== acknowledged) {
      console.log('  MISMATCH between acknowledged and stored completed transfers');
      ok = false;
    }
    const report = await checkLedgerInvariants(db);
    console.log(report.ok ? 'ledger invariants      hold' : `ledger invariants      BROKEN (${report.violations.length})`);
    for (const violation of report.violations) console.log(`  - ${violation}`);
    return ok && report.ok;
  });
}

async function main(): Promise<void> {
  console.log(`Kassa transfer benchmark: ${cpus().length} CPUs, ${seconds} s per phase, ${concurrency} requests in flight`);
  printLoadAverage();
  const target = await openTarget(targetKind, maintenanceUrl);
  console.log(`database               ${target.description}`);
  let server: Server | null = null;
  let statistics: PostgresPhaseStatistics | null = null;
  const rss = new RssSampler(() => (server && server.child.exitCode === null ? server.pid : null));
  const keeper = new SessionKeeper(() => server?.http ?? null);
  let exitCode = 0;
  try {
    const pgbenchTps = await yardstick(target);
    statistics = await target.prepare();
    server = await startServer(target.serverEnv, concurrency);
    rss.start();
    // The ceiling of this load generator against this server: a route that does no work.
    const calibration = await closedLoop(server, null, CALIBRATION_SECONDS, concurrency, () => ({ path: '/healthz', headers: {} }));
    console.log(
      `load generator ceiling ${format(calibration.requests / CALIBRATION_SECONDS)} req/s on GET /healthz (generator ${format(calibration.clientCpuCores, 2)} cores)`,
    );

    const setupStartedMs = performance.now();
    rss.beginPhase('setup');
    const population = await registerPopulation(server.http, { customerCount, hotSourceCount, hotSessionCount });
    const { customers, hot, hotSources } = population;
    const fundedAccountIds = [...customers.flatMap((customer) => customer.accountIds), ...hotSources];
    if (target.kind === 'pglite') {
      // PGlite is one process's: the server lets go of the data directory while the bench funds
      // through the same ledger code, then starts again on it (sessions are rows: tokens stay valid).
      await stopServer(server);
      server = null;
      await target.direct((db) => fund(db, fundedAccountIds));
      server = await startServer(target.serverEnv, concurrency);
    } else {
      await target.direct((db) => fund(db, fundedAccountIds));
    }
    console.log(
      `setup                  ${customers.length} customers × 2 accounts, 1 hot customer with ${hotSources.length} sources and ${hot.tokens.length} sessions (${format((performance.now() - setupStartedMs) / 1000)} s)`,
    );
    keeper.start([...customers.map((customer) => customer.tokens[0] as string), ...hot.tokens]);
    const phone = runPhone && customers.length >= 2;
    if (phone) {
      const trustStartedMs = performance.now();
      await trustNextCustomers(server.http, customers);
      console.log(
        `trusted payees         each of ${customers.length} customers trusts the next one's phone (${format((performance.now() - trustStartedMs) / 1000)} s)`,
      );
    } else if (runPhone) console.log('phone transfers        skipped: they need BENCH_CUSTOMERS of at least 2');
    rss.endPhase();

    const ctx: PhaseContext = {
      server,
      seconds,
      concurrency,
      pgbenchTps,
      postgresCpuSeconds: target.postgresCpuSeconds,
      statistics,
      rss,
      keeper,
    };
    const random = await randomPhase(ctx, population);
    const hotLoad = extraPhases.has('hot') ? await hotPhase(ctx, population, random) : null;
    const halfRate = extraPhases.has('latency') ? await halfRatePhase(ctx, population, random) : null;
    const phoneLoad = phone ? await phonePhase(ctx, population, random) : null;
    const phases = [random, hotLoad, halfRate, phoneLoad].filter((phase): phase is LoadResult => phase !== null);

    printLoadAverage('\n');
    console.log(`server VmHWM           ${format(memoryMib(server.pid, 'VmHWM'))} MiB`);
    const growth = rss.growth(MEASURED_PHASES);
    if (growth) console.log(`server RSS             ${growth.label}: ${format(growth.firstMib)} / ${format(growth.lastMib)} MiB`);
    if (target.kind === 'pglite') {
      await stopServer(server); // the bench reopens the data directory to check it
      server = null;
    }
    if (!(await checkStored(target, phases))) exitCode = 1;
    if (phases.some((phase) => phase.errors > 0)) exitCode = 1;
  } finally {
    keeper.stop();
    rss.stop();
    if (server) await stopServer(server);
    await statistics?.close();
    await target.destroy();
    if (rssCsvFile) rss.writeCsv(rssCsvFile);
  }
  process.exitCode = exitCode;
}

await main();
