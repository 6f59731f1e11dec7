import type { Queryable } from '../../src/db/database.js';
import { checkLedgerInvariants } from '../../src/modules/ledger/index.js';
import type { Customer } from './customers.js';
import type { Intent, KeyOutcome } from './transfer-load.js';

/**
 * What must hold after the crashes, read from the database once the load has stopped:
 * every acknowledged transfer is stored exactly once under its key with the answer the client
 * got; no transfer or ledger operation exists without one; declined transfers moved nothing;
 * every account holds its funding plus what the acknowledged answers say moved; the ledger's
 * own invariants hold (each currency sums to zero, operations balance, running balances).
 * Problems come back as sentences; an empty list is a pass.
 */

/** Problems listed per kind before the rest are only counted, so a broken run stays readable. */
const PROBLEMS_PER_KIND_MAX = 10;

const EXPECTED: Record<Intent, { status: 'completed' | 'declined'; reason: string | null }> = {
  own: { status: 'completed', reason: null },
  phone: { status: 'completed', reason: null },
  'own-insufficient-funds': { status: 'declined', reason: 'insufficient-funds' },
  'phone-unknown-payee': { status: 'declined', reason: 'recipient-not-found' },
  'phone-over-limit': { status: 'declined', reason: 'limit-per-operation' },
};

export interface VerificationReport {
  problems: string[];
  /** Keys the client gave up on (bounds reached): none is expected once the server is back. */
  unresolvedKeys: string[];
  acknowledged: number;
  completed: number;
  declined: number;
  storedKeys: number;
  storedTransfers: number;
  transferOperations: number;
  ledgerViolations: string[];
}

class Problems {
  readonly list: string[] = [];
  readonly #perKind = new Map<string, number>();

  add(kind: string, sentence: string): void {
    const count = (this.#perKind.get(kind) ?? 0) + 1;
    this.#perKind.set(kind, count);
    if (count <= PROBLEMS_PER_KIND_MAX) this.list.push(sentence);
    else if (count === PROBLEMS_PER_KIND_MAX + 1) this.list.push(`${kind}: more of the same not listed`);
  }
}

interface KeyRow {
  customer_id: string;
  key: string;
  response_status: number;
  transfer_id: string | null;
  transfer_status: string | null;
}

interface TransferRow {
  id: string;
  kind: string;
  status: string;
  decline_reason: string | null;
  ledger_operation_id: string | null;
}

export async function verifyAfterCrashes(
  db: Queryable,
  input: { outcomes: readonly KeyOutcome[]; customers: readonly Customer[]; fundingPerAccountMinor: bigint },
): Promise<VerificationReport> {
  const problems = new Problems();
  const keys = (
    await db.query<KeyRow>(
      `SELECT customer_id, key, response_status, response_body->>'id' AS transfer_id, response_body->>'status' AS transfer_status
       FROM operation_idempotency_keys`,
    )
  ).rows;
  const transfers = (await db.query<TransferRow>('SELECT id, kind, status, decline_reason, ledger_operation_id FROM operations')).rows;
  const operations = (await db.query<{ id: string; kind: string }>("SELECT id, kind FROM ledger_operations WHERE kind LIKE 'transfer.%'"))
    .rows;
  const balances = (
    await db.query<{ id: string; balance_minor: bigint }>('SELECT id, balance_minor FROM ledger_accounts WHERE owner_id IS NOT NULL')
  ).rows;

  const keyOf = (customerId: string, key: string) => `${customerId} ${key}`;
  const keyRows = new Map(keys.map((row) => [keyOf(row.customer_id, row.key), row]));
  const transferRows = new Map(transfers.map((row) => [row.id, row]));
  const operationKinds = new Map(operations.map((row) => [row.id, row.kind]));
  const sentKeys = new Set(input.outcomes.map((outcome) => keyOf(outcome.planned.customer.customerId, outcome.planned.key)));

  // The client's own ledger, from the answers it was given.
  const expectedBalances = new Map<string, bigint>();
  for (const customer of input.customers)
    for (const accountId of customer.accountIds) expectedBalances.set(accountId, input.fundingPerAccountMinor);

  let acknowledged = 0;
  let completed = 0;
  let declined = 0;
  const unresolvedKeys: string[] = [];
  for (const outcome of input.outcomes) {
    const { planned } = outcome;
    if (outcome.finalStatus === null) {
      unresolvedKeys.push(planned.key);
      continue;
    }
    if (outcome.finalStatus !== 200 && outcome.finalStatus !== 201) {
      problems.add(
        'refused',
        `key ${planned.key} (${planned.intent}) was refused with ${outcome.finalStatus}: ${JSON.stringify(outcome.finalBody).slice(0, 300)}`,
      );
      continue;
    }
    acknowledged += 1;
    const view = outcome.transfer;
    if (!view?.id) {
      problems.add('answer', `key ${planned.key} was acknowledged with ${outcome.finalStatus} but no transfer in the body`);
      continue;
    }
    const keyRow = keyRows.get(keyOf(planned.customer.customerId, planned.key));
    if (!keyRow) problems.add('lost', `acknowledged key ${planned.key} (transfer ${view.id}, ${view.status}) is not in the database`);
    else if (keyRow.transfer_id !== view.id || keyRow.transfer_status !== view.status || keyRow.response_status !== outcome.finalStatus)
      problems.add(
        'answer',
        `key ${planned.key}: the client got ${outcome.finalStatus} ${view.id} ${view.status}, the database keeps ${keyRow.response_status} ${keyRow.transfer_id} ${keyRow.transfer_status}`,
      );
    const row = transferRows.get(view.id);
    if (!row) {
      problems.add('lost', `acknowledged transfer ${view.id} (key ${planned.key}) is not in the database`);
      continue;
    }
    if (row.status !== view.status)
      problems.add('status', `transfer ${view.id} was acknowledged ${view.status} but is stored ${row.status}`);
    const expected = EXPECTED[planned.intent];
    if (view.status !== expected.status || (expected.reason !== null && view.declineReason !== expected.reason))
      problems.add(
        'outcome',
        `key ${planned.key} (${planned.intent}) ended ${view.status}${view.declineReason ? ` (${view.declineReason})` : ''}, expected ${expected.status}${expected.reason ? ` (${expected.reason})` : ''}`,
      );
    if (view.status === 'completed') {
      completed += 1;
      const out = BigInt(view.amountMinor) + BigInt(view.feeMinor);
      if (view.sourceAccountId) expectedBalances.set(view.sourceAccountId, (expectedBalances.get(view.sourceAccountId) ?? 0n) - out);
      if (view.destinationAccountId)
        expectedBalances.set(view.destinationAccountId, (expectedBalances.get(view.destinationAccountId) ?? 0n) + BigInt(view.amountMinor));
    } else if (view.status === 'declined') declined += 1;
  }

  // Nothing stored that no client asked for, and each transfer under exactly one key.
  const keysPerTransfer = new Map<string, number>();
  for (const row of keys) {
    if (!sentKeys.has(keyOf(row.customer_id, row.key))) problems.add('stray', `the database keeps key ${row.key} that no client sent`);
    if (row.response_status === 0) problems.add('unfinished', `key ${row.key} is stored claimed but without an answer`);
    if (row.transfer_id) keysPerTransfer.set(row.transfer_id, (keysPerTransfer.get(row.transfer_id) ?? 0) + 1);
  }
  const referencedOperations = new Map<string, number>();
  for (const row of transfers) {
    const count = keysPerTransfer.get(row.id) ?? 0;
    if (count !== 1) problems.add('duplicate', `transfer ${row.id} (${row.status}) is the answer of ${count} keys, not 1`);
    if (row.status === 'completed') {
      if (!row.ledger_operation_id) problems.add('money', `completed transfer ${row.id} has no ledger operation`);
      else {
        referencedOperations.set(row.ledger_operation_id, (referencedOperations.get(row.ledger_operation_id) ?? 0) + 1);
        const kind = operationKinds.get(row.ledger_operation_id);
        if (kind !== row.kind)
          problems.add('money', `completed transfer ${row.id} names operation ${row.ledger_operation_id}, which is ${kind ?? 'missing'}`);
      }
    } else if (row.ledger_operation_id) {
      problems.add('money', `${row.status} transfer ${row.id} names ledger operation ${row.ledger_operation_id}`);
    }
  }
  for (const [operationId] of operationKinds)
    if (referencedOperations.get(operationId) !== 1)
      problems.add(
        'money',
        `ledger operation ${operationId} moves money for ${referencedOperations.get(operationId) ?? 0} completed transfers, not 1`,
      );

  for (const row of balances) {
    const expected = expectedBalances.get(row.id);
    if (expected === undefined) continue;
    if (row.balance_minor !== expected)
      problems.add('balance', `account ${row.id} holds ${row.balance_minor}, but funding and the acknowledged answers make ${expected}`);
  }

  const ledger = await checkLedgerInvariants(db);
  for (const violation of ledger.violations) problems.add('ledger', `ledger invariant: ${violation}`);

  return {
    problems: problems.list,
    unresolvedKeys,
    acknowledged,
    completed,
    declined,
    storedKeys: keys.length,
    storedTransfers: transfers.length,
    transferOperations: operations.length,
    ledgerViolations: ledger.violations,
  };
}
