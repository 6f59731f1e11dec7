/**
 * The database port. Two adapters implement it with the same SQL: PGlite (PostgreSQL compiled
 * to WASM, in-process) for the embedded mode and tests, and node-postgres for a real server.
 * int8 columns come back as bigint from both, so money never passes through a float.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A handle valid only inside `Database.transaction`. Functions that need one take it first. */
export type Tx = Queryable & { readonly inTransaction: true };

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface TransactionOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  poolStats(): PoolStats;
  /** Told when a pooled connection breaks (a server restart, a failover); PGlite has none to lose. */
  onConnectionError?(listener: (error: Error) => void): void;
  close(): Promise<void>;
}
