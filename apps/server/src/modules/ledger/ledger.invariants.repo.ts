import type { Queryable } from '../../db/database.js';

/** The SQL of the ledger's invariant checks (SECURITY.md 27). */

/**
 * Each query returns one row per violation, already worded; `limit` bounds each list so a badly
 * broken ledger still gives a readable report.
 */
const INVARIANT_QUERIES: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'currency postings sum to zero',
    sql: `SELECT 'postings in ' || currency || ' sum to ' || sum(amount_minor) || ', not 0' AS violation
          FROM ledger_postings GROUP BY currency HAVING sum(amount_minor) <> 0 ORDER BY currency LIMIT $1`,
  },
  {
    name: 'currency balances sum to zero',
    sql: `SELECT 'balances in ' || currency || ' sum to ' || sum(balance_minor) || ', not 0' AS violation
          FROM ledger_accounts GROUP BY currency HAVING sum(balance_minor) <> 0 ORDER BY currency LIMIT $1`,
  },
  {
    name: 'operations balance',
    sql: `SELECT 'operation ' || operation_id || ' does not balance in ' || currency || ': sum ' || sum(amount_minor) AS violation
          FROM ledger_postings GROUP BY operation_id, currency HAVING sum(amount_minor) <> 0 ORDER BY operation_id LIMIT $1`,
  },
  {
    name: 'operations have postings',
    sql: `SELECT 'operation ' || o.id || ' has no postings' AS violation FROM ledger_operations o
          WHERE NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.operation_id = o.id) ORDER BY o.id LIMIT $1`,
  },
  {
    name: 'posting currency is the account currency',
    sql: `SELECT 'posting ' || p.id || ' is in ' || p.currency || ' on ' || a.currency || ' account ' || a.id AS violation
          FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.currency <> a.currency ORDER BY p.id LIMIT $1`,
  },
  {
    name: 'balance is the sum of postings',
    sql: `SELECT 'account ' || a.id || ' balance ' || a.balance_minor || ' but its postings sum to ' || coalesce(s.total, 0) AS violation
          FROM ledger_accounts a
          LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM ledger_postings GROUP BY account_id) s ON s.account_id = a.id
          WHERE a.balance_minor <> coalesce(s.total, 0) ORDER BY a.id LIMIT $1`,
  },
  {
    name: 'running balances',
    sql: `SELECT 'posting ' || id || ' of account ' || account_id || ' says balance after ' || balance_after_minor
            || ' but the running sum is ' || running AS violation
          FROM (SELECT id, account_id, balance_after_minor,
                  sum(amount_minor) OVER (PARTITION BY account_id ORDER BY id) AS running
                FROM ledger_postings) r
          WHERE balance_after_minor <> running ORDER BY id LIMIT $1`,
  },
  {
    name: 'held is the sum of pending holds',
    sql: `SELECT 'account ' || a.id || ' held ' || a.held_minor || ' but its pending holds sum to ' || coalesce(s.total, 0) AS violation
          FROM ledger_accounts a
          LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM ledger_holds WHERE status = 'pending' GROUP BY account_id) s
            ON s.account_id = a.id
          WHERE a.held_minor <> coalesce(s.total, 0) ORDER BY a.id LIMIT $1`,
  },
  {
    name: 'hold currency is the account currency',
    sql: `SELECT 'hold ' || h.id || ' is in ' || h.currency || ' on ' || a.currency || ' account ' || a.id AS violation
          FROM ledger_holds h JOIN ledger_accounts a ON a.id = h.account_id WHERE h.currency <> a.currency ORDER BY h.id LIMIT $1`,
  },
  {
    // Merchants' settlement accounts (migration 0043) are held to the same floor, an overdraft of 0.
    name: 'customer accounts within overdraft',
    sql: `SELECT 'account ' || id || ' available ' || (balance_minor - held_minor) || ' is below its overdraft limit -' || overdraft_limit_minor AS violation
          FROM ledger_accounts
          WHERE kind IN ('customer_current', 'ewallet', 'merchant_settlement') AND balance_minor - held_minor < -overdraft_limit_minor ORDER BY id LIMIT $1`,
  },
];

export async function selectInvariantViolations(q: Queryable, limitPerCheck: number): Promise<string[]> {
  const violations: string[] = [];
  for (const check of INVARIANT_QUERIES) {
    const { rows } = await q.query<{ violation: string }>(check.sql, [limitPerCheck]);
    for (const row of rows) violations.push(`${check.name}: ${row.violation}`);
  }
  return violations;
}
