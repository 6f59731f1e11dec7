import type { Database } from '../../db/database.js';
import { csvField } from '../../shared/pdf.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { maskDetails, maskIp } from './audit.mask.js';
import { type AuditFilter, type AuditRow, listAuditRows } from './audit.repo.js';
import { type ChainVerification, recordAuditAlone, verifyAuditChain } from './audit.service.js';

/**
 * The audit viewer of the back office (issue 13 item 9): search by customer, staff member, event
 * and time; a CSV export of the same search; the chain's verification. Every export and every
 * verification is audited itself, naming the staff member and what they asked for.
 */

export const AUDIT_PAGE_ROWS_MAX = 100;
export const AUDIT_PAGE_ROWS_DEFAULT = 50;
/**
 * Rows one CSV export holds at most, newest first: a month of a busy customer's trail, or a day of
 * a staff member's, with room to spare. A wider search is narrowed (by time) rather than dumped;
 * the answer says it was cut (X-Kassa-Export-Truncated) and the audit row too.
 */
export const AUDIT_EXPORT_ROWS_MAX = 10_000;

export interface AuditRowView {
  seq: string;
  occurredAt: string;
  event: string;
  customerId: string | null;
  /** The staff member who acted (details.staffId), for a staff event. */
  staffId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

function staffIdOf(row: AuditRow): string | null {
  return typeof row.details.staffId === 'string' ? row.details.staffId : null;
}

function viewOf(row: AuditRow, options: { ipMasked: boolean }): AuditRowView {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt,
    event: row.event,
    customerId: row.customerId,
    staffId: staffIdOf(row),
    ip: row.ip === null ? null : options.ipMasked ? maskIp(row.ip) : row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    details: maskDetails(row.details, options),
  };
}

/** One page, newest first; the cursor is the seq the next page starts below. */
export async function listAudit(
  db: Database,
  query: { filter: AuditFilter; cursor: string | null; limit: number },
): Promise<{ items: AuditRowView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, query.limit), AUDIT_PAGE_ROWS_MAX);
  const rows = await listAuditRows(db, query.filter, query.cursor === null ? null : BigInt(query.cursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => viewOf(row, { ipMasked: false })),
    nextCursor: rows.length > limit && last ? last.seq : null,
  };
}

const CSV_COLUMNS = ['seq', 'occurred_at_utc', 'event', 'customer_id', 'staff_id', 'ip_network', 'user_agent', 'request_id', 'details'];

function filterJson(filter: AuditFilter): Record<string, string | null> {
  return {
    customerId: filter.customerId,
    staffId: filter.staffId,
    eventPrefix: filter.eventPrefix,
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
  };
}

/**
 * The search as CSV, masked as the screen is and the IP addresses by network as well (audit.mask.ts),
 * at most AUDIT_EXPORT_ROWS_MAX rows. Audited as `audit.exported` with the filter and the row count.
 */
export async function exportAuditCsv(
  db: Database,
  input: { filter: AuditFilter; staffId: string; meta: RequestMeta; now: Date },
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const rows = await listAuditRows(db, input.filter, null, AUDIT_EXPORT_ROWS_MAX + 1);
  const truncated = rows.length > AUDIT_EXPORT_ROWS_MAX;
  const kept = rows.slice(0, AUDIT_EXPORT_ROWS_MAX);
  const line = (fields: ReadonlyArray<string | null>) => fields.map(csvField).join(',');
  const lines = [line(CSV_COLUMNS)];
  for (const row of kept) {
    const view = viewOf(row, { ipMasked: true });
    lines.push(
      line([
        view.seq,
        view.occurredAt,
        view.event,
        view.customerId,
        view.staffId,
        view.ip,
        view.userAgent,
        view.requestId,
        JSON.stringify(view.details),
      ]),
    );
  }
  await recordAuditAlone(db, {
    event: 'audit.exported',
    meta: input.meta,
    details: { staffId: input.staffId, filter: filterJson(input.filter), rows: kept.length, truncated },
    occurredAt: input.now,
  });
  // A byte order mark makes Excel read the Cyrillic of names and reasons as UTF-8.
  return { csv: `\ufeff${lines.join('\r\n')}\r\n`, rows: kept.length, truncated };
}

/** verifyAuditChain for a staff member, audited as `audit.verified` with its outcome. */
export async function verifyAuditChainFor(
  db: Database,
  input: { staffId: string; meta: RequestMeta; now: Date },
): Promise<ChainVerification> {
  const verification = await verifyAuditChain(db);
  await recordAuditAlone(db, {
    event: 'audit.verified',
    meta: input.meta,
    details: { staffId: input.staffId, ok: verification.ok, count: verification.count, brokenAtSeq: verification.brokenAtSeq },
    occurredAt: input.now,
  });
  return verification;
}
