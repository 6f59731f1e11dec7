import type { Config } from '../config.js';
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite.js';
import { PostgresDatabase } from './postgres.js';

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolMax' | 'databaseConnectTimeoutMs'>,
): Promise<Database> {
  if (config.databaseUrl)
    return new PostgresDatabase(config.databaseUrl, { poolMax: config.databasePoolMax, connectTimeoutMs: config.databaseConnectTimeoutMs });
  return PgliteDatabase.open({ dataDir: config.dataDir });
}
