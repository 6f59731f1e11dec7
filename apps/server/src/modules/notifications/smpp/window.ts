/**
 * The window of outstanding submit_sm (SMPP 3.4 2.7.12 allows an ESME several requests before
 * their responses): at most `size` at once; the others wait their turn in order.
 */
export class SubmitWindow {
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a window needs a whole size of at least 1, got ${size}`);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  async acquire(): Promise<() => void> {
    if (this.#inFlight >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The slot passes straight to the next in line, so the count never exceeds the size.
      if (next) next();
      else this.#inFlight -= 1;
    };
  }
}

export function sleep(ms: number, options: { unref?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (options.unref) timer.unref();
  });
}

/** Rejects with `error` when `promise` has not settled within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), Math.max(0, ms));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason);
      },
    );
  });
}
