import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config, RetentionWindows } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { PURGE_BATCH_ROWS_MAX } from '../../db/purge.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Clock } from '../../shared/clock.js';
import { expireApprovals } from '../approvals/index.js';
import { purgeExpired as purgeAuth } from '../auth/index.js';
import { purgeExpired as purgeCards } from '../cards/index.js';
import { purgeExpired as purgeIdentity } from '../identity/index.js';
import { purgeExpired as purgeNotifications } from '../notifications/index.js';
import { purgeExpired as purgeOperations } from '../operations/index.js';
import { purgeExpired as purgeServicePayments } from '../payments/index.js';
import { purgeExpired as purgePhoneChange } from '../phone-change/index.js';
import { purgeExpired as purgeRisk } from '../risk/index.js';
import { purgeExpired as purgeSca } from '../sca/index.js';
import { purgeExpired as purgeStaff } from '../staff/index.js';

/** One module's purge: one bounded batch per table of its own, rows deleted per table. */
export type Purge = (db: Queryable, now: Date, windows: RetentionWindows) => Promise<Record<string, number>>;

/**
 * Every table with personal data and an end of use, by the module that owns it (SECURITY.md 35).
 * Not here, on purpose: the audit log (append-only evidence, SECURITY.md 31) and the ledger, the
 * operations and the customers (records the bank keeps by law for years; their end is an archive
 * procedure, not a purge). One entry deletes nothing: the approvals' expiry sweep, which marks
 * the maker-checker requests past their time expired on the same schedule (a batch of its own).
 */
export const PURGES: readonly Purge[] = [
  purgeIdentity,
  purgeSca,
  purgeAuth,
  purgeOperations,
  purgeRisk,
  purgeNotifications,
  purgeStaff,
  purgePhoneChange,
  purgeCards,
  purgeServicePayments,
  expireApprovals,
];

/**
 * Batches per table in one run. A full batch means more is waiting, so the run goes on, up to
 * this many; a backlog larger than PASSES × PURGE_BATCH_ROWS_MAX rows waits for the next run.
 */
const PURGE_PASSES_MAX = 20;
/** While the database is away the worker looks again this much sooner than its interval. */
const PAUSED_RETRY_DIVISOR = 10;

/**
 * Runs every module's purge on a schedule, inside the server process like the outbox worker.
 * Safe with several servers: each batch is one short DELETE that skips locked rows, so two
 * servers purging at once split the rows, and a run that dies leaves the rest for the next one.
 */
export class RetentionWorker {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<Record<string, number>> | null = null;
  #stopped = true;
  /** Set by stop(): a run in progress finishes its batch and does not start another. */
  #closing = false;

  constructor(
    private readonly db: Queryable,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly config: Config['retention'],
    /** False while the database is away: the worker waits rather than log a failure per run. */
    private readonly databaseReady: () => boolean = () => true,
    private readonly purges: readonly Purge[] = PURGES,
  ) {}

  /** One run: batches until no table has a full one left (or PURGE_PASSES_MAX). Rows deleted per table. */
  runOnce(): Promise<Record<string, number>> {
    if (!this.#running) {
      this.#running = this.#run().finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#closing = false;
    // A random first delay: servers started together do not purge in step, and a server that
    // restarts more often than the interval still gets to purge.
    this.#schedule(randomInt(this.config.purgeIntervalMs + 1));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#closing = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running) await this.#running.catch(() => ({}));
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    if (!this.databaseReady()) {
      this.#schedule(Math.ceil(this.config.purgeIntervalMs / PAUSED_RETRY_DIVISOR));
      return;
    }
    try {
      const purged = await this.runOnce();
      if (Object.values(purged).some((count) => count > 0)) this.log.info({ purged }, 'retention purge');
    } catch (error) {
      // A lost database is expected now and then; whatever this run left, the next one deletes.
      if (isDatabaseUnavailable(error)) this.log.warn({ err: error }, 'retention purge paused: database unavailable');
      else this.log.error({ err: error }, 'retention purge failed');
    }
    this.#schedule(this.config.purgeIntervalMs);
  }

  async #run(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    const now = this.clock.now();
    for (let pass = 0; pass < PURGE_PASSES_MAX && !this.#closing; pass += 1) {
      let more = false;
      for (const purge of this.purges) {
        for (const [table, count] of Object.entries(await purge(this.db, now, this.config))) {
          totals[table] = (totals[table] ?? 0) + count;
          if (count >= PURGE_BATCH_ROWS_MAX) more = true;
        }
      }
      if (!more) break;
    }
    return totals;
  }
}
