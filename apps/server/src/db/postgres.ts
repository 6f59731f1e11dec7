import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, QueryResult, TransactionOptions, Tx } from './database.js';
import { type PostgresTargets, parsePostgresTargets } from './postgres-hosts.js';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './unavailable.js';

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

/** Connection settings that are not in the connection string. */
export interface PostgresOptions {
  poolMax: number;
  /** A connection attempt that takes longer fails (503), instead of holding the request. */
  connectTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS_DEFAULT = 5000;
const KEEPALIVE_INITIAL_DELAY_MS = 10_000;

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #targets: PostgresTargets;
  /** The host new connections go to; moves on when a host refuses or answers read-only. */
  #hostIndex = 0;
  #connectionErrorListener: (error: Error) => void = () => {};

  constructor(connectionString: string, options: PostgresOptions | number) {
    const { poolMax, connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT } = typeof options === 'number' ? { poolMax: options } : options;
    this.#targets = parsePostgresTargets(connectionString);
    const targets = this.#targets;
    const database = this;
    // Each new connection goes to the host currently believed to be the right one.
    class TargetedClient extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionString: targets.connectionStrings[database.#hostIndex] });
      }
    }
    this.#pool = new pg.Pool({
      Client: TargetedClient,
      max: poolMax,
      connectionTimeoutMillis: connectTimeoutMs,
      // A peer that vanished without a FIN (a failed host, a cut network) is noticed by TCP.
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
      // A statement that runs this long is a bug or an attack, not a workload.
      statement_timeout: 30_000,
      // A prepared statement's cached generic plan is made once, from the table sizes of that
      // moment: a plan chosen while a table was nearly empty (a seq scan) stayed in use as it grew
      // to millions of rows, until the next ANALYZE (docs/BENCHMARKS.md). Custom plans are made
      // for each execution from the actual parameters; parsing is still saved.
      options: '-c plan_cache_mode=force_custom_plan',
      idleTimeoutMillis: 30_000,
      // libpq's target_session_attrs=read-write: a server that is (still, or again) a standby is
      // not the primary; the connection fails and the next host is tried.
      ...(targets.targetSessionAttrs === 'any' ? {} : { verify: verifyWritable }),
    });
    // A connection that dies idle in the pool is replaced by the pool; one that dies while checked
    // out fails the statement in flight (a 503 for its request). Without a listener on each, the
    // 'error' event of a terminated backend (57P01 at a restart) would end the process.
    this.#pool.on('error', (error) => this.#connectionErrorListener(error));
    this.#pool.on('connect', (client) => {
      client.on('error', (error) => this.#connectionErrorListener(error));
    });
  }

  /** Told of every connection that broke (for readiness and logs); never of statement errors. */
  onConnectionError(listener: (error: Error) => void): void {
    this.#connectionErrorListener = listener;
  }

  /**
   * A pooled connection, trying each listed host once when connecting fails: nothing was sent
   * yet, so trying the next one is safe. A single host fails at once, and the caller answers 503.
   */
  async #checkout(): Promise<pg.PoolClient> {
    const hostsCount = this.#targets.connectionStrings.length;
    for (let attempt = 1; ; attempt += 1) {
      const tried = this.#hostIndex;
      try {
        return await this.#pool.connect();
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        if (this.#hostIndex === tried) this.#hostIndex = (tried + 1) % hostsCount;
        if (attempt >= hostsCount) throw error;
      }
    }
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const client = await this.#checkout();
    try {
      const result = await client.query(queryConfig(sql, params));
      client.release();
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      // A broken connection is destroyed; a statement error leaves a healthy one for reuse.
      client.release(isDatabaseUnavailable(error));
      throw error;
    }
  }

  async exec(sql: string): Promise<void> {
    const client = await this.#checkout();
    try {
      await client.query(sql);
      client.release();
    } catch (error) {
      client.release(isDatabaseUnavailable(error));
      throw error;
    }
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.#checkout();
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

/** Refuses a server that does not accept writes: a standby, or a primary being demoted. */
function verifyWritable(client: pg.PoolClient, done: (error?: Error) => void): void {
  client.query('SHOW transaction_read_only').then(
    (result) => {
      const readOnly = (result.rows[0] as { transaction_read_only?: string } | undefined)?.transaction_read_only === 'on';
      done(readOnly ? new DatabaseUnavailableError('server is in read-only mode (target_session_attrs=read-write)') : undefined);
    },
    (error: Error) => done(error),
  );
}
