import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../apps/server/src/db/database.js';
import { openDatabase } from '../../apps/server/src/db/open.js';
import { removeOnExit } from '../../apps/server/test/crash/exit-cleanup.js';
import { PostgresInstance } from '../../apps/server/test/crash/postgres-instance.js';
import { SETUP_CONCURRENCY } from './customers.js';
import { PostgresPhaseStatistics } from './pg-statements.js';
import { databaseUrl, recreateDatabase } from './pgbench.js';
import { postgresCpuSeconds } from './proc-stats.js';

/**
 * The database the server under test runs on, one of three:
 *   shared  the PostgreSQL of DATABASE_URL (a maintenance database), as the bench always did;
 *   own     BENCH_OWN_POSTGRES: a throwaway cluster of the bench's own (PostgresInstance) with
 *           PostgreSQL's default sizes and pg_stat_statements, destroyed at the end;
 *   pglite  --pglite / BENCH_PGLITE: the embedded PGlite in a fresh temporary DATA_DIR, which
 *           only one process may open at a time (the server, or the bench while it is stopped).
 */

export const KASSA_DATABASE = 'kassa_bench';
const DIRECT_CONNECT_TIMEOUT_MS = 5000;

export type TargetKind = 'shared' | 'own' | 'pglite';

export interface BenchTarget {
  readonly kind: TargetKind;
  readonly description: string;
  /** DATABASE_URL of the bench database, or DATA_DIR for the embedded PGlite. */
  readonly serverEnv: Record<string, string>;
  /** The maintenance database pgbench runs beside, or null where there is no PostgreSQL server. */
  readonly pgbenchMaintenanceUrl: string | null;
  /** CPU seconds of the PostgreSQL processes the server uses, or null (PGlite runs inside the server). */
  readonly postgresCpuSeconds: (() => number) | null;
  /** Recreates the bench database (after pgbench, as before); returns pg_stat_statements in the own mode. */
  prepare(): Promise<PostgresPhaseStatistics | null>;
  /** `work` on a direct connection to the bench database, closed after it; PGlite only while no server runs. */
  direct<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** Ends what the target started (the own cluster, the temporary data directory). */
  destroy(): Promise<void>;
}

/** The own cluster's postgresql.conf lines after the harness's: PostgreSQL's defaults but for the extension. */
const OWN_CLUSTER_SETTINGS = [
  "shared_preload_libraries = 'pg_stat_statements'",
  'pg_stat_statements.track = all',
  'shared_buffers = 128MB',
  'max_connections = 100',
  'fsync = on',
  'synchronous_commit = on',
];

async function directPostgres<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({
    databaseUrl: url,
    dataDir: '',
    databasePoolMax: SETUP_CONCURRENCY,
    databaseConnectTimeoutMs: DIRECT_CONNECT_TIMEOUT_MS,
  });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function postgresTarget(kind: 'shared' | 'own', maintenanceUrl: string, postmasterPid: number | null, destroy: () => Promise<void>) {
  const url = databaseUrl(maintenanceUrl, KASSA_DATABASE);
  const target: BenchTarget = {
    kind,
    description: kind === 'shared' ? 'PostgreSQL of DATABASE_URL' : 'PostgreSQL cluster of the bench (default sizes, pg_stat_statements)',
    serverEnv: { DATABASE_URL: url },
    pgbenchMaintenanceUrl: maintenanceUrl,
    postgresCpuSeconds: () => postgresCpuSeconds(postmasterPid),
    async prepare() {
      await recreateDatabase(maintenanceUrl, KASSA_DATABASE);
      return kind === 'own' ? PostgresPhaseStatistics.attach(url) : null;
    },
    direct: (work) => directPostgres(url, work),
    destroy,
  };
  return target;
}

export async function openTarget(kind: TargetKind, sharedMaintenanceUrl: string | undefined): Promise<BenchTarget> {
  if (kind === 'shared') {
    if (!sharedMaintenanceUrl) throw new Error('the shared mode needs DATABASE_URL');
    return postgresTarget('shared', sharedMaintenanceUrl, null, async () => {});
  }
  if (kind === 'own') {
    const instance = await PostgresInstance.create({ settings: OWN_CLUSTER_SETTINGS });
    return postgresTarget('own', instance.url(), instance.postmasterPid(), () => instance.destroy());
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'kassa-bench-pglite-'));
  const forgetDataDir = removeOnExit(dataDir);
  return {
    kind,
    description: `embedded PGlite in ${dataDir}`,
    serverEnv: { DATA_DIR: dataDir },
    pgbenchMaintenanceUrl: null,
    postgresCpuSeconds: null,
    prepare: async () => null,
    async direct(work) {
      const db = await openDatabase({
        databaseUrl: null,
        dataDir,
        databasePoolMax: 1,
        databaseConnectTimeoutMs: DIRECT_CONNECT_TIMEOUT_MS,
      });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    },
    async destroy() {
      await rm(dataDir, { recursive: true, force: true });
      forgetDataDir();
    },
  };
}
