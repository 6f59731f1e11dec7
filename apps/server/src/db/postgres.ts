import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, QueryResult, TransactionOptions, Tx } from './database.js';

// int8 (oid 20) as bigint: money columns are bigint minor units and must never become floats.
pg.types.setTypeParser(20, (value) => BigInt(value));

/**
 * Parameterised statements run as named prepared statements, so PostgreSQL parses and plans each
 * once per connection instead of on every call: on the transfer path that was most of the
 * database's CPU (docs/BENCHMARKS.md). The SQL texts are constants of the code base; the cap
 * only guards against a text built from data, which then runs unprepared.
 */
const PREPARED_STATEMENTS_MAX = 1000;
const statementNames = new Map<string, string>();

function queryConfig(sql: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < PREPARED_STATEMENTS_MAX) {
    name = `k_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name === undefined ? { text: sql, values: params as unknown[] } : { name, text: sql, values: params as unknown[] };
}

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;

  constructor(connectionString: string, poolMax: number) {
    this.#pool = new pg.Pool({
      connectionString,
      max: poolMax,
      // A statement that runs this long is a bug or an attack, not a workload.
      statement_timeout: 30_000,
      // A prepared statement's cached generic plan is made once, from the table sizes of that
      // moment: a plan chosen while a table was nearly empty (a seq scan) stayed in use as it grew
      // to millions of rows, until the next ANALYZE (docs/BENCHMARKS.md). Custom plans are made
      // for each execution from the actual parameters; parsing is still saved.
      options: '-c plan_cache_mode=force_custom_plan',
      idleTimeoutMillis: 30_000,
    });
    // A dropped idle connection must not crash the process; the pool replaces it.
    this.#pool.on('error', () => {});
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const result = await this.#pool.query(queryConfig(sql, params));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.#pool.query(sql);
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation}` : 'BEGIN');
      const tx: Tx = {
        inTransaction: true,
        async query<Row>(sql: string, params: readonly unknown[] = []) {
          const result = await client.query(queryConfig(sql, params));
          return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
      };
      const value = await work(tx);
      await client.query('COMMIT');
      client.release();
      return value;
    } catch (error) {
      // A failed ROLLBACK means the connection is broken: destroy it instead of reusing it.
      await client.query('ROLLBACK').then(
        () => client.release(),
        () => client.release(true),
      );
      throw error;
    }
  }

  poolStats() {
    return { total: this.#pool.totalCount, idle: this.#pool.idleCount, waiting: this.#pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
