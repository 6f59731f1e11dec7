import type { AppContext, BackgroundWorker } from '../../../context.js';
import { runWebhookDeliveries } from './worker.js';

/** A delivery a merchant waits for (the order page of a shop) is sent within about this long. */
export const WEBHOOK_POLL_MS = 1_000;
// While the database is away the sender looks again this much more rarely.
const PAUSED_FACTOR = 5;

type RunResult = Awaited<ReturnType<typeof runWebhookDeliveries>>;

/**
 * The merchant webhooks' own timer (issue 15 item 6): the order a shop shows as paid must not wait
 * for the retention worker's 10-minute schedule. Each tick sends what is due (the worker's run:
 * claims with SKIP LOCKED, so several server processes share the work); retries keep their
 * backoff, since a delivery is due only at its next attempt time. main.ts starts it with the
 * outbox worker (WORKER_ENABLED); buildApp stops it.
 */
export class WebhookSender implements BackgroundWorker<RunResult> {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<RunResult> | null = null;
  #stopped = true;

  constructor(
    private readonly ctx: () => AppContext,
    private readonly databaseReady: () => boolean,
    private readonly pollMs = WEBHOOK_POLL_MS,
  ) {}

  runOnce(): Promise<RunResult> {
    const run = runWebhookDeliveries(this.ctx());
    this.#running = run;
    return run.finally(() => {
      if (this.#running === run) this.#running = null;
    });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async () => {
      const ready = this.databaseReady();
      if (ready) {
        try {
          await this.runOnce();
        } catch (error) {
          this.ctx().log.warn({ err: error }, 'webhook deliveries: the pass failed; the next tick tries again');
        }
      }
      if (!this.#stopped) this.#timer = setTimeout(tick, ready ? this.pollMs : this.pollMs * PAUSED_FACTOR);
    };
    this.#timer = setTimeout(tick, this.pollMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }
}
