import type { Database, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { type OperationInput, type PostingInput, postOperations } from '../ledger/index.js';
import { takeLock } from '../risk/index.js';
import { insertSettledBatch } from './batch.repo.js';
import { claimId, claimKeys, type StoredResponse, storedResponses } from './idempotency.repo.js';
import { LEDGER_DECLINE_REASONS, OperationProblem } from './operations.errors.js';
import type { OperationRecord } from './operations.types.js';

/**
 * Group commit for immediate operations: exempt from SCA and from every risk check, with their
 * ledger legs known in advance (today own-account transfers without e-money caps, RTS art. 15).
 * Concurrent requests share one transaction: one key-claim statement, one ledger lock statement
 * and one ledger write statement (postOperations), one statement for the records and the
 * corrected answers, one commit. The per-request work and its WAL flush are what limited throughput
 * when each request had a transaction of its own (docs/BENCHMARKS.md).
 *
 * No timer: a batch leaves as soon as a slot is free, so a lone request waits for nothing, and
 * under load the queue grows while the slots are busy, which makes the batches bigger just when
 * that pays. Each request keeps its own outcome: the ledger checks the operations one after
 * another against the balances the earlier ones leave, so one insufficient-funds declines that
 * transfer only. An unexpected error aborts the shared transaction; then every request of the
 * batch runs again in a transaction of its own, so only the faulty one fails.
 */

/** Operations per transaction: within the ledger's batch bound, and a short lock hold. */
export const IMMEDIATE_PER_BATCH_MAX = 200;
/**
 * Transactions in flight at once. Few, so batches grow under load (CPU per transfer falls), yet
 * more than one so a commit's flush overlaps with the next batch's statements.
 */
export const IMMEDIATE_BATCHES_IN_FLIGHT_MAX = 2;
/** Requests waiting for a slot; beyond this the server is overloaded and says so (503). */
export const IMMEDIATE_QUEUED_MAX = 20_000;

export interface ImmediateRequest {
  customerId: string;
  idempotencyKey: string;
  requestHash: string;
  /** Resolved by its kind: in state created, exempt from SCA, its legs in `postings`. */
  record: OperationRecord;
  postings: PostingInput[];
  now: Date;
  /** The response body for the record as it ends (completed or declined), in the caller's language. */
  view: (record: OperationRecord) => unknown;
  /** What the caller does for a declined operation besides recording it (notifications), in the batch's transaction. */
  onDeclined: (tx: Tx, record: OperationRecord) => Promise<void>;
}

interface Pending {
  request: ImmediateRequest;
  resolve: (response: StoredResponse) => void;
  reject: (error: unknown) => void;
}

class ImmediateBatcher {
  readonly #db: Database;
  #queue: Pending[] = [];
  #inFlight = 0;

  constructor(db: Database) {
    this.#db = db;
  }

  submit(request: ImmediateRequest): Promise<StoredResponse> {
    assert(request.record.status === 'created' && request.postings.length > 0, 'the batcher executes resolved operations with their legs');
    if (this.#queue.length >= IMMEDIATE_QUEUED_MAX) return Promise.reject(new ProblemError(CommonProblem['service-unavailable']));
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < IMMEDIATE_BATCHES_IN_FLIGHT_MAX && this.#queue.length > 0) {
      // The same key twice in one batch: the first runs, the others wait for the next batch and
      // find its committed answer there, as any retry does.
      const batch: Pending[] = [];
      const later: Pending[] = [];
      const keys = new Set<string>();
      let taken = 0;
      for (const pending of this.#queue) {
        if (batch.length === IMMEDIATE_PER_BATCH_MAX) break;
        taken += 1;
        const id = claimId(pending.request.customerId, pending.request.idempotencyKey);
        if (keys.has(id)) later.push(pending);
        else {
          keys.add(id);
          batch.push(pending);
        }
      }
      this.#queue = this.#queue.slice(taken);
      this.#inFlight += 1;
      void this.#run(batch).finally(() => {
        this.#inFlight -= 1;
        this.#queue.unshift(...later);
        this.#pump();
      });
    }
  }

  async #run(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#db.transaction((tx) =>
        executeBatch(
          tx,
          batch.map((pending) => pending.request),
        ),
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Nothing of the batch was committed: each request alone, so the error stays with its cause.
      await Promise.all(
        batch.map(async (pending) => {
          try {
            const [outcome] = await this.#db.transaction((tx) => executeBatch(tx, [pending.request]));
            settle(pending, outcome as Outcome);
          } catch (alone) {
            pending.reject(alone);
          }
        }),
      );
      return;
    }
    for (const [index, pending] of batch.entries()) settle(pending, outcomes[index] as Outcome);
  }
}

type Outcome = { ok: true; response: StoredResponse } | { ok: false; problem: ProblemError };

function settle(pending: Pending, outcome: Outcome): void {
  if (outcome.ok) pending.resolve(outcome.response);
  else pending.reject(outcome.problem);
}

/**
 * One transaction for many immediate operations, in input order. Business outcomes (declines, a
 * reused key) are per request; anything else throws and rolls the whole transaction back.
 *
 * The keys are claimed first with the answers as if every operation will complete; then the
 * ledger posts them all; then one statement writes every record in its final state and corrects
 * the answers of the few the ledger declined. The account locks (the hot path of a busy account)
 * are held for the ledger's write, that statement and the commit.
 */
async function executeBatch(tx: Tx, requests: readonly ImmediateRequest[]): Promise<Outcome[]> {
  const planned = requests.map((request) => {
    const record: OperationRecord = { ...request.record, status: 'completed', ledgerOperationId: newId('op'), completedAt: request.now };
    return { request, record, response: { status: 201, body: request.view(record) } as StoredResponse };
  });
  takeLock(tx, 'idempotency-key');
  const claimed = await claimKeys(
    tx,
    planned.map(({ request, response }) => ({
      customerId: request.customerId,
      key: request.idempotencyKey,
      hash: request.requestHash,
      response,
      now: request.now,
    })),
  );
  const isClaimed = (r: ImmediateRequest) => claimed.has(claimId(r.customerId, r.idempotencyKey));
  const outcomes: Outcome[] = new Array(requests.length);

  // Retries: the answer stored by the transaction that claimed the key first.
  const retries = requests.filter((r) => !isClaimed(r));
  if (retries.length > 0) {
    const stored = await storedResponses(
      tx,
      retries.map((r) => ({ customerId: r.customerId, key: r.idempotencyKey })),
    );
    requests.forEach((r, index) => {
      if (isClaimed(r)) return;
      const first = stored.get(claimId(r.customerId, r.idempotencyKey));
      outcomes[index] =
        first && first.hash === r.requestHash
          ? { ok: true, response: first.response }
          : { ok: false, problem: new ProblemError(OperationProblem['idempotency-key-reused']) };
    });
  }

  const fresh = planned.flatMap((plan, index) => (isClaimed(plan.request) ? [{ ...plan, index }] : []));
  if (fresh.length === 0) return outcomes;
  const operations: OperationInput[] = fresh.map(({ request, record }) => {
    assert(record.ledgerOperationId, `immediate operation ${record.id} has a ledger id`);
    return { operationId: record.ledgerOperationId, kind: record.kind, description: record.description, postings: request.postings };
  });
  takeLock(tx, 'ledger-accounts');
  const results = await postOperations(tx, operations);
  assert(results.length === fresh.length, 'one ledger result per operation');

  const records: OperationRecord[] = [];
  const declined: Array<{ request: ImmediateRequest; record: OperationRecord; response: StoredResponse }> = [];
  fresh.forEach((plan, position) => {
    const result = results[position];
    assert(result, 'one ledger result per operation');
    if (result.ok) {
      records.push(plan.record);
      outcomes[plan.index] = { ok: true, response: plan.response };
      return;
    }
    const reason = LEDGER_DECLINE_REASONS[result.decline];
    // No ceiling is passed for a batched operation, so none can be exceeded: a bug if it is.
    assert(reason !== 'payee-ceiling', 'a batched operation has no balance ceiling');
    const record: OperationRecord = { ...plan.record, status: 'declined', declineReason: reason, ledgerOperationId: null };
    const response = { status: 201, body: plan.request.view(record) };
    records.push(record);
    declined.push({ request: plan.request, record, response });
    outcomes[plan.index] = { ok: true, response };
  });
  await insertSettledBatch(
    tx,
    records,
    declined.map(({ request, response }) => ({ customerId: request.customerId, key: request.idempotencyKey, response })),
  );
  for (const { request, record } of declined) await request.onDeclined(tx, record);
  return outcomes;
}

// One batcher per database: the queue is what lets concurrent requests share a transaction.
const batchers = new WeakMap<Database, ImmediateBatcher>();

/** Executes an immediate operation under its Idempotency-Key, batched with concurrent ones. */
export function submitImmediate(db: Database, request: ImmediateRequest): Promise<StoredResponse> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new ImmediateBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.submit(request);
}
