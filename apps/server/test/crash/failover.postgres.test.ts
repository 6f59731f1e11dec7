import { describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/postgres.js';
import { createCustomers, fundAccounts } from './customers.js';
import { FaultInjector } from './fault-actions.js';
import { FaultLog } from './fault-windows.js';
import { type CrashRun, expectCleanCrashRun, finishCrashRun, publishCrashReport } from './finish-run.js';
import { HttpClient } from './http-client.js';
import { sleep } from './ports.js';
import { PostgresInstance } from './postgres-instance.js';
import { ReadinessMonitor } from './readiness-monitor.js';
import { ServerProcess, serverEnv } from './server-process.js';
import { TransferLoad } from './transfer-load.js';

/**
 * Issue 8, item 1: a standby promoted under the server. A primary of the test's own with a
 * synchronous streaming standby (so no acknowledged commit can be lost at the failover); the real
 * server is given both in one libpq-style connection string, the STANDBY first and
 * target_session_attrs=read-write, and must pass over the standby to the primary. Under load the
 * primary is stopped (immediate: no goodbye to the clients) and the standby promoted: the server
 * answers 503 in the gap, never a 500 and never dies, finds the new primary by itself (201s
 * again, /readyz back to 200), and every acknowledged transfer is on the new primary exactly once.
 */

const DATABASE = 'kassa';
const STANDBY_NAME = 'kassa_standby';
const CUSTOMERS = 4;
const CLIENTS = 6;
const FUNDING_PER_ACCOUNT_MINOR = 100_000_000n;
/** Successful transfers to wait for before the failover and after it: the load is really running. */
const SUCCESSES_AROUND_FAULT = 60;
const SUCCESS_WAIT_TIMEOUT_MS = 20_000;
const REPLAYS_MAX = 40;
const READY_WAIT_TIMEOUT_MS = 10_000;
/** The server says "not ready" this soon after losing its primary, or the run fails. */
const GAP_NOTICED_TIMEOUT_MS = 5000;
/** From stopping the primary to the first 201 on the promoted standby: well inside the test's bound. */
const RECOVERY_MAX_MS = 15_000;
// Normally under 30 s; the margin is for a loaded CI machine.
const TEST_TIMEOUT_MS = 240_000;

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadlineMs = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadlineMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Client backends connected to `database` on `cluster` (the caller's own connection is to another database). */
async function clientBackends(cluster: PostgresInstance, database: string): Promise<number> {
  return cluster.admin(
    async (client) =>
      (
        await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
          [database],
        )
      ).rows[0]?.n ?? 0,
  );
}

describe.runIf(Boolean(process.env.DATABASE_URL))('failover on PostgreSQL (a synchronous standby promoted under load)', () => {
  it(
    'finds the primary behind a listed standby, answers 503 and never 500 while there is no primary, finds the promoted standby by itself, and loses no acknowledged transfer',
    async () => {
      const primary = await PostgresInstance.create({ databases: [DATABASE] });
      let standby: PostgresInstance | null = null;
      let server: ServerProcess | null = null;
      let client: HttpClient | null = null;
      try {
        standby = await primary.createStandby({ name: STANDBY_NAME, synchronous: true });
        expect(await standby.inRecovery()).toBe(true);
        const replication = await primary.admin(
          async (admin) =>
            (
              await admin.query<{ sync_state: string; setting: string }>(
                "SELECT sync_state, current_setting('synchronous_standby_names') AS setting FROM pg_stat_replication WHERE application_name = $1",
                [STANDBY_NAME],
              )
            ).rows,
        );
        expect(replication).toEqual([{ sync_state: 'sync', setting: STANDBY_NAME }]);

        // libpq's order: the standby is tried first and refused (read-only), the primary second.
        const databaseUrl = `postgres://postgres@127.0.0.1:${standby.port},127.0.0.1:${primary.port}/${DATABASE}?target_session_attrs=read-write`;
        server = await ServerProcess.create(serverEnv({ databaseUrl }));
        client = new HttpClient(server.port, CLIENTS + 2);
        await server.start();
        // Registration wrote rows: the server is on the primary. Its connections are all there.
        const customers = await createCustomers(client, CUSTOMERS);
        expect(await clientBackends(primary, DATABASE)).toBeGreaterThan(0);
        expect(await clientBackends(standby, DATABASE)).toBe(0);
        const setup = new PostgresDatabase(databaseUrl, 2);
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
        const injector = new FaultInjector({ server, faults });
        const load = new TransferLoad({ client, customers, faults, clients: CLIENTS });
        const readiness = new ReadinessMonitor(server);
        readiness.start();
        load.start();
        await load.waitForSuccesses(load.startedAtMs, SUCCESSES_AROUND_FAULT, SUCCESS_WAIT_TIMEOUT_MS);
        const promoted = standby;
        const done = await injector.perform('database-failover', async () => {
          await primary.stop('immediate');
          // No primary until /readyz has said so: a failover takes at least that long in practice
          // (pg_ctl alone is about as quick as the 100 ms sampling), and the server must notice.
          await waitFor(() => readiness.status === 503, GAP_NOTICED_TIMEOUT_MS, '/readyz 503 after the primary stopped');
          await promoted.promote();
        });
        await load.waitForSuccesses(done.fault.actionEndedAtMs as number, SUCCESSES_AROUND_FAULT, SUCCESS_WAIT_TIMEOUT_MS);
        await injector.settle();
        const readyAgain = await readiness.waitForReady(READY_WAIT_TIMEOUT_MS);
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
          // Read from the promoted standby alone: what the failover kept is what counts.
          openDatabase: async () => new PostgresDatabase(promoted.url(DATABASE), 2),
        };
        const end = await finishCrashRun(run);
        const newPrimaryInRecovery = await standby.inRecovery();
        const { fault } = done;
        const recoveryMs = fault.firstCreatedAtMs === null ? null : fault.firstCreatedAtMs - fault.startedAtMs;
        const outage = readiness.outage(fault.startedAtMs);
        publishCrashReport(
          'failover-postgres',
          `failover.postgres: ${CUSTOMERS} customers, ${CLIENTS} clients, primary (port ${primary.port}) stopped -m immediate and its synchronous standby (port ${standby.port}) promoted; DATABASE_URL lists the standby first, target_session_attrs=read-write`,
          run,
          end,
          [
            `  failover recovery (primary stopped → first 201 on the promoted standby): ${recoveryMs === null ? 'never' : `${Math.round(recoveryMs)} ms`}`,
          ],
        );
        // Synchronous replication: nothing acknowledged is missing from the new primary.
        expectCleanCrashRun(run, end);
        // In the gap: 503s (requests were in flight when the primary went), nothing else.
        expect({ otherServerErrors: fault.otherServerErrors, networkErrors: fault.networkErrors, samples: fault.samples }).toEqual({
          otherServerErrors: 0,
          networkErrors: 0,
          samples: fault.samples.filter((sample) => sample.startsWith('503 ')),
        });
        expect(fault.unavailable503).toBeGreaterThan(0);
        expect(recoveryMs).not.toBeNull();
        expect(recoveryMs as number).toBeLessThan(RECOVERY_MAX_MS);
        // /readyz said 503 while there was no primary and 200 again by itself.
        expect({ downStatus: outage.downStatus, up: outage.upAtMs !== null, readyAgain }, JSON.stringify(readiness.changes)).toEqual({
          downStatus: 503,
          up: true,
          readyAgain: true,
        });
        expect(newPrimaryInRecovery).toBe(false);
        expect(end.stopCode).toBe(0);
      } catch (error) {
        throw new Error(
          `${String(error)}\n--- primary log ---\n${primary.logTail(2000)}\n--- standby log ---\n${standby?.logTail(2000) ?? ''}\n--- server stderr ---\n${server?.stderr.slice(-3000) ?? ''}\n--- server log ---\n${server?.stdout.slice(-3000) ?? ''}`,
          { cause: error },
        );
      } finally {
        client?.close();
        await server?.kill();
        await standby?.destroy();
        await primary.destroy();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
