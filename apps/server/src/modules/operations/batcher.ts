import type { Database, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { isLedgerDecline, type PostingInput, prepareBatch } from '../ledger/index.js';
import { takeLock } from '../risk/index.js';
import { type ImmediateEntry, type ImmediateResult, insertDeclinedRecords, isBatchDeclined, runImmediateBatch } from './batch.repo.js';
import { claimId, type StoredResponse } from './idempotency.repo.js';
import { LEDGER_DECLINE_REASONS, OperationProblem } from './operations.errors.js';
import type { OperationRecord } from './operations.types.js';

/**
 * Group commit for immediate operations: exempt from SCA and from every risk check, with their
 * ledger legs known in advance (today own-account transfers without e-money caps, RTS art. 15).
 * Concurrent requests share one statement, run outside any transaction so that PostgreSQL
 * commits it as it ends: the key claims, the ledger's check-and-write and the records, all on the
 * database server (operations_immediate_batch, migration 0015). One round trip per batch, and no
 * account lock is held while a round trip to this process is under way, which is what bounded a
 * busy account's throughput (docs/BENCHMARKS.md).
 *
 * No timer: a batch leaves as soon as a slot is free, so a lone request waits for nothing, and
 * under load the queue grows while the slots are busy, which makes the batches bigger just when
 * that pays. Each request keeps its own outcome: the ledger checks the operations one after
 * another against the balances the earlier ones leave. A declined operation (rare: funds, a
 * frozen or closed account) needs its notices written with its record, so then the statement
 * writes nothing and the batch runs again in a transaction that records the declines. An
 * unexpected error writes nothing either; then every request runs again in a transaction of its
 * own, so only the faulty one fails.
 */

/** Operations per transaction: within the ledger's batch bound, and a short lock hold. */
export const IMMEDIATE_PER_BATCH_MAX = 200;
/**
 * Batch statements in flight at once. One: while it runs and commits, the queue grows into the
 * next batch, and bigger batches cost PostgreSQL less per operation. Measured (docs/BENCHMARKS.md,
 * issue 11): two in flight, even kept to disjoint accounts so neither waits on the other's row
 * locks, gave smaller batches, more CPU per transfer and fewer transfers a second on two cores.
 */
export const IMMEDIATE_BATCHES_IN_FLIGHT_MAX = 1;
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
    const requests = batch.map((pending) => pending.request);
    try {
      settleAll(batch, await executeBatch(this.#db, requests));
      return;
    } catch (error) {
      if (!isBatchDeclined(error) && batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      if (isBatchDeclined(error)) {
        // Nothing was written. A declined operation's notices are written with its record, so
        // the batch runs again in a transaction, where declines come back instead of raising.
        try {
          settleAll(batch, await this.#db.transaction((tx) => executeBatch(tx, requests)));
          return;
        } catch {
          // Settled one by one below, so an error stays with its cause.
        }
      }
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
  }
}

type Outcome = { ok: true; response: StoredResponse } | { ok: false; problem: ProblemError };

function settle(pending: Pending, outcome: Outcome): void {
  if (outcome.ok) pending.resolve(outcome.response);
  else pending.reject(outcome.problem);
}

function settleAll(batch: readonly Pending[], outcomes: readonly Outcome[]): void {
  for (const [index, pending] of batch.entries()) settle(pending, outcomes[index] as Outcome);
}

/**
 * Many immediate operations in one statement (runImmediateBatch), in input order. Business
 * outcomes (declines, a reused key) are per request; anything else throws and nothing is written.
 *
 * On the Database the statement commits by itself: one round trip, and the account locks are
 * held only while PostgreSQL runs it and commits. A decline makes it raise and write nothing
 * (isBatchDeclined); in a transaction (`tx`) the declines come back, and their records, corrected
 * answers and notices are written in that transaction.
 */
async function executeBatch(q: Database | Tx, requests: readonly ImmediateRequest[]): Promise<Outcome[]> {
  const planned = requests.map((request): ImmediateEntry & { request: ImmediateRequest } => {
    const record: OperationRecord = { ...request.record, status: 'completed', ledgerOperationId: newId('op'), completedAt: request.now };
    return {
      request,
      customerId: request.customerId,
      key: request.idempotencyKey,
      hash: request.requestHash,
      record,
      response: { status: 201, body: request.view(record) },
    };
  });
  const ledger = prepareBatch(
    planned.map(({ request, record }) => {
      assert(record.ledgerOperationId, `immediate operation ${record.id} has a ledger id`);
      return { operationId: record.ledgerOperationId, kind: record.kind, description: record.description, postings: request.postings };
    }),
  );
  const tx = 'inTransaction' in q ? q : null;
  if (tx) {
    takeLock(tx, 'idempotency-key');
    takeLock(tx, 'ledger-accounts');
  }
  const results = await runImmediateBatch(q, planned, ledger);
  const declined: Array<{ request: ImmediateRequest; record: OperationRecord; response: StoredResponse }> = [];
  const outcomes = planned.map((plan, index): Outcome => {
    const result = results[index] as ImmediateResult;
    if (!result.claimed) {
      // A retry: the answer stored by the transaction that claimed the key first.
      return result.stored && result.stored.hash === plan.hash
        ? { ok: true, response: result.stored.response }
        : { ok: false, problem: new ProblemError(OperationProblem['idempotency-key-reused']) };
    }
    if (result.decline === null) return { ok: true, response: plan.response };
    assert(isLedgerDecline(result.decline), `unknown ledger decline ${result.decline}`);
    const reason = LEDGER_DECLINE_REASONS[result.decline];
    // No ceiling is passed for a batched operation, so none can be exceeded: a bug if it is.
    assert(reason !== 'payee-ceiling', 'a batched operation has no balance ceiling');
    const record: OperationRecord = { ...plan.record, status: 'declined', declineReason: reason, ledgerOperationId: null };
    const response = { status: 201, body: plan.request.view(record) };
    declined.push({ request: plan.request, record, response });
    return { ok: true, response };
  });
  if (declined.length > 0) {
    assert(tx, 'declines raise outside a transaction');
    await insertDeclinedRecords(
      tx,
      declined.map(({ record }) => record),
      declined.map(({ request, response }) => ({ customerId: request.customerId, key: request.idempotencyKey, response })),
    );
    for (const { request, record } of declined) await request.onDeclined(tx, record);
  }
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
