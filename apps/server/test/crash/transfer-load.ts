import type { Customer } from './customers.js';
import type { AttemptRecord, FaultLog } from './fault-windows.js';
import { type Answer, bearer, type HttpClient } from './http-client.js';
import { sleep } from './ports.js';

/**
 * K clients in closed loops, each posting one transfer at a time under an Idempotency-Key of its
 * own. A client sends the same key with the same body again after a network error, a 503 or any
 * 5xx, until a final answer (200, 201, 4xx) comes, within a bound on attempts and on time; then
 * it takes the next transfer. Every attempt is recorded and counted into the fault windows.
 *
 * Client 0 is the eager one: it retries every EAGER_RETRY_DELAY_MS and ignores Retry-After, so
 * "first 201 after a fault" measures the server's recovery, not the clients' patience. The others
 * back off and honour Retry-After, as a well-behaved app does.
 */

/** Attempts of one key before the client gives up on it (the key stays unresolved): 30 s of eager retries. */
export const KEY_ATTEMPTS_MAX = 600;
/** Time from a key's first attempt after which the client gives up on it. */
export const KEY_TIME_MAX_MS = 30_000;
const RETRY_DELAY_FIRST_MS = 25;
const RETRY_DELAY_MAX_MS = 400;
const EAGER_RETRY_DELAY_MS = 50;
const EAGER_CLIENT = 0;
/** A Retry-After is honoured up to this, so a long one cannot stall the whole test. */
const RETRY_AFTER_HONOURED_MAX_MS = 2000;
/** Attempts kept in memory; beyond this the run is far larger than these tests mean it to be. */
const ATTEMPT_RECORDS_MAX = 300_000;

/** An amount no account in these tests holds: the ledger must decline it (insufficient funds). */
export const AMOUNT_BEYOND_ANY_BALANCE_MINOR = 1_000_000_000_000_000;
/** Above the per-operation limit for transfers to others (1 000 000 ₸ by default). */
export const AMOUNT_BEYOND_OPERATION_LIMIT_MINOR = 200_000_000;
/** Nobody has this phone: the transfer is declined as recipient-not-found. */
export const UNKNOWN_PHONE = '+77779998877';
const TRANSFER_AMOUNT_MAX_MINOR = 1000;

export type Intent = 'own' | 'phone' | 'own-insufficient-funds' | 'phone-unknown-payee' | 'phone-over-limit';

/** Share of each intent in the mix, in percent. */
const MIX_PERCENT: ReadonlyArray<[Intent, number]> = [
  ['own', 55],
  ['phone', 25],
  ['own-insufficient-funds', 10],
  ['phone-unknown-payee', 5],
  ['phone-over-limit', 5],
];

export interface PlannedTransfer {
  key: string;
  intent: Intent;
  customer: Customer;
  body: Record<string, unknown>;
}

export interface TransferView {
  id: string;
  status: string;
  declineReason: string | null;
  sourceAccountId: string | null;
  destinationAccountId: string | null;
  amountMinor: number;
  feeMinor: number;
}

export interface KeyOutcome {
  planned: PlannedTransfer;
  /** The final HTTP status, or null when the client gave up (bounds reached). */
  finalStatus: number | null;
  /** The transfer as the final 200/201 described it. */
  transfer: TransferView | null;
  finalBody: unknown;
  attempts: number;
  firstSentAtMs: number;
  answeredAtMs: number | null;
}

/** A small seeded generator (mulberry32), so a failing mix can be replayed from the seed in the report. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickIntent(random: () => number): Intent {
  let roll = random() * 100;
  for (const [intent, percent] of MIX_PERCENT) {
    if (roll < percent) return intent;
    roll -= percent;
  }
  return 'own';
}

function isRetryable(status: number): boolean {
  return status === 0 || status >= 500;
}

function retryAfterMs(answer: Answer | null): number | null {
  const header = answer?.headers['retry-after'];
  if (typeof header !== 'string' || !/^\d+$/.test(header)) return null;
  return Math.min(Number(header) * 1000, RETRY_AFTER_HONOURED_MAX_MS);
}

function problemDetail(answer: Answer): string | null {
  const body = answer.body as { type?: unknown; title?: unknown } | string | null;
  if (body && typeof body === 'object') return `${String(body.type ?? '')} ${String(body.title ?? '')}`.trim();
  return typeof body === 'string' ? body.slice(0, 200) : null;
}

export class TransferLoad {
  readonly #client: HttpClient;
  readonly #customers: readonly Customer[];
  readonly #faults: FaultLog;
  readonly #random: () => number;
  readonly #runId: string;
  readonly #clients: number;
  #serial = 0;
  #stopping = false;
  #running: Promise<void>[] = [];
  readonly records: AttemptRecord[] = [];
  readonly outcomes: KeyOutcome[] = [];
  readonly seed: number;
  startedAtMs = 0;

  constructor(options: { client: HttpClient; customers: readonly Customer[]; faults: FaultLog; clients: number; seed?: number }) {
    this.#client = options.client;
    this.#customers = options.customers;
    this.#faults = options.faults;
    this.#clients = options.clients;
    this.seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.#random = seededRandom(this.seed);
    this.#runId = `crash-${process.pid}-${this.seed}`;
  }

  start(): void {
    this.startedAtMs = performance.now();
    this.#running = Array.from({ length: this.#clients }, (_, client) => this.#loop(client));
  }

  /** Lets each client finish the key it is on (within its bounds), then resolves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#running);
  }

  /** Final 200/201 answers since `sinceMs` of requests sent after it. */
  successesSince(sinceMs: number): number {
    return this.records.filter((record) => record.sentAtMs >= sinceMs && (record.status === 200 || record.status === 201)).length;
  }

  /** Waits until `count` successes came in of requests sent after `sinceMs`, within a bound. */
  async waitForSuccesses(sinceMs: number, count: number, timeoutMs: number): Promise<void> {
    const deadlineMs = performance.now() + timeoutMs;
    while (this.successesSince(sinceMs) < count) {
      if (performance.now() > deadlineMs) throw new Error(`fewer than ${count} successful transfers within ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  plan(): PlannedTransfer {
    this.#serial += 1;
    const customer = this.#customers[Math.floor(this.#random() * this.#customers.length)] as Customer;
    const intent = pickIntent(this.#random);
    const amountMinor = 1 + Math.floor(this.#random() * TRANSFER_AMOUNT_MAX_MINOR);
    const [a, b] = this.#random() < 0.5 ? customer.accountIds : ([customer.accountIds[1], customer.accountIds[0]] as const);
    const own = { kind: 'own', sourceAccountId: a, destinationAccountId: b, currency: 'KZT' };
    const phone = { kind: 'phone', sourceAccountId: a, payeePhone: customer.trustedPayeePhone, currency: 'KZT' };
    const bodies: Record<Intent, Record<string, unknown>> = {
      own: { ...own, amountMinor },
      phone: { ...phone, amountMinor },
      'own-insufficient-funds': { ...own, amountMinor: AMOUNT_BEYOND_ANY_BALANCE_MINOR },
      'phone-unknown-payee': { ...phone, payeePhone: UNKNOWN_PHONE, amountMinor },
      'phone-over-limit': { ...phone, amountMinor: AMOUNT_BEYOND_OPERATION_LIMIT_MINOR },
    };
    return { key: `${this.#runId}-${this.#serial}`, intent, customer, body: bodies[intent] };
  }

  async #loop(client: number): Promise<void> {
    while (!this.#stopping) this.outcomes.push(await this.#settle(client, this.plan()));
  }

  /** One key to its final answer, retrying the same key and body within the bounds. */
  async #settle(client: number, planned: PlannedTransfer): Promise<KeyOutcome> {
    const firstSentAtMs = performance.now();
    const headers = { ...bearer(planned.customer.token), 'idempotency-key': planned.key };
    let delayMs = RETRY_DELAY_FIRST_MS;
    let attempts = 0;
    for (let attempt = 1; attempt <= KEY_ATTEMPTS_MAX; attempt += 1) {
      attempts = attempt;
      const sentAtMs = performance.now();
      let answer: Answer | null = null;
      let detail: string | null = null;
      try {
        answer = await this.#client.request('POST', '/api/v1/transfers', planned.body, headers);
        if (answer.status >= 400) detail = problemDetail(answer);
      } catch (error) {
        detail = (error as NodeJS.ErrnoException).code ?? String(error);
      }
      const record: AttemptRecord = {
        key: planned.key,
        client,
        attempt,
        sentAtMs,
        atMs: performance.now(),
        status: answer?.status ?? 0,
        detail,
      };
      if (this.records.length < ATTEMPT_RECORDS_MAX) this.records.push(record);
      this.#faults.observe(record);
      if (answer && !isRetryable(answer.status)) {
        const success = answer.status === 200 || answer.status === 201;
        return {
          planned,
          finalStatus: answer.status,
          transfer: success ? (answer.body as TransferView) : null,
          finalBody: answer.body,
          attempts: attempt,
          firstSentAtMs,
          answeredAtMs: record.atMs,
        };
      }
      if (performance.now() - firstSentAtMs > KEY_TIME_MAX_MS) break;
      if (client === EAGER_CLIENT) await sleep(EAGER_RETRY_DELAY_MS);
      else {
        await sleep(retryAfterMs(answer) ?? delayMs * (0.5 + this.#random()));
        delayMs = Math.min(delayMs * 2, RETRY_DELAY_MAX_MS);
      }
    }
    return { planned, finalStatus: null, transfer: null, finalBody: null, attempts, firstSentAtMs, answeredAtMs: null };
  }
}

/**
 * Sends acknowledged keys again with the same body after the faults: each must get the answer
 * it got the first time (same status, same transfer). Keys that needed retries (they lived
 * through a fault) come first, then an even spread of the rest, `sampleMax` in all.
 */
export async function replayAcknowledged(client: HttpClient, outcomes: readonly KeyOutcome[], sampleMax: number): Promise<string[]> {
  const acknowledged = outcomes.filter((outcome) => outcome.finalStatus === 200 || outcome.finalStatus === 201);
  const retried = acknowledged.filter((outcome) => outcome.attempts > 1);
  const rest = acknowledged.filter((outcome) => outcome.attempts === 1);
  const sample = retried.slice(0, Math.ceil(sampleMax / 2));
  const step = Math.max(1, Math.floor(rest.length / Math.max(1, sampleMax - sample.length)));
  for (let index = 0; index < rest.length && sample.length < sampleMax; index += step) sample.push(rest[index] as KeyOutcome);
  const mismatches: string[] = [];
  for (const outcome of sample) {
    const { planned } = outcome;
    const answer = await client.request('POST', '/api/v1/transfers', planned.body, {
      ...bearer(planned.customer.token),
      'idempotency-key': planned.key,
    });
    const view = answer.body as TransferView | null;
    if (answer.status !== outcome.finalStatus || view?.id !== outcome.transfer?.id || view?.status !== outcome.transfer?.status)
      mismatches.push(
        `key ${planned.key}: first ${outcome.finalStatus} ${outcome.transfer?.id} ${outcome.transfer?.status}, again ${answer.status} ${view?.id} ${view?.status}`,
      );
  }
  return mismatches;
}

/** 5xx answers that fall in no fault window: the server failed while nothing was wrong. */
export function serverErrorsOutsideWindows(records: readonly AttemptRecord[], faults: FaultLog): AttemptRecord[] {
  return records.filter((record) => record.status >= 500 && faults.covering(record.atMs) === null);
}
