import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict } from '../../shared/schemas.js';
import {
  type CustomerFile,
  CustomerFileView,
  CustomerId,
  callCustomerFile,
  customerFile,
  customerFileView,
  Reason,
} from '../calls/index.js';
import { findCustomerById } from '../identity/index.js';
import { StaffLimitsView, staffCustomerLimits } from '../risk/index.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { CustomerMatchView, CustomerSearchQuery, searchCustomers } from './customer-search.js';
import { FilePartsProperties, filePartsView, readFileParts } from './file-parts.js';

const TAGS = ['calls'];

/** The whole file: the calls' core (profile, money, access) and the parts other modules own. */
const FullCustomerFileView = Type.Object(
  // The transfer limits are risk's: each with its default and ceiling, and a raise waiting for a checker.
  { ...CustomerFileView.properties, ...FilePartsProperties, limits: StaffLimitsView },
  { description: "The customer's file: masked where a staff member does not need the whole value; no code text ever" },
);

async function withParts(ctx: AppContext, file: CustomerFile, meta: RequestMeta) {
  const customer = await findCustomerById(ctx.db, file.customerId);
  // The calls' read found the customer a moment ago; a customer is never deleted, only closed.
  if (!customer) throw new Error(`customer ${file.customerId} vanished while their file was read (request ${meta.requestId})`);
  const parts = await readFileParts(ctx, customer, file.access);
  const limits = await staffCustomerLimits(ctx, file.customerId);
  return { ...customerFileView(file), ...filePartsView(parts), limits };
}

/**
 * The staff's customers (issue 13 item 8): the security officers' search, and the customer's file
 * by either way in (an operator's identified call, calls' customer-file.ts decides; a security
 * officer's reason). Every route is 'customers.file'; the search refuses operators itself (403),
 * who keep the "exists or not" look-up on a call.
 */
export async function customersRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const file = requireStaff(ctx, 'customers.file');

  app.get(
    '/api/staff/v1/calls/:callId/customer',
    {
      preHandler: file,
      schema: {
        tags: TAGS,
        summary: 'The file of the customer identified on this call, while it lasts; audited with the call',
        params: Type.Object({ callId: Id('call') }, strict),
        response: { 200: FullCustomerFileView, 404: Problem },
      },
    },
    async (request) => {
      const meta = requestMeta(request);
      return withParts(ctx, await callCustomerFile(ctx, staffOf(request), request.params.callId, meta), meta);
    },
  );

  app.get(
    '/api/staff/v1/customers',
    {
      preHandler: file,
      schema: {
        tags: TAGS,
        summary:
          'Search customers by one of phone, IIN or full name: security officers only (operators: 403, they look a caller up on the call); the matches masked, audited',
        querystring: CustomerSearchQuery,
        response: { 200: Type.Object({ items: Type.Array(CustomerMatchView) }), 400: Problem, 403: Problem, 429: Problem },
      },
    },
    async (request) => ({ items: await searchCustomers(ctx, staffOf(request), request.query, requestMeta(request)) }),
  );

  app.get(
    '/api/staff/v1/customers/:customerId',
    {
      preHandler: file,
      schema: {
        tags: TAGS,
        summary:
          "A customer's file: an operator only on an identified call of theirs with this customer, a security officer with a reason; audited, 404 otherwise",
        params: Type.Object({ customerId: CustomerId }, strict),
        querystring: Type.Object({ reason: Type.Optional(Reason) }, strict),
        response: { 200: FullCustomerFileView, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const meta = requestMeta(request);
      const opened = await customerFile(ctx, staffOf(request), request.params.customerId, request.query.reason ?? null, meta);
      return withParts(ctx, opened, meta);
    },
  );
}
