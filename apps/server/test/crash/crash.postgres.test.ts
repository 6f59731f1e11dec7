import { describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/postgres.js';
import { createCustomers, fundAccounts } from './customers.js';
import { FaultInjector } from './fault-actions.js';
import { FaultLog } from './fault-windows.js';
import { type CrashRun, expectCleanCrashRun, finishCrashRun, publishCrashReport } from './finish-run.js';
import { HttpClient } from './http-client.js';
import { PostgresInstance } from './postgres-instance.js';
import { ReadinessMonitor } from './readiness-monitor.js';
import { ServerProcess, serverEnv } from './server-process.js';
import { TransferLoad } from './transfer-load.js';

/**
 * Issue 8, item 2, on PostgreSQL: a cluster of the test's own (never the shared one on 5432),
 * the real server process on it, clients posting own-account and phone transfers and retrying
 * their keys; the server is SIGKILLed twice and the cluster restarted once (pg_ctl restart -m
 * fast) while the load runs. Runs in the PostgreSQL pass of the suite (DATABASE_URL set), which
 * is where PostgreSQL's binaries are known to be installed.
 */

const DATABASE = 'kassa';
const CUSTOMERS = 8;
const CLIENTS = 8;
const FUNDING_PER_ACCOUNT_MINOR = 100_000_000n;
/** Successful transfers to wait for before the first fault and after each one: the load is really running. */
const SUCCESSES_BETWEEN_FAULTS = 100;
const SUCCESS_WAIT_TIMEOUT_MS = 20_000;
const REPLAYS_MAX = 60;
const READY_WAIT_TIMEOUT_MS = 10_000;
// Normally 15–30 s; the margin is for a loaded CI machine, where three server starts through tsx take longer.
const TEST_TIMEOUT_MS = 240_000;

describe.runIf(Boolean(process.env.DATABASE_URL))('crash safety on PostgreSQL (SIGKILL and a database restart under load)', () => {
  it(
    'keeps every acknowledged transfer exactly once and the ledger balanced, answers no 5xx outside the faults and never dies on its own, across two SIGKILLs and a PostgreSQL restart',
    async () => {
      const cluster = await PostgresInstance.create({ databases: [DATABASE] });
      const server = await ServerProcess.create(serverEnv({ databaseUrl: cluster.url(DATABASE) }));
      const client = new HttpClient(server.port, CLIENTS + 2);
      try {
        await server.start();
        const customers = await createCustomers(client, CUSTOMERS);
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
        const injector = new FaultInjector({ server, faults, database: cluster });
        const load = new TransferLoad({ client, customers, faults, clients: CLIENTS });
        const readiness = new ReadinessMonitor(server);
        readiness.start();
        load.start();
        await load.waitForSuccesses(load.startedAtMs, SUCCESSES_BETWEEN_FAULTS, SUCCESS_WAIT_TIMEOUT_MS);
        const readyAgain: boolean[] = [];
        for (const fault of [() => injector.killServer(), () => injector.restartDatabase('fast'), () => injector.killServer()]) {
          const done = await fault();
          await load.waitForSuccesses(done.fault.actionEndedAtMs as number, SUCCESSES_BETWEEN_FAULTS, SUCCESS_WAIT_TIMEOUT_MS);
          // A server that died on its own is restarted by the injector; wait for that too.
          await injector.settle();
          // /readyz comes back by itself before the next fault, or the run says it did not.
          readyAgain.push(await readiness.waitForReady(READY_WAIT_TIMEOUT_MS));
        }
        const run: CrashRun = {
          load,
          injector,
          readiness,
          faults,
          client,
          server,
          customers,
          fundingPerAccountMinor: FUNDING_PER_ACCOUNT_MINOR,
          replaysMax: REPLAYS_MAX,
          openDatabase: async () => new PostgresDatabase(cluster.url(DATABASE), 2),
        };
        const end = await finishCrashRun(run);
        publishCrashReport(
          'crash-postgres',
          `crash.postgres: ${CUSTOMERS} customers, ${CLIENTS} clients, 2 × SIGKILL + 1 × pg_ctl restart -m fast (own cluster on port ${cluster.port})`,
          run,
          end,
        );
        expectCleanCrashRun(run, end);
        // /readyz answered 200 again by itself after every fault, the database restart included.
        expect(readyAgain, JSON.stringify(readiness.changes)).toEqual([true, true, true]);
      } finally {
        client.close();
        await server.kill();
        await cluster.destroy();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
