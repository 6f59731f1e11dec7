import type { Database, Queryable } from './database.js';

/**
 * Point reads by key that concurrent requests make outside a transaction (the session of a
 * token, a customer, an account) become one `= ANY($1)` statement. Under load every request
 * used to cost a round trip per read, and each round trip costs PostgreSQL a wake-up and the
 * server a syscall: that, more than the work, was the ceiling (docs/BENCHMARKS.md).
 *
 * No timer: keys asked for in one turn of the event loop leave together at the next check phase
 * (setImmediate), so a lone request waits for nothing measurable. While a few statements are in
 * flight, new keys queue and leave together when one returns, so batches grow with the load.
 * A read inside a transaction (a Tx) is never coalesced: it must see that transaction's writes.
 * Nothing is cached: every caller gets what the database held when its statement ran, which is
 * after the caller asked.
 */

/** Statements of one reader in flight at once per database. */
const IN_FLIGHT_MAX = 2;
/** Keys per statement: one parameter array, well inside PostgreSQL's limits. */
const KEYS_PER_STATEMENT_MAX = 500;

type Waiter<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

class Coalescer<K, V> {
  readonly #db: Database;
  readonly #load: (db: Queryable, keys: K[]) => Promise<Map<K, V>>;
  #waiting = new Map<K, Waiter<V>[]>();
  #inFlight = 0;
  #scheduled = false;

  constructor(db: Database, load: (db: Queryable, keys: K[]) => Promise<Map<K, V>>) {
    this.#db = db;
    this.#load = load;
  }

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.#waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.#waiting.set(key, [{ resolve, reject }]);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= IN_FLIGHT_MAX || this.#waiting.size === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    while (this.#inFlight < IN_FLIGHT_MAX && this.#waiting.size > 0) {
      const batch = new Map<K, Waiter<V>[]>();
      for (const [key, waiters] of this.#waiting) {
        if (batch.size === KEYS_PER_STATEMENT_MAX) break;
        batch.set(key, waiters);
      }
      for (const key of batch.keys()) this.#waiting.delete(key);
      this.#inFlight += 1;
      this.#load(this.#db, [...batch.keys()])
        .then(
          (found) => {
            for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
          },
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#schedule();
        });
    }
  }
}

function isDatabase(q: Queryable): q is Database {
  return typeof (q as Partial<Database>).transaction === 'function';
}

/**
 * A statement by key that coalesces concurrent calls on a Database and runs directly in a
 * transaction. `load` reads (or idempotently writes) many keys in one statement and maps each
 * found key to its value.
 */
export function coalescedByKey<K, V>(
  load: (db: Queryable, keys: K[]) => Promise<Map<K, V>>,
): (q: Queryable, key: K) => Promise<V | undefined> {
  const perDatabase = new WeakMap<Database, Coalescer<K, V>>();
  return async (q, key) => {
    if (!isDatabase(q)) return (await load(q, [key])).get(key);
    let coalescer = perDatabase.get(q);
    if (!coalescer) {
      coalescer = new Coalescer(q, load);
      perDatabase.set(q, coalescer);
    }
    return coalescer.get(key);
  };
}
