import { describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/postgres.js';
import { createCustomers, fundAccounts } from './customers.js';
import { FaultInjector, type FaultTimings } from './fault-actions.js';
import { FaultLog } from './fault-windows.js';
import { type CrashRun, expectCleanCrashRun, finishCrashRun, publishCrashReport } from './finish-run.js';
import { HttpClient } from './http-client.js';
import { PgBouncerInstance, pgbouncerBinary } from './pgbouncer-instance.js';
import { PostgresInstance } from './postgres-instance.js';
import { ReadinessMonitor } from './readiness-monitor.js';
import { ServerProcess, serverEnv } from './server-process.js';
import { TransferLoad } from './transfer-load.js';

/**
 * Issue 8, item 1: PgBouncer restarts under the server. A cluster of the test's own, a PgBouncer
 * of its own in front of it (pgbouncer-instance.ts: session pooling, the server's startup
 * parameters ignored and set on the database instead), the real server's DATABASE_URL pointed at PgBouncer. Under load PgBouncer is SIGKILLed
 * and started again, and the cluster behind it restarted (fast, then immediate): the server answers
 * 503 in those windows only, never dies, 201s come back, and the database holds every acknowledged
 * transfer exactly once. Runs in the PostgreSQL pass of the suite when pgbouncer is installed.
 */

const DATABASE = 'kassa';
const CUSTOMERS = 4;
const CLIENTS = 6;
const FUNDING_PER_ACCOUNT_MINOR = 100_000_000n;
/** Successful transfers to wait for before the first fault and after each one: the load is really running. */
const SUCCESSES_BETWEEN_FAULTS = 60;
const SUCCESS_WAIT_TIMEOUT_MS = 20_000;
const REPLAYS_MAX = 40;
const READY_WAIT_TIMEOUT_MS = 10_000;
/** From a fault's start to the first 201 after it: well inside the test's bound. */
const RECOVERY_MAX_MS = 15_000;
// Normally under 30 s; the margin is for a loaded CI machine.
const TEST_TIMEOUT_MS = 240_000;

describe.runIf(Boolean(process.env.DATABASE_URL) && pgbouncerBinary() !== null)(
  'PgBouncer in front of PostgreSQL (PgBouncer SIGKILLed and restarted, the cluster behind it restarted, under load)',
  () => {
    it(
      'answers 503 and never 500 while PgBouncer or the database is away, never dies, is back by itself, and keeps every acknowledged transfer exactly once',
      async () => {
        const cluster = await PostgresInstance.create({ databases: [DATABASE] });
        let bouncer: PgBouncerInstance | null = null;
        let server: ServerProcess | null = null;
        let client: HttpClient | null = null;
        try {
          // PgBouncer drops the server's startup parameters (ignore_startup_parameters); behind it
          // the settings come from the database, as an operator sets them.
          await cluster.admin(async (admin) => {
            await admin.query(`ALTER DATABASE ${DATABASE} SET plan_cache_mode = force_custom_plan`);
            await admin.query(`ALTER DATABASE ${DATABASE} SET statement_timeout = '30s'`);
          });
          bouncer = await PgBouncerInstance.create(cluster);
          const pooler = bouncer;
          server = await ServerProcess.create(serverEnv({ databaseUrl: bouncer.url(DATABASE) }));
          client = new HttpClient(server.port, CLIENTS + 2);
          await server.start();
          const customers = await createCustomers(client, CUSTOMERS);
          const setup = new PostgresDatabase(bouncer.url(DATABASE), 2);
          try {
            // The same options as the server's connections, through PgBouncer.
            const settings = await setup.query<{ name: string; setting: string }>(
              "SELECT name, setting FROM pg_settings WHERE name IN ('plan_cache_mode', 'statement_timeout') ORDER BY name",
            );
            expect(settings.rows).toEqual([
              { name: 'plan_cache_mode', setting: 'force_custom_plan' },
              { name: 'statement_timeout', setting: '30000' },
            ]);
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
          const restartBouncer = () =>
            injector.perform('pgbouncer-restart', async () => {
              await pooler.kill();
              await pooler.start();
            });
          const readyAgain: boolean[] = [];
          const done: FaultTimings[] = [];
          for (const fault of [restartBouncer, () => injector.restartDatabase('fast'), () => injector.restartDatabase('immediate')]) {
            const timings = await fault();
            done.push(timings);
            await load.waitForSuccesses(timings.fault.actionEndedAtMs as number, SUCCESSES_BETWEEN_FAULTS, SUCCESS_WAIT_TIMEOUT_MS);
            await injector.settle();
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
          const recoveries = done.map(({ fault }) => (fault.firstCreatedAtMs === null ? null : fault.firstCreatedAtMs - fault.startedAtMs));
          const bouncerRecoveryMs = recoveries[0] ?? null;
          publishCrashReport(
            'pgbouncer-postgres',
            `pgbouncer.postgres: ${CUSTOMERS} customers, ${CLIENTS} clients, server → PgBouncer ${pgbouncerBinary()} (port ${bouncer.port}, session pooling) → own cluster (port ${cluster.port}); PgBouncer SIGKILL + start, pg_ctl restart -m fast, stop -m immediate + start`,
            run,
            end,
            [`  PgBouncer recovery (SIGKILL → first 201): ${bouncerRecoveryMs === null ? 'never' : `${Math.round(bouncerRecoveryMs)} ms`}`],
          );
          expectCleanCrashRun(run, end);

          // Inside each window: 503s, no other 5xx and no dropped HTTP connection (the server was never down).
          expect(
            done.map(({ fault }) => ({ kind: fault.kind, otherServerErrors: fault.otherServerErrors, networkErrors: fault.networkErrors })),
          ).toEqual(done.map(({ fault }) => ({ kind: fault.kind, otherServerErrors: 0, networkErrors: 0 })));
          for (const recoveryMs of recoveries) {
            expect(recoveryMs).not.toBeNull();
            expect(recoveryMs as number).toBeLessThan(RECOVERY_MAX_MS);
          }
          expect(readyAgain, JSON.stringify(readiness.changes)).toEqual([true, true, true]);
          expect(end.stopCode).toBe(0);
        } catch (error) {
          throw new Error(
            `${String(error)}\n--- PgBouncer log ---\n${bouncer?.logTail(3000) ?? ''}\n--- PostgreSQL log ---\n${cluster.logTail(2000)}\n--- server stderr ---\n${server?.stderr.slice(-3000) ?? ''}\n--- server log ---\n${server?.stdout.slice(-3000) ?? ''}`,
            { cause: error },
          );
        } finally {
          client?.close();
          await server?.kill();
          await bouncer?.destroy();
          await cluster.destroy();
        }
      },
      TEST_TIMEOUT_MS,
    );
  },
);
