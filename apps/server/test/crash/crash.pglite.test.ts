import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/pglite.js';
import { createCustomers, fundAccounts } from './customers.js';
import { removeOnExit } from './exit-cleanup.js';
import { FaultInjector } from './fault-actions.js';
import { FaultLog } from './fault-windows.js';
import { type CrashRun, expectCleanCrashRun, finishCrashRun, publishCrashReport } from './finish-run.js';
import { HttpClient } from './http-client.js';
import { ReadinessMonitor } from './readiness-monitor.js';
import { ServerProcess, serverEnv } from './server-process.js';
import { TransferLoad } from './transfer-load.js';

/**
 * Issue 8, item 2, embedded mode: the real server process on a PGlite data directory, SIGKILLed
 * twice while clients post transfers and retry their keys. The PostgreSQL version with a restart
 * of the database is crash.postgres.test.ts; this one runs when DATABASE_URL is not set.
 */

const CUSTOMERS = 6;
const CLIENTS = 6;
const FUNDING_PER_ACCOUNT_MINOR = 100_000_000n;
/** Successful transfers to wait for before the first fault and after each one: the load is really running. */
const SUCCESSES_BETWEEN_FAULTS = 40;
const SUCCESS_WAIT_TIMEOUT_MS = 20_000;
const REPLAYS_MAX = 40;
// Normally 15–30 s; the margin is for a loaded CI machine, where three server starts through tsx take longer.
const TEST_TIMEOUT_MS = 240_000;

describe.runIf(!process.env.DATABASE_URL)('crash safety on PGlite (SIGKILL under load)', () => {
  it(
    'keeps every acknowledged transfer exactly once, moves no money for declined ones and answers no 5xx outside the kills, across two SIGKILLs',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'kassa-crash-pglite-'));
      const forgetDataDir = removeOnExit(dataDir);
      const server = await ServerProcess.create(serverEnv({ dataDir }));
      const client = new HttpClient(server.port, CLIENTS + 2);
      try {
        await server.start();
        const customers = await createCustomers(client, CUSTOMERS);
        // PGlite belongs to one process: the accounts are funded while the server is down.
        await server.stop();
        const setup = await PgliteDatabase.open({ dataDir });
        try {
          await fundAccounts(
            setup,
            customers.flatMap((customer) => customer.accountIds),
            FUNDING_PER_ACCOUNT_MINOR,
          );
        } finally {
          await setup.close();
        }
        await server.start();

        const faults = new FaultLog();
        const injector = new FaultInjector({ server, faults });
        const load = new TransferLoad({ client, customers, faults, clients: CLIENTS });
        const readiness = new ReadinessMonitor(server);
        readiness.start();
        load.start();
        await load.waitForSuccesses(load.startedAtMs, SUCCESSES_BETWEEN_FAULTS, SUCCESS_WAIT_TIMEOUT_MS);
        const kills = [];
        for (let round = 0; round < 2; round += 1) {
          const kill = await injector.killServer();
          kills.push(kill);
          await load.waitForSuccesses(kill.fault.actionEndedAtMs as number, SUCCESSES_BETWEEN_FAULTS, SUCCESS_WAIT_TIMEOUT_MS);
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
          openDatabase: () => PgliteDatabase.open({ dataDir }),
        };
        const end = await finishCrashRun(run);
        publishCrashReport('crash-pglite', `crash.pglite: ${CUSTOMERS} customers, ${CLIENTS} clients, 2 × SIGKILL`, run, end);
        expectCleanCrashRun(run, end);
      } finally {
        client.close();
        await server.kill();
        await rm(dataDir, { recursive: true, force: true });
        forgetDataDir();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
