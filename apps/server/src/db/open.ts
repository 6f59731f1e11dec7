import type { Config } from '../config.js';
import type { Database } from './database.js';
import { PostgresDatabase } from './postgres.js';

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolMax' | 'databaseConnectTimeoutMs'>,
): Promise<Database> {
  if (config.databaseUrl)
    return new PostgresDatabase(config.databaseUrl, { poolMax: config.databasePoolMax, connectTimeoutMs: config.databaseConnectTimeoutMs });
  // PGlite (a WASM PostgreSQL) is loaded only in the embedded mode: a server on PostgreSQL starts faster without it.
  const { PgliteDatabase } = await import('./pglite.js');
  return PgliteDatabase.open({ dataDir: config.dataDir });
}
