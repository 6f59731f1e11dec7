import type { Fault, FaultKind, FaultLog } from './fault-windows.js';
import { sleep } from './ports.js';
import type { PostgresInstance, RestartMode } from './postgres-instance.js';
import { SERVER_READY_TIMEOUT_MS, type ServerProcess } from './server-process.js';

/**
 * The faults the crash tests inject, one at a time (a queue), each opening a fault window:
 * SIGKILL of the server and a restart, a restart of the test's own PostgreSQL, an action of the
 * test's own (a failover, a PgBouncer restart), and, when the server dies on its own, a restart
 * so the run can go on and report what it found.
 */

/** Restarts after the server died on its own, before the run stops trying (a crash loop). */
const RESTARTS_AFTER_DEATH_MAX_DEFAULT = 5;
const START_RETRY_DELAY_MS = 250;

export interface FaultTimings {
  fault: Fault;
  /** SIGKILL → /readyz 200, or pg_ctl's restart time. */
  actionMs: number;
}

export class FaultInjector {
  readonly #server: ServerProcess;
  readonly #faults: FaultLog;
  readonly #database: PostgresInstance | null;
  #queue: Promise<unknown> = Promise.resolve();
  #unexpectedRestarts = 0;
  readonly #restartsAfterDeathMax: number;
  /** Errors of restarts after an unexpected exit, for the report. */
  readonly restartErrors: string[] = [];

  constructor(options: { server: ServerProcess; faults: FaultLog; database?: PostgresInstance; restartsAfterDeathMax?: number }) {
    this.#server = options.server;
    this.#restartsAfterDeathMax = options.restartsAfterDeathMax ?? RESTARTS_AFTER_DEATH_MAX_DEFAULT;
    this.#faults = options.faults;
    this.#database = options.database ?? null;
    this.#server.onUnexpectedExit = () => {
      void this.#serial(() => this.#restartAfterDeath()).catch((error: unknown) => this.restartErrors.push(String(error)));
    };
  }

  /** SIGKILL, then start again on the same port until /readyz answers 200. */
  killServer(): Promise<FaultTimings> {
    return this.#serial(async () => {
      const fault = this.#faults.begin('server-kill');
      await this.#server.kill();
      await this.#startPatiently();
      this.#faults.actionEnded(fault);
      return { fault, actionMs: (fault.actionEndedAtMs as number) - fault.startedAtMs };
    });
  }

  /** `pg_ctl restart -m fast`, or an immediate stop and a start, of the test's own cluster. */
  restartDatabase(mode: RestartMode): Promise<FaultTimings> {
    const database = this.#database;
    if (!database) throw new Error('no database of the test to restart');
    return this.#serial(async () => {
      const fault = this.#faults.begin(mode === 'fast' ? 'database-restart-fast' : 'database-restart-immediate');
      await database.restart(mode);
      this.#faults.actionEnded(fault);
      return { fault, actionMs: (fault.actionEndedAtMs as number) - fault.startedAtMs };
    });
  }

  /** A fault the test performs itself (`action`), in its own window of `kind`. */
  perform(kind: FaultKind, action: () => Promise<void>): Promise<FaultTimings> {
    return this.#serial(async () => {
      const fault = this.#faults.begin(kind);
      await action();
      this.#faults.actionEnded(fault);
      return { fault, actionMs: (fault.actionEndedAtMs as number) - fault.startedAtMs };
    });
  }

  /** Waits for every fault queued so far, a restart after an unexpected death included. */
  async settle(): Promise<void> {
    await this.#queue.catch(() => {});
  }

  /** Stops restarting the server after unexpected exits (the run is over). */
  detach(): void {
    this.#server.onUnexpectedExit = null;
  }

  async #restartAfterDeath(): Promise<void> {
    if (this.#server.running) return;
    this.#unexpectedRestarts += 1;
    if (this.#unexpectedRestarts > this.#restartsAfterDeathMax)
      throw new Error(`the server died ${this.#unexpectedRestarts} times; no more restarts`);
    const fault = this.#faults.begin('server-died');
    // The window starts when the process died, not when the queue reached this restart.
    fault.startedAtMs = this.#server.unexpectedExits.at(-1)?.atMs ?? fault.startedAtMs;
    await this.#startPatiently();
    this.#faults.actionEnded(fault);
  }

  /** start() until it succeeds, within the server's ready bound: the database may be coming back. */
  async #startPatiently(): Promise<void> {
    const deadlineMs = performance.now() + SERVER_READY_TIMEOUT_MS;
    for (;;) {
      try {
        await this.#server.start(Math.max(1000, deadlineMs - performance.now()));
        return;
      } catch (error) {
        if (performance.now() + START_RETRY_DELAY_MS > deadlineMs) throw error;
        await sleep(START_RETRY_DELAY_MS);
      }
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.catch(() => {}).then(work);
    this.#queue = next;
    return next;
  }
}
