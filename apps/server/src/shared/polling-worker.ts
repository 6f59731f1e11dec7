// While the database is away a poller looks again this much more rarely.
const PAUSED_FACTOR = 5;

/**
 * A pass of work on its own short timer, inside the server process: the merchant webhooks'
 * sender and the service payments' notifier (context.ts BackgroundWorker). Each tick runs one
 * pass (the passes claim with SKIP LOCKED, so several server processes share the work); a failed
 * pass is reported and the next tick tries again; stop() waits for the pass in flight.
 */
export class PollingWorker<Result> {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<Result> | null = null;
  #stopped = true;

  constructor(
    private readonly poll: {
      pass: () => Promise<Result>;
      databaseReady: () => boolean;
      pollMs: number;
      onFailure: (error: unknown) => void;
    },
  ) {}

  runOnce(): Promise<Result> {
    const run = this.poll.pass();
    this.#running = run;
    return run.finally(() => {
      if (this.#running === run) this.#running = null;
    });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const { pollMs } = this.poll;
    const tick = async () => {
      const ready = this.poll.databaseReady();
      if (ready) {
        try {
          await this.runOnce();
        } catch (error) {
          this.poll.onFailure(error);
        }
      }
      if (!this.#stopped) this.#timer = setTimeout(tick, ready ? pollMs : pollMs * PAUSED_FACTOR);
    };
    this.#timer = setTimeout(tick, pollMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }
}
