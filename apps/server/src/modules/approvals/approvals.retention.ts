import type { Queryable } from '../../db/database.js';
import { PURGE_BATCH_ROWS_MAX } from '../../db/purge.js';
import { expireApprovalsBatch } from './approvals.repo.js';

/**
 * The expiry sweep, run by the retention worker with the purges (modules/retention): pending
 * requests past expires_at become expired, one bounded batch a call (a full batch makes the worker
 * call again). Nothing is deleted: a request is evidence of a staff action and is kept like the
 * audit log. A decision does not wait for the sweep: it expires a request past its time itself
 * (approvals.service.ts refusal).
 */
export async function expireApprovals(db: Queryable, now: Date): Promise<Record<string, number>> {
  return { approval_requests_expired: await expireApprovalsBatch(db, now, PURGE_BATCH_ROWS_MAX) };
}
