import type { AppContext } from '../../context.js';
import { selectRecentPayees } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/**
 * How far back the recent payees look: the customer's last operations of any kind. Enough for
 * the people one pays in a month; a bound on the rows read, whatever the customer's history.
 */
const RECENT_PAYEES_SCAN_MAX = 500;

/**
 * The newest transfer to each payee the customer sent money to by phone or IBAN (issue 12 item
 * 6), newest first, at most `limit`: the records, for the kind to add what only it keeps.
 */
export function listRecentPayees(ctx: AppContext, customerId: string, limit: number): Promise<OperationRecord[]> {
  return selectRecentPayees(ctx.db, customerId, RECENT_PAYEES_SCAN_MAX, limit);
}
