import { sleep } from './ports.js';
import type { ServerProcess } from './server-process.js';

/**
 * Samples GET /readyz while the load runs and keeps the changes of its answer (200, 503, or 0
 * when nothing answers), so the report can say when readiness went away and came back by itself.
 */

const SAMPLE_INTERVAL_MS = 100;
/** Changes kept; a flapping probe beyond this is a finding in itself. */
const CHANGES_MAX = 10_000;

export interface ReadinessChange {
  atMs: number;
  status: number;
}

export class ReadinessMonitor {
  readonly #server: ServerProcess;
  #stopping = false;
  #running: Promise<void> | null = null;
  readonly changes: ReadinessChange[] = [];

  constructor(server: ServerProcess) {
    this.#server = server;
  }

  start(): void {
    this.#running = this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  /** The last status seen. */
  get status(): number | null {
    return this.changes.at(-1)?.status ?? null;
  }

  /** From `fromMs`: when /readyz first stopped answering 200, and when it answered 200 again after that. */
  outage(fromMs: number, toMs = Number.POSITIVE_INFINITY): { downAtMs: number | null; downStatus: number | null; upAtMs: number | null } {
    const down = this.changes.find((change) => change.atMs >= fromMs && change.atMs <= toMs && change.status !== 200) ?? null;
    const up = down
      ? (this.changes.find((change) => change.atMs > down.atMs && change.atMs <= toMs && change.status === 200) ?? null)
      : null;
    return { downAtMs: down?.atMs ?? null, downStatus: down?.status ?? null, upAtMs: up?.atMs ?? null };
  }

  /** Waits until the samples say 200, within a bound; false when they did not. */
  async waitForReady(timeoutMs: number): Promise<boolean> {
    const deadlineMs = performance.now() + timeoutMs;
    while (this.status !== 200) {
      if (performance.now() > deadlineMs) return false;
      await sleep(SAMPLE_INTERVAL_MS / 2);
    }
    return true;
  }

  async #loop(): Promise<void> {
    while (!this.#stopping) {
      const status = await fetch(`${this.#server.url}/readyz`, { signal: AbortSignal.timeout(SAMPLE_INTERVAL_MS * 10) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status !== this.status && this.changes.length < CHANGES_MAX) this.changes.push({ atMs: performance.now(), status });
      await sleep(SAMPLE_INTERVAL_MS);
    }
  }
}
