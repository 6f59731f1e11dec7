import pg from 'pg';
import { runCommand } from '../../apps/server/test/crash/run-command.js';

/**
 * pgbench, the yardstick: PostgreSQL's built-in TPC-B-like transaction on the same server in the
 * same run, in a database of its own that is dropped afterwards. Also the few maintenance steps
 * the bench takes on a server (recreate a database), always through a maintenance URL.
 */

export const PGBENCH_SCALE = 10;
export const PGBENCH_CLIENTS = 8;
export const PGBENCH_THREADS = 2;
const PGBENCH_DATABASE = 'kassa_bench_pgbench';
const PGBENCH_INIT_TIMEOUT_MS = 300_000;
/** pgbench -T stops itself; this is the margin for its connections and its report. */
const PGBENCH_RUN_MARGIN_MS = 60_000;

export interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
}

/** The URL of database `name` on the server of `maintenanceUrl`. */
export function databaseUrl(maintenanceUrl: string, name: string): string {
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(maintenanceUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(maintenanceUrl: string, name: string): Promise<void> {
  await admin(maintenanceUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}

export async function measurePgbench(maintenanceUrl: string, seconds: number): Promise<PgbenchResult> {
  await recreateDatabase(maintenanceUrl, PGBENCH_DATABASE);
  const url = databaseUrl(maintenanceUrl, PGBENCH_DATABASE);
  try {
    await runCommand('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), url], { timeoutMs: PGBENCH_INIT_TIMEOUT_MS });
    const output = await runCommand(
      'pgbench',
      ['-c', String(PGBENCH_CLIENTS), '-j', String(PGBENCH_THREADS), '-M', 'prepared', '-T', String(seconds), url],
      { timeoutMs: seconds * 1000 + PGBENCH_RUN_MARGIN_MS },
    );
    const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(output)?.[1];
    if (!tps) throw new Error(`no TPS in pgbench output:\n${output}`);
    const latency = /latency average = ([0-9.]+) ms/.exec(output)?.[1];
    return { tps: Number(tps), latencyMs: latency ? Number(latency) : null };
  } finally {
    await admin(maintenanceUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${PGBENCH_DATABASE} WITH (FORCE)`));
  }
}
