/**
 * `npm run probe:pg-restart`: restarts a PostgreSQL cluster of its own ten times while clients
 * post transfers through the real server, and says per try whether the server came through:
 * how many 503s the clients saw, how long from the restart to the first 201, whether the process
 * stayed up. Then checks the database as the crash tests do (every acknowledged transfer exactly
 * once, the ledger's invariants) and prints "passed N of 10".
 *
 * Needs PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin, or PG_BIN_DIR); never
 * touches a shared server: the cluster lives in a temporary directory on a free port of
 * 127.0.0.1 and is removed at the end. Every phase is bounded in time.
 *
 * Environment (all optional):
 *   PROBE_TRIES      restarts (10)
 *   PROBE_MODE       fast | immediate | alternate: pg_ctl restart -m fast, an immediate stop and a
 *                    start (crash recovery), or one then the other (alternate)
 *   PROBE_CLIENTS    clients posting transfers at once (8)
 *   PROBE_CUSTOMERS  customers, two funded KZT accounts each (6)
 */
import { PostgresDatabase } from '../apps/server/src/db/postgres.js';
import { createCustomers, fundAccounts } from '../apps/server/test/crash/customers.js';
import { FaultInjector } from '../apps/server/test/crash/fault-actions.js';
import { FaultLog } from '../apps/server/test/crash/fault-windows.js';
import { HttpClient } from '../apps/server/test/crash/http-client.js';
import { sleep } from '../apps/server/test/crash/ports.js';
import { PostgresInstance, type RestartMode } from '../apps/server/test/crash/postgres-instance.js';
import { ReadinessMonitor } from '../apps/server/test/crash/readiness-monitor.js';
import { describeFault } from '../apps/server/test/crash/report.js';
import { ServerProcess, serverEnv } from '../apps/server/test/crash/server-process.js';
import { serverErrorsOutsideWindows, TransferLoad } from '../apps/server/test/crash/transfer-load.js';
import { verifyAfterCrashes } from '../apps/server/test/crash/verify.js';
import { envInteger } from './lib/cli.js';

const DATABASE = 'kassa';
const FUNDING_PER_ACCOUNT_MINOR = 1_000_000_000n;
/** Successes of requests sent after a restart that count as "the server is back". */
const SUCCESSES_TO_RECOVER = 20;
/** A try fails when the clients do not get that many successes within this after the restart. */
const TRY_RECOVERY_TIMEOUT_MS = 20_000;
/** Load between two restarts, so each one hits transactions in flight rather than idle connections. */
const LOAD_BETWEEN_TRIES_MS = 750;
/** /readyz must answer 200 again by itself within this after the clients recovered. */
const READY_WAIT_TIMEOUT_MS = 10_000;
/** The whole run; tries not begun by then are reported as not run. */
const RUN_TIME_MAX_MS = 240_000;

const tries = envInteger('PROBE_TRIES', 10, 1, 100);
const clients = envInteger('PROBE_CLIENTS', 8, 1, 64);
const customerCount = envInteger('PROBE_CUSTOMERS', 6, 2, 50);
const modeSetting = process.env.PROBE_MODE ?? 'alternate';
if (!['fast', 'immediate', 'alternate'].includes(modeSetting))
  throw new Error(`PROBE_MODE must be fast, immediate or alternate, got "${modeSetting}"`);

function modeOf(attempt: number): RestartMode {
  if (modeSetting === 'alternate') return attempt % 2 === 1 ? 'fast' : 'immediate';
  return modeSetting as RestartMode;
}

interface TryResult {
  attempt: number;
  mode: RestartMode;
  passed: boolean;
  line: string;
}

async function main(): Promise<number> {
  const runStartedMs = performance.now();
  console.log(`PostgreSQL restart probe: ${tries} restarts (${modeSetting}), ${clients} clients, ${customerCount} customers`);
  const cluster = await PostgresInstance.create({ databases: [DATABASE] });
  const server = await ServerProcess.create(serverEnv({ databaseUrl: cluster.url(DATABASE) }));
  const client = new HttpClient(server.port, clients + 2);
  console.log(`cluster on 127.0.0.1:${cluster.port} (${cluster.dir}), postmaster pid ${cluster.postmasterPid()}`);
  try {
    await server.start();
    const customers = await createCustomers(client, customerCount);
    const setup = new PostgresDatabase(cluster.url(DATABASE), 2);
    try {
      await fundAccounts(
        setup,
        customers.flatMap((customer) => customer.accountIds),
        FUNDING_PER_ACCOUNT_MINOR,
      );
    } finally {
      await setup.close();
    }

    const faults = new FaultLog();
    // Each try may end in a death and a restart: allow one per try, so every try is measured.
    const injector = new FaultInjector({ server, faults, database: cluster, restartsAfterDeathMax: tries });
    const load = new TransferLoad({ client, customers, faults, clients });
    const readiness = new ReadinessMonitor(server);
    readiness.start();
    load.start();
    await load.waitForSuccesses(load.startedAtMs, SUCCESSES_TO_RECOVER, TRY_RECOVERY_TIMEOUT_MS);

    const results: TryResult[] = [];
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      if (performance.now() - runStartedMs > RUN_TIME_MAX_MS) {
        console.log(`try ${attempt}: not run (the run's ${RUN_TIME_MAX_MS / 1000} s bound passed)`);
        continue;
      }
      const mode = modeOf(attempt);
      const exitsBefore = server.unexpectedExits.length;
      const { fault } = await injector.restartDatabase(mode);
      let recovered = true;
      try {
        await load.waitForSuccesses(fault.actionEndedAtMs as number, SUCCESSES_TO_RECOVER, TRY_RECOVERY_TIMEOUT_MS);
      } catch {
        recovered = false;
      }
      await injector.settle();
      const readyAgain = await readiness.waitForReady(READY_WAIT_TIMEOUT_MS);
      const stayedUp = server.unexpectedExits.length === exitsBefore && server.running;
      const windows = faults.faults.filter((f) => f.startedAtMs >= fault.startedAtMs);
      const otherServerErrors = windows.reduce((sum, f) => sum + f.otherServerErrors, 0);
      const passed = recovered && readyAgain && stayedUp && otherServerErrors === 0 && fault.firstCreatedAtMs !== null;
      const firstCreatedMs = fault.firstCreatedAtMs === null ? 'never' : `${Math.round(fault.firstCreatedAtMs - fault.startedAtMs)} ms`;
      const outage = readiness.outage(fault.startedAtMs);
      const readyz =
        outage.downAtMs === null
          ? '/readyz stayed 200'
          : `/readyz ${outage.downStatus || 'no answer'} → 200 ${outage.upAtMs === null ? 'never' : `after ${Math.round(outage.upAtMs - fault.startedAtMs)} ms`}`;
      const line = `try ${String(attempt).padStart(2)} ${mode.padEnd(9)} restart ${Math.round((fault.actionEndedAtMs as number) - fault.startedAtMs)} ms, 503s ${fault.unavailable503}, other 5xx ${otherServerErrors}, first 201 after ${firstCreatedMs}, ${readyz}, server ${stayedUp ? 'stayed up' : 'DIED'}: ${passed ? 'passed' : 'FAILED'}`;
      console.log(line);
      if (!passed) for (const f of windows) console.log(describeFault(f, load.startedAtMs, readiness));
      results.push({ attempt, mode, passed, line });
      if (!server.running) {
        console.log('the server is down and could not be started again: the remaining tries are not run');
        break;
      }
      await sleep(LOAD_BETWEEN_TRIES_MS);
    }
    await load.stop();
    await injector.settle();
    injector.detach();
    await readiness.stop();
    await server.stop();

    const db = new PostgresDatabase(cluster.url(DATABASE), 2);
    const verification = await verifyAfterCrashes(db, {
      outcomes: load.outcomes,
      customers,
      fundingPerAccountMinor: FUNDING_PER_ACCOUNT_MINOR,
    }).finally(() => db.close());
    const outside = serverErrorsOutsideWindows(load.records, faults);
    const passedCount = results.filter((result) => result.passed).length;
    console.log(
      `\ntransfers: ${load.outcomes.length} keys, acknowledged ${verification.acknowledged} (${verification.completed} completed, ${verification.declined} declined), unresolved ${verification.unresolvedKeys.length}`,
    );
    console.log(`5xx outside the restarts' windows: ${outside.length}`);
    console.log(`server exits not caused by the probe: ${server.unexpectedExits.length}`);
    for (const exit of server.unexpectedExits) console.log(`  code ${exit.code} signal ${exit.signal}:\n${exit.stderrTail.slice(-1500)}`);
    console.log(`database check: ${verification.problems.length === 0 ? 'every acknowledged transfer once, ledger invariants hold' : ''}`);
    for (const problem of verification.problems) console.log(`  - ${problem}`);
    console.log(
      "first 201: from the restart's start, of a request sent after pg_ctl returned, seen by the client that retries every 50 ms",
    );
    console.log(`\npassed ${passedCount} of ${tries}`);
    const clean = verification.problems.length === 0 && verification.unresolvedKeys.length === 0 && outside.length === 0;
    return passedCount === tries && clean ? 0 : 1;
  } finally {
    client.close();
    await server.kill();
    await cluster.destroy();
  }
}

process.exitCode = await main();
