import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { takeLock } from '../risk/index.js';
import { OPERATION_STATUSES, OPERATION_TRANSITIONS, type OperationStatus } from './operations.types.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const needsReason = (status: OperationStatus) => (['declined', 'expired'].includes(status) ? 'expired' : null);
const needsLedger = (status: OperationStatus) => (['completed', 'sent'].includes(status) ? 'op_ledger' : null);

/** Whether the database lets an operation go from `from` to `to` (the trigger of migration 0013). */
async function databaseAllows(from: OperationStatus, to: OperationStatus): Promise<boolean> {
  const id = `op_${from}_${to}`;
  // Written in replica mode, which skips the foreign keys (no customer is needed) and the trigger;
  // committed, so the update below meets only the trigger.
  await database.db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(
      `INSERT INTO operations (id, customer_id, kind, status, amount_minor, fee_minor, currency, created_at, challenge_id, expires_at,
         decline_reason, ledger_operation_id)
       VALUES ($1, 'cus_lifecycle', 'transfer.phone', $2, 1, 0, 'KZT', now(), 'chl_lifecycle', now(), $3, $4)`,
      [id, from, needsReason(from), needsLedger(from)],
    );
  });
  const marker = new Error('rolled back on purpose');
  try {
    await database.db.transaction(async (tx) => {
      await tx.query('UPDATE operations SET status = $2, decline_reason = $3, ledger_operation_id = $4 WHERE id = $1', [
        id,
        to,
        needsReason(to),
        needsLedger(to),
      ]);
      throw marker;
    });
  } catch (error) {
    if (error === marker) return true;
    if (String(error).includes('not a step of the operation life cycle')) return false;
    throw error;
  } finally {
    await database.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query('DELETE FROM operations WHERE id = $1', [id]);
    });
  }
  return true;
}

describe('the operation life cycle', () => {
  it('is the same in code and in the database: every step listed is allowed, every other refused', async () => {
    for (const from of OPERATION_STATUSES) {
      for (const to of OPERATION_STATUSES) {
        if (from === to) continue;
        const listed = OPERATION_TRANSITIONS[from].includes(to);
        expect(await databaseAllows(from, to), `${from} -> ${to}`).toBe(listed);
      }
    }
  });
});

describe('the lock order', () => {
  it('lets a transaction take its locks in the declared order and stops one that goes back', async () => {
    await database.db.transaction(async (tx) => {
      takeLock(tx, 'idempotency-key');
      takeLock(tx, 'low-value-counters');
      takeLock(tx, 'customer-limits');
      takeLock(tx, 'customer-limits');
      takeLock(tx, 'ledger-accounts');
      expect(() => takeLock(tx, 'customer-limits')).toThrow(/lock order: customer-limits taken after ledger-accounts/);
    });
    // Another transaction starts from nothing.
    await database.db.transaction(async (tx) => {
      expect(() => takeLock(tx, 'operation')).not.toThrow();
    });
  });
});
