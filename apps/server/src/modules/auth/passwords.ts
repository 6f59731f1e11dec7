import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import { AuthProblem } from './auth.errors.js';

// ASVS 2.1.1–2.1.2: at least 12 characters, at most 128, never truncated, no composition rules.
export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 128;

// OWASP's Argon2id baseline: 19 MiB, 2 passes, 1 lane (ASVS 2.4).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export type PasswordProblem = 'too-short' | 'too-long' | 'common';

/** Length counts characters as people see them (code points), not UTF-16 units. */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH_MIN) return 'too-short';
  if (length > PASSWORD_LENGTH_MAX) return 'too-long';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'common';
  return null;
}

// ---- Argon2 behind a bounded pool (SECURITY.md 37) ----

export interface Argon2Limits {
  /** Argon2 computations running at once; each holds 19 MiB and a libuv thread for ~20-50 ms. */
  concurrencyMax: number;
  /** Computations waiting for a slot; one more is refused with 503 and Retry-After. */
  queueMax: number;
}

// A refused request may try again this soon: a queue of ARGON2_QUEUE_MAX drains in well under it.
export const ARGON2_RETRY_AFTER_S = 2;

export interface Argon2Stats {
  /** Hashes and verifications started since the process began (tests count the ones a request costs). */
  computations: number;
  inFlight: number;
  /** The most ever running at once since the last resetArgon2Peak(): never above concurrencyMax. */
  inFlightPeak: number;
  queued: number;
  rejected: number;
}

// Until buildApp configures the pool: scripts and tools that hash without an app.
const UNCONFIGURED_LIMITS: Argon2Limits = { concurrencyMax: 1, queueMax: 64 };

/**
 * Every Argon2 computation of the process goes through here. A flood of logins (or resets, or
 * registrations) would otherwise start one 19 MiB computation per request, all at once: the CPU
 * at 100 %, the libuv threads taken from file and DNS work, every request slow. Bounded, the
 * flood waits in a short queue, and beyond it gets 503 with Retry-After at once, while the
 * computations in flight never pass the limit. One pool per process, because the cores are.
 */
class Argon2Pool {
  #limits: Argon2Limits = UNCONFIGURED_LIMITS;
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];
  readonly #stats = { computations: 0, inFlightPeak: 0, rejected: 0 };

  configure(limits: Argon2Limits): void {
    assert(limits.concurrencyMax >= 1 && limits.queueMax >= 0, 'Argon2 limits must allow one computation');
    this.#limits = { ...limits };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inFlight < this.#limits.concurrencyMax) this.#inFlight += 1;
    else if (this.#waiting.length < this.#limits.queueMax) {
      // The slot is handed over by the computation that finishes (see finally): #inFlight already counts us.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#stats.rejected += 1;
      throw new ProblemError(AuthProblem['password-check-busy'], {
        headers: { 'retry-after': String(ARGON2_RETRY_AFTER_S) },
        extensions: { retryAfterSeconds: ARGON2_RETRY_AFTER_S },
      });
    }
    assert(this.#inFlight <= this.#limits.concurrencyMax, 'Argon2 computations in flight beyond the limit');
    this.#stats.computations += 1;
    this.#stats.inFlightPeak = Math.max(this.#stats.inFlightPeak, this.#inFlight);
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#inFlight -= 1;
    }
  }

  stats(): Argon2Stats {
    return { ...this.#stats, inFlight: this.#inFlight, queued: this.#waiting.length };
  }

  resetPeak(): void {
    this.#stats.inFlightPeak = this.#inFlight;
  }
}

const pool = new Argon2Pool();

/** Set from configuration when the app is built (ARGON2_CONCURRENCY_MAX, ARGON2_QUEUE_MAX). */
export function configureArgon2Pool(limits: Argon2Limits): void {
  pool.configure(limits);
}

export function argon2Stats(): Argon2Stats {
  return pool.stats();
}

export function resetArgon2Peak(): void {
  pool.resetPeak();
}

/** May throw the 503 problem `password-check-busy`: call it after the cheap checks, before any transaction. */
export function hashPassword(password: string): Promise<string> {
  return pool.run(() => hash(password.normalize('NFC'), ARGON2_OPTIONS));
}

// Verified against when the login names nobody, so an unknown phone costs the same time (RTS 4(3)(a)).
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= pool
    .run(() => hash('kassa-timing-equaliser-not-a-password', ARGON2_OPTIONS))
    .catch((error: unknown) => {
      // A refusal by a full pool must not be remembered as the dummy hash.
      dummyHash = null;
      throw error;
    });
  return dummyHash;
}

/** May throw the 503 problem `password-check-busy`, like hashPassword. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if ([...password].length > PASSWORD_LENGTH_MAX) return false;
  const target = storedHash ?? (await getDummyHash());
  // A malformed stored hash is a failed check; a full pool is the 503 problem, passed on.
  const ok = await pool.run(() => verify(target, password.normalize('NFC')).catch(() => false));
  return storedHash !== null && ok;
}
