import { bearer, type HttpClient } from './http-client.js';

/**
 * RTS art. 4(3)(d): a session ends after 5 idle minutes (auth's SESSION_IDLE_MS). In a long run
 * (BENCH_SECONDS=600) the sessions one phase does not use would end before the phase that uses
 * them, so this extends a session nobody has used for IDLE_EXTEND_AFTER_MS (POST
 * /api/v1/auth/session/extend), never one a phase is using. In a run whose phases are shorter
 * than that it sends nothing.
 */

const CHECK_INTERVAL_MS = 30_000;
/** Checked every CHECK_INTERVAL_MS, so a session is extended at most 2.5 idle minutes in, half the timeout. */
const IDLE_EXTEND_AFTER_MS = 2 * 60_000;

export class SessionKeeper {
  readonly #httpOf: () => HttpClient | null;
  readonly #lastUsedMs = new Map<string, number>();
  readonly #inUse = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #checking = false;

  /** `httpOf` is the client of the server now running, or null while it is stopped. */
  constructor(httpOf: () => HttpClient | null) {
    this.#httpOf = httpOf;
  }

  start(tokens: readonly string[]): void {
    for (const token of tokens) this.#lastUsedMs.set(token, performance.now());
    this.#timer = setInterval(() => void this.#check(), CHECK_INTERVAL_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Runs a phase that uses `tokens` all the time: they are left alone meanwhile and count as used at its end. */
  async using<T>(tokens: readonly string[], work: () => Promise<T>): Promise<T> {
    for (const token of tokens) this.#inUse.add(token);
    try {
      return await work();
    } finally {
      for (const token of tokens) {
        this.#inUse.delete(token);
        this.#lastUsedMs.set(token, performance.now());
      }
    }
  }

  async #check(): Promise<void> {
    const http = this.#httpOf();
    if (this.#checking || !http) return;
    this.#checking = true;
    try {
      for (const [token, lastUsedMs] of this.#lastUsedMs) {
        if (this.#inUse.has(token) || performance.now() - lastUsedMs < IDLE_EXTEND_AFTER_MS) continue;
        const answer = await http.request('POST', '/api/v1/auth/session/extend', undefined, bearer(token)).catch(() => null);
        // A failed extension is tried again at the next check; an ended session shows as 401s in its phase.
        if (answer?.status === 200) this.#lastUsedMs.set(token, performance.now());
      }
    } finally {
      this.#checking = false;
    }
  }
}
