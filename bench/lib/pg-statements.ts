import pg from 'pg';
import { sleep } from './http-client.js';

/**
 * BENCH_OWN_POSTGRES: what PostgreSQL did per transfer in each phase, from the bench's own
 * cluster (pg_stat_statements is preloaded there; the shared server is never reconfigured).
 * Statements are reset before each phase; WAL is the difference of pg_current_wal_lsn(), commits
 * the difference of pg_stat_database.xact_commit of the bench database (which also counts the
 * handful of reads and the reset this class makes itself). All three are read STATS_FLUSH_WAIT_MS
 * after the phase, so they hold what the phase left to the server's background worker too (the
 * outbox deliveries of its notices), and the worker's idle polls of that pause.
 */

const STATEMENTS_SHOWN = 15;
const QUERY_CHARS = 100;
/**
 * A PostgreSQL backend adds its commits to pg_stat_database when it goes idle, at most once a
 * second; what it holds back then is flushed after PGSTAT_IDLE_INTERVAL (10 s) of idleness. The
 * counters are read this long after a phase so that they hold all of the phase's commits and
 * none of the next one's.
 */
const STATS_FLUSH_WAIT_MS = 11_000;

export interface StatementLine {
  callsPerTransfer: number;
  meanUsPerCall: number;
  totalUsPerTransfer: number;
  rowsPerCall: number;
  /** Run inside another statement (a trigger's expression): counted in its caller's time too. */
  nested: boolean;
  query: string;
}

export interface PhaseStatements {
  top: StatementLine[];
  /** Top-level statements only, so that a trigger's statements are not counted twice. */
  totalUsPerTransfer: number;
  statementsPerTransfer: number;
  walBytesPerTransfer: number;
  commitsPerTransfer: number;
  /** Checkpoints that began during the phase or the wait after it: their writes and the full-page images after them slow commits. */
  checkpoints: number;
}

interface Counters {
  walLsn: string;
  commits: number;
  checkpoints: number;
}

export class PostgresPhaseStatistics {
  readonly #client: pg.Client;
  #before: Counters | null = null;
  /** Whether the last thing measured was a phase whose commits have been flushed since. */
  #settled = false;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  /** Connects to the bench database and creates the extension there (before the server starts). */
  static async attach(benchDatabaseUrl: string): Promise<PostgresPhaseStatistics> {
    const client = new pg.Client({ connectionString: benchDatabaseUrl });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    } catch (error) {
      await client.end();
      throw error;
    }
    return new PostgresPhaseStatistics(client);
  }

  async begin(): Promise<void> {
    // The set-up before the first phase may still be held back in the backends' counters.
    if (!this.#settled) await sleep(STATS_FLUSH_WAIT_MS);
    this.#settled = false;
    this.#before = { walLsn: await this.#walLsn(), commits: await this.#commits(), checkpoints: await this.#checkpoints() };
    await this.#client.query('SELECT pg_stat_statements_reset()');
  }

  async end(transfers: number): Promise<PhaseStatements> {
    const before = this.#before;
    if (!before) throw new Error('PostgresPhaseStatistics.end without begin');
    await sleep(STATS_FLUSH_WAIT_MS);
    this.#settled = true;
    const walBytes = Number(
      (await this.#client.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS bytes', [before.walLsn]))
        .rows[0]?.bytes,
    );
    const { rows } = await this.#client.query<{ calls: string; total_ms: number; rows: string; toplevel: boolean; query: string }>(
      `SELECT calls::text, total_exec_time AS total_ms, rows::text, toplevel, query
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'
        ORDER BY total_exec_time DESC`,
    );
    const commits = (await this.#commits()) - before.commits;
    const perTransfer = (value: number) => value / Math.max(1, transfers);
    const topLevel = rows.filter((row) => row.toplevel);
    return {
      top: rows.slice(0, STATEMENTS_SHOWN).map((row) => ({
        callsPerTransfer: perTransfer(Number(row.calls)),
        meanUsPerCall: (1000 * row.total_ms) / Math.max(1, Number(row.calls)),
        totalUsPerTransfer: perTransfer(1000 * row.total_ms),
        rowsPerCall: Number(row.rows) / Math.max(1, Number(row.calls)),
        nested: !row.toplevel,
        query: row.query.replace(/\s+/g, ' ').trim().slice(0, QUERY_CHARS),
      })),
      totalUsPerTransfer: perTransfer(1000 * topLevel.reduce((sum, row) => sum + row.total_ms, 0)),
      statementsPerTransfer: perTransfer(topLevel.reduce((sum, row) => sum + Number(row.calls), 0)),
      walBytesPerTransfer: perTransfer(walBytes),
      commitsPerTransfer: perTransfer(commits),
      checkpoints: (await this.#checkpoints()) - before.checkpoints,
    };
  }

  async close(): Promise<void> {
    await this.#client.end();
  }

  async #walLsn(): Promise<string> {
    return String((await this.#client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn);
  }

  async #checkpoints(): Promise<number> {
    const { rows } = await this.#client.query<{ count: string }>(
      'SELECT (checkpoints_timed + checkpoints_req)::text AS count FROM pg_stat_bgwriter',
    );
    return Number(rows[0]?.count);
  }

  async #commits(): Promise<number> {
    const { rows } = await this.#client.query<{ commits: string }>(
      'SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]?.commits);
  }
}
