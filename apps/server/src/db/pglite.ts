import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, TransactionOptions, Tx } from './database.js';

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function wrap(target: PgliteLike): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * PGlite is a single connection: its transactions run one after another, which gives the same
 * results as PostgreSQL's row locks with less concurrency. Good for a laptop and for tests.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly #queryable: Queryable;

  private constructor(readonly pglite: PGlite) {
    this.#queryable = wrap(pglite);
  }

  /** `dataDir` null keeps everything in memory; `loadDataDir` clones a template (tests). */
  static async open(options: { dataDir: string | null; loadDataDir?: Blob }): Promise<PgliteDatabase> {
    const pglite = await PGlite.create({
      // int8 always as bigint, as from node-postgres: PGlite's default gives a number when it fits.
      parsers: { [types.INT8]: (value: string) => BigInt(value) },
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    return new PgliteDatabase(pglite);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.#queryable.query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.#queryable.exec(sql);
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.pglite.transaction(async (transaction) => {
      if (options.isolation) await transaction.exec(`SET TRANSACTION ISOLATION LEVEL ${options.isolation}`);
      const tx = { ...wrap(transaction), inTransaction: true as const };
      return work(tx);
    });
  }

  poolStats() {
    return { total: 1, idle: 1, waiting: 0 };
  }

  /** A copy of the whole data directory, to clone per test file. */
  async dump(): Promise<Blob> {
    return (await this.pglite.dumpDataDir('none')) as Blob;
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
