import type { Logger } from 'pino';
import type { Database } from './database.js';
import { loadMigrations } from './migrate.js';

/**
 * Readiness kept as state by a background check, so /readyz answers at once instead of queueing
 * behind business work (on PGlite's one connection a probe used to wait over a second under load
 * and flap). The check reads the applied migrations: one statement proves the database answers
 * and that this build's schema is there.
 *
 * States: starting → ready ⇄ not-ready(reason). A request that meets a lost database reports it,
 * which turns readiness off at once and checks again without waiting for the next tick.
 */
export type NotReadyReason = 'starting' | 'database-unreachable' | 'database-slow' | 'migrations-pending';

export interface ReadinessSnapshot {
  ready: boolean;
  reason: NotReadyReason | null;
  /** When the current state began (ISO 8601, UTC). */
  since: string;
}

export interface HealthOptions {
  intervalMs: number;
  /** A check that takes longer counts as a failure: a database this slow cannot serve requests. */
  timeoutMs: number;
}

/** After a reported failure, checks come this much faster until the database is back. */
const RECOVERY_INTERVAL_DIVISOR = 10;

export class DatabaseHealth {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #options: HealthOptions;
  #expectedVersions: number[] | null = null;
  #ready = false;
  #reason: NotReadyReason | null = 'starting';
  #since = new Date();
  #timer: NodeJS.Timeout | null = null;
  #checking: Promise<void> | null = null;
  #running = false;

  constructor(db: Database, log: Logger, options: HealthOptions) {
    this.#db = db;
    this.#log = log;
    this.#options = options;
  }

  get ready(): boolean {
    return this.#ready;
  }

  snapshot(): ReadinessSnapshot {
    return { ready: this.#ready, reason: this.#reason, since: this.#since.toISOString() };
  }

  /** Runs the first check (so a started server is ready at once) and then checks on a timer. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.checkNow();
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** A request lost its database: not ready from now, and look again straight away. */
  reportUnavailable(): void {
    if (this.#ready) {
      this.#set(false, 'database-unreachable');
      // The timer armed while ready would look again only after a whole ready interval.
      this.#schedule();
    }
    void this.checkNow();
  }

  /** One check; concurrent callers share the one in flight. */
  checkNow(): Promise<void> {
    if (!this.#checking) {
      this.#checking = this.#check().finally(() => {
        this.#checking = null;
      });
    }
    return this.#checking;
  }

  /** Arms the next timed check, replacing one already armed: there is one timer at a time. */
  #schedule(): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    const delayMs = this.#ready ? this.#options.intervalMs : Math.ceil(this.#options.intervalMs / RECOVERY_INTERVAL_DIVISOR);
    this.#timer = setTimeout(() => {
      void this.checkNow().finally(() => this.#schedule());
    }, delayMs);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#options.timeoutMs);
    });
    try {
      this.#expectedVersions ??= (await loadMigrations()).map((migration) => migration.version);
      const expected = this.#expectedVersions;
      const applied = this.#db.query<{ version: number }>('SELECT version FROM schema_migrations');
      // The statement may still finish after a timeout; its rejection must not go unhandled.
      applied.catch(() => undefined);
      const outcome = await Promise.race([applied, timedOut]);
      if (outcome === 'timeout') return this.#set(false, 'database-slow');
      const versions = new Set(outcome.rows.map((row) => Number(row.version)));
      this.#set(
        expected.every((version) => versions.has(version)),
        'migrations-pending',
      );
    } catch {
      this.#set(false, 'database-unreachable');
    } finally {
      clearTimeout(timer);
    }
  }

  #set(ready: boolean, reasonIfNot: NotReadyReason): void {
    const reason = ready ? null : reasonIfNot;
    if (ready === this.#ready && reason === this.#reason) return;
    const downForMs = Date.now() - this.#since.getTime();
    this.#ready = ready;
    this.#reason = reason;
    this.#since = new Date();
    if (ready) this.#log.info({ afterMs: downForMs }, 'database ready');
    else this.#log.warn({ reason }, 'database not ready');
  }
}
