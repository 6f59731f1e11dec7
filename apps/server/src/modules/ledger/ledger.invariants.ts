import type { Database, Queryable } from '../../db/database.js';
import { selectInvariantViolations } from './ledger.invariants.repo.js';
import type { InvariantReport } from './ledger.types.js';

/** A badly broken ledger still gives a readable report: each check lists at most this many violations. */
const VIOLATIONS_PER_CHECK_MAX = 100;

/**
 * Checks the ledger's invariants (SECURITY.md 27): each currency sums to zero; every operation
 * balances; every balance is the sum of its postings and every running balance is right; held
 * amounts match pending holds; no customer account is below its overdraft. Given a Database it
 * reads one repeatable-read snapshot, so it may run beside live traffic; given a transaction it
 * checks what that transaction sees.
 */
export async function checkLedgerInvariants(db: Database | Queryable): Promise<InvariantReport> {
  const violations =
    'transaction' in db && !('inTransaction' in db)
      ? await db.transaction((tx) => selectInvariantViolations(tx, VIOLATIONS_PER_CHECK_MAX), { isolation: 'repeatable read' })
      : await selectInvariantViolations(db, VIOLATIONS_PER_CHECK_MAX);
  return { ok: violations.length === 0, violations };
}
