import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { normalizePhone } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { literalUnion, strict } from '../../shared/schemas.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { LOOKUP_WINDOW_MS, LOOKUPS_PER_STAFF_PER_HOUR_MAX } from '../calls/index.js';
import {
  type Customer,
  findCustomerByIin,
  findCustomerByPhone,
  findCustomersByFullName,
  maskName,
  maskPhoneForDisplay,
  normalizeFullName,
} from '../identity/index.js';
import { chargeCaps } from '../sca/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { CustomerProblem, searchRateLimitProblem } from './customers.errors.js';

/**
 * The security officers' search of customers (issue 13 item 8): by the phone, the IIN or the full
 * name, a list of who matches, masked (name, phone) with the id that opens the file, which asks
 * for a reason in its turn (calls' customer-file.ts). Operators never list customers: on a call they get
 * "exists or not" (calls' lookup.ts), and here a 403, audited.
 *
 * SECURITY.md 36: a search that says who is a customer is an oracle, so each counts, atomically
 * through sca's caps, towards the same hourly cap per staff member as a look-up on a call
 * (LOOKUPS_PER_STAFF_PER_HOUR_MAX: one oracle, one count), and is audited with what it was by and
 * whom it matched; the value searched for is not written down.
 */

/** Customers one answer lists: a name shared by more is narrowed by the phone or the IIN. */
export const SEARCH_RESULTS_MAX = 20;

const IIN_PATTERN = /^\d{12}$/;

export const CustomerSearchQuery = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    iin: Type.Optional(Type.String({ maxLength: 12 })),
    name: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { ...strict, description: 'Exactly one of phone, iin, name' },
);
export type CustomerSearchQuery = Static<typeof CustomerSearchQuery>;

export const CustomerMatchView = Type.Object({
  id: Type.String(),
  maskedName: Type.String(),
  maskedPhone: Type.String(),
  status: literalUnion(['active', 'blocked', 'closed']),
});
export type CustomerMatch = Static<typeof CustomerMatchView>;

type SearchBy = { by: 'phone'; phone: string } | { by: 'iin'; iin: string } | { by: 'name'; name: string };

function searchBy(query: CustomerSearchQuery): SearchBy {
  const given = [query.phone, query.iin, query.name].filter((value) => value !== undefined && value.trim() !== '');
  if (given.length !== 1) throw new ProblemError(CustomerProblem['customer-search-query-invalid']);
  if (query.phone?.trim()) {
    const phone = normalizePhone(query.phone);
    if (!phone) throw new ProblemError(CustomerProblem['customer-search-phone-invalid']);
    return { by: 'phone', phone };
  }
  if (query.iin?.trim()) {
    const iin = query.iin.trim();
    if (!IIN_PATTERN.test(iin)) throw new ProblemError(CustomerProblem['customer-search-iin-invalid']);
    return { by: 'iin', iin };
  }
  const name = normalizeFullName(query.name ?? '');
  if (!name) throw new ProblemError(CustomerProblem['customer-search-name-invalid']);
  return { by: 'name', name };
}

async function matching(ctx: AppContext, search: SearchBy): Promise<Customer[]> {
  if (search.by === 'phone') {
    const customer = await findCustomerByPhone(ctx.db, search.phone);
    return customer ? [customer] : [];
  }
  if (search.by === 'iin') {
    const customer = await findCustomerByIin(ctx.db, ctx.config.keyring, search.iin);
    return customer ? [customer] : [];
  }
  return findCustomersByFullName(ctx.db, search.name, SEARCH_RESULTS_MAX);
}

export async function searchCustomers(
  ctx: AppContext,
  staff: Pick<StaffPrincipal, 'staffId' | 'role'>,
  query: CustomerSearchQuery,
  meta: RequestMeta,
): Promise<CustomerMatch[]> {
  const now = ctx.clock.now();
  if (staff.role !== 'security_officer') {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: null,
      meta,
      details: { resource: 'customer-search', staffId: staff.staffId, role: staff.role },
      occurredAt: now,
    });
    throw new ProblemError(CustomerProblem['customer-search-officers-only']);
  }
  const search = searchBy(query);
  const customers = await matching(ctx, search);
  const retryAfterSeconds = await ctx.db.transaction(async (tx) => {
    const charged = await chargeCaps(
      tx,
      [{ scope: 'staff-lookup', key: staff.staffId, max: LOOKUPS_PER_STAFF_PER_HOUR_MAX, windowMs: LOOKUP_WINDOW_MS }],
      now,
    );
    if (!charged.ok) return charged.retryAfterSeconds;
    await recordAudit(tx, {
      event: 'customers.searched',
      customerId: customers.length === 1 ? (customers[0]?.id ?? null) : null,
      meta,
      details: { staffId: staff.staffId, by: search.by, matches: customers.length, customerIds: customers.map((customer) => customer.id) },
      occurredAt: now,
    });
    return null;
  });
  if (retryAfterSeconds !== null) throw searchRateLimitProblem(retryAfterSeconds);
  return customers.map((customer) => ({
    id: customer.id,
    maskedName: maskName(customer.fullName),
    maskedPhone: maskPhoneForDisplay(customer.phone),
    status: customer.status,
  }));
}
