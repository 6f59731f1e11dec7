import type { Database, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { type OperationInput, postOperations } from '../ledger/index.js';
import { claimId, type StoredResponse, storedResponses } from './idempotency.js';
import { type DeclineReason, TransferProblem } from './transfers.errors.js';
import type { toView } from './transfers.service.js';

/**
 * Group commit for own-account transfers (exempt from SCA, RTS art. 15, so they execute at once).
 * Concurrent requests share one transaction: one key-claim statement, one ledger lock statement
 * and one ledger write statement (postOperations), one statement for the transfer rows and the
 * stored answers, one commit. The per-request work and its WAL flush are what limited throughput
 * when each request had a transaction of its own (docs/BENCHMARKS.md).
 *
 * No timer: a batch leaves as soon as a slot is free, so a lone request waits for nothing, and
 * under load the queue grows while the slots are busy, which makes the batches bigger just when
 * that pays. Each request keeps its own outcome: the ledger checks the operations one after
 * another against the balances the earlier ones leave, so one insufficient-funds declines that
 * transfer only. An unexpected error aborts the shared transaction; then every request of the
 * batch runs again in a transaction of its own, so only the faulty one fails.
 */

type TransferRow = Parameters<typeof toView>[0];

/** Operations per transaction: within the ledger's batch bound, and a short lock hold. */
export const OWN_TRANSFERS_PER_BATCH_MAX = 200;
/**
 * Transactions in flight at once. Few, so batches grow under load (CPU per transfer falls), yet
 * more than one so a commit's flush overlaps with the next batch's statements.
 */
export const OWN_TRANSFER_BATCHES_IN_FLIGHT_MAX = 2;
/** Requests waiting for a slot; beyond this the server is overloaded and says so (503). */
export const OWN_TRANSFERS_QUEUED_MAX = 20_000;

const LEDGER_DECLINES: Readonly<Record<string, DeclineReason>> = {
  'insufficient-funds': 'insufficient-funds',
  'account-frozen': 'account-frozen',
  'account-closed': 'account-closed',
  'currency-mismatch': 'currency-mismatch',
};

export interface OwnTransferRequest {
  customerId: string;
  idempotencyKey: string;
  requestHash: string;
  /** Validated by the service: kind 'own', both accounts the customer's, same currency, no fee. */
  row: TransferRow;
  now: Date;
  /** The response body for the row as it ends (completed or declined), in the caller's language. */
  view: (row: TransferRow) => unknown;
  /** What the service does for a declined transfer besides recording it (notifications), in the batch's transaction. */
  onDeclined: (tx: Tx, row: TransferRow) => Promise<void>;
}

interface Pending {
  request: OwnTransferRequest;
  resolve: (response: StoredResponse) => void;
  reject: (error: unknown) => void;
}

class OwnTransferBatcher {
  readonly #db: Database;
  #queue: Pending[] = [];
  #inFlight = 0;

  constructor(db: Database) {
    this.#db = db;
  }

  submit(request: OwnTransferRequest): Promise<StoredResponse> {
    assert(request.row.kind === 'own' && request.row.fee_minor === 0n, 'the batcher executes own-account transfers only');
    if (this.#queue.length >= OWN_TRANSFERS_QUEUED_MAX) return Promise.reject(new ProblemError(CommonProblem['service-unavailable']));
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < OWN_TRANSFER_BATCHES_IN_FLIGHT_MAX && this.#queue.length > 0) {
      // The same key twice in one batch: the first runs, the others wait for the next batch and
      // find its committed answer there, as any retry does.
      const batch: Pending[] = [];
      const later: Pending[] = [];
      const keys = new Set<string>();
      let taken = 0;
      for (const pending of this.#queue) {
        if (batch.length === OWN_TRANSFERS_PER_BATCH_MAX) break;
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
 * One transaction for many own transfers, in input order. Business outcomes (declines, a reused
 * key) are per request; anything else throws and rolls the whole transaction back.
 *
 * The transfer rows and their answers are written before the ledger locks the accounts, as if
 * every transfer will complete; the few the ledger declines are corrected after. So the account
 * locks (the hot path of a busy account) are held for two round trips only: the ledger's write
 * and the commit.
 */
async function executeBatch(tx: Tx, requests: readonly OwnTransferRequest[]): Promise<Outcome[]> {
  const planned = requests.map((request) => {
    const row: TransferRow = { ...request.row, status: 'completed', ledger_operation_id: newId('op'), completed_at: request.now };
    return { request, row, response: { status: 201, body: request.view(row) } as StoredResponse };
  });
  const claimed = await claimKeysWithTransfers(tx, planned);
  const isClaimed = (r: OwnTransferRequest) => claimed.has(claimId(r.customerId, r.idempotencyKey));
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
          : { ok: false, problem: new ProblemError(TransferProblem['idempotency-key-reused']) };
    });
  }

  const fresh = planned.flatMap((plan, index) => (isClaimed(plan.request) ? [{ ...plan, index }] : []));
  if (fresh.length === 0) return outcomes;
  const operations: OperationInput[] = fresh.map(({ row }) => {
    assert(row.destination_account_id && row.ledger_operation_id, `own transfer ${row.id} has no destination`);
    return {
      operationId: row.ledger_operation_id,
      kind: 'transfer.own',
      description: row.description,
      postings: [
        { accountId: row.source_account_id, currency: row.currency, amountMinor: -row.amount_minor },
        { accountId: row.destination_account_id, currency: row.currency, amountMinor: row.amount_minor },
      ],
    };
  });
  const results = await postOperations(tx, operations);
  assert(results.length === fresh.length, 'one ledger result per operation');

  const declined: Array<{ plan: (typeof fresh)[number]; row: TransferRow; response: StoredResponse }> = [];
  fresh.forEach((plan, position) => {
    const result = results[position];
    assert(result, 'one ledger result per operation');
    if (result.ok) {
      outcomes[plan.index] = { ok: true, response: plan.response };
      return;
    }
    const reason = LEDGER_DECLINES[result.problem.code];
    // Not a decline the customer can be told about (an account vanished): a bug, so the batch
    // rolls back and each request runs alone, where this one fails and the others do not.
    if (!reason) throw result.problem;
    const row: TransferRow = { ...plan.row, status: 'declined', decline_reason: reason, ledger_operation_id: null };
    const response = { status: 201, body: plan.request.view(row) };
    declined.push({ plan, row, response });
    outcomes[plan.index] = { ok: true, response };
  });
  if (declined.length > 0) {
    await recordDeclines(
      tx,
      declined.map(({ plan, row, response }) => ({ request: plan.request, row, response })),
    );
    for (const { plan, row } of declined) await plan.request.onDeclined(tx, row);
  }
  return outcomes;
}

/**
 * Claims the keys, in (customer, key) order so batches that share keys queue instead of
 * deadlocking, and for each key claimed inserts its transfer row and stores its answer, in one
 * statement. Returns the claimed keys (see claimId); the others belong to earlier requests.
 */
async function claimKeysWithTransfers(
  tx: Tx,
  planned: ReadonlyArray<{ request: OwnTransferRequest; row: TransferRow; response: StoredResponse }>,
): Promise<Set<string>> {
  const column = <K extends keyof TransferRow>(name: K) => planned.map(({ row }) => row[name]);
  const { rows } = await tx.query<{ customer_id: string | null; key: string | null; transfers_inserted: unknown }>(
    `WITH claimed AS (
       INSERT INTO idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
       SELECT customer_id, key, request_hash, response_status, response_body, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::jsonb[], $6::timestamptz[])
         AS k (customer_id, key, request_hash, response_status, response_body, created_at)
       ORDER BY customer_id, key
       ON CONFLICT DO NOTHING RETURNING customer_id, key
     ), inserted AS (
       INSERT INTO transfers (id, customer_id, kind, status, source_account_id, destination_account_id, recipient_customer_id,
         amount_minor, fee_minor, currency, payee_phone, payee_name_masked, payee_iban, payee_name, payee_tax_id, purpose_code,
         description, challenge_id, decline_reason, ledger_operation_id, created_at, expires_at, completed_at)
       SELECT t.id, t.customer_id, t.kind, t.status, t.source_account_id, t.destination_account_id, t.recipient_customer_id,
         t.amount_minor, t.fee_minor, t.currency, t.payee_phone, t.payee_name_masked, t.payee_iban, t.payee_name, t.payee_tax_id,
         t.purpose_code, t.description, t.challenge_id, t.decline_reason, t.ledger_operation_id, t.created_at, t.expires_at,
         t.completed_at
       FROM unnest($7::text[], $2::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
         $14::bigint[], $15::bigint[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[],
         $23::text[], $24::text[], $25::text[], $26::text[], $27::timestamptz[], $28::timestamptz[], $29::timestamptz[])
         AS t (id, idempotency_key, customer_id, kind, status, source_account_id, destination_account_id, recipient_customer_id,
           amount_minor, fee_minor, currency, payee_phone, payee_name_masked, payee_iban, payee_name, payee_tax_id, purpose_code,
           description, challenge_id, decline_reason, ledger_operation_id, created_at, expires_at, completed_at)
       JOIN claimed c ON c.customer_id = t.customer_id AND c.key = t.idempotency_key
       RETURNING 1
     )
     SELECT customer_id, key, NULL AS transfers_inserted FROM claimed
     UNION ALL SELECT NULL, NULL, count(*) FROM inserted`,
    [
      planned.map(({ request }) => request.customerId),
      planned.map(({ request }) => request.idempotencyKey),
      planned.map(({ request }) => request.requestHash),
      planned.map(({ response }) => response.status),
      planned.map(({ response }) => JSON.stringify(response.body)),
      planned.map(({ request }) => request.now),
      column('id'),
      column('customer_id'),
      column('kind'),
      column('status'),
      column('source_account_id'),
      column('destination_account_id'),
      column('recipient_customer_id'),
      column('amount_minor'),
      column('fee_minor'),
      column('currency'),
      column('payee_phone'),
      column('payee_name_masked'),
      column('payee_iban'),
      column('payee_name'),
      column('payee_tax_id'),
      column('purpose_code'),
      column('description'),
      column('challenge_id'),
      column('decline_reason'),
      column('ledger_operation_id'),
      column('created_at'),
      column('expires_at'),
      column('completed_at'),
    ],
  );
  const claimed = new Set<string>();
  let transfersInserted = -1;
  for (const row of rows) {
    if (row.customer_id !== null && row.key !== null) claimed.add(claimId(row.customer_id, row.key));
    else transfersInserted = Number(row.transfers_inserted);
  }
  assert(transfersInserted === claimed.size, 'one transfer row per claimed key');
  return claimed;
}

/** The transfers the ledger declined: their rows and stored answers say so, in one statement. */
async function recordDeclines(
  tx: Tx,
  declined: ReadonlyArray<{ request: OwnTransferRequest; row: TransferRow; response: StoredResponse }>,
): Promise<void> {
  const { rows } = await tx.query<{ transfers_updated: unknown; keys_updated: unknown }>(
    `WITH transfers_updated AS (
       UPDATE transfers AS t SET status = 'declined', decline_reason = d.reason, ledger_operation_id = NULL
       FROM unnest($1::text[], $2::text[]) AS d (id, reason)
       WHERE t.id = d.id AND t.status = 'completed'
       RETURNING 1
     ), keys_updated AS (
       UPDATE idempotency_keys AS k SET response_body = a.body
       FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS a (customer_id, key, body)
       WHERE k.customer_id = a.customer_id AND k.key = a.key
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM transfers_updated) AS transfers_updated, (SELECT count(*) FROM keys_updated) AS keys_updated`,
    [
      declined.map(({ row }) => row.id),
      declined.map(({ row }) => row.decline_reason),
      declined.map(({ request }) => request.customerId),
      declined.map(({ request }) => request.idempotencyKey),
      declined.map(({ response }) => JSON.stringify(response.body)),
    ],
  );
  assert(Number(rows[0]?.transfers_updated) === declined.length, 'every declined transfer was corrected');
  assert(Number(rows[0]?.keys_updated) === declined.length, 'every declined answer was corrected');
}

// One batcher per database: the queue is what lets concurrent requests share a transaction.
const batchers = new WeakMap<Database, OwnTransferBatcher>();

/** Executes an own-account transfer under its Idempotency-Key, batched with concurrent ones. */
export function submitOwnTransfer(db: Database, request: OwnTransferRequest): Promise<StoredResponse> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new OwnTransferBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.submit(request);
}
