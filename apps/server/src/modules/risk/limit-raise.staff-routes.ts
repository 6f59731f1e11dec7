import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { CURRENCY_CODES } from '../ledger/index.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { TRANSFER_LIMITS } from './customer-limits.types.js';
import { type CustomerAccessGate, requestLimitRaise } from './limit-raise.js';

// calls' REASON_LENGTH_MIN: the reason is also a security officer's reason for acting on the customer;
// approvals' reason column holds at most 500 characters.
const REASON_LENGTH_MIN = 5;
const REASON_LENGTH_MAX = 500;

/**
 * The maker's route of a limit raise (issue 13 item 10). 'limits.raise.request' lets operators and
 * security officers in; calls' gate (from app.ts) then lets an operator act only on an identified
 * call of theirs with this customer, a security officer with the reason. Another security officer
 * decides in the approvals queue (/api/staff/v1/approvals).
 */
export async function limitRaiseStaffRoutes(
  app: TypedApp,
  { ctx, customerAccess }: { ctx: AppContext; customerAccess: CustomerAccessGate },
): Promise<void> {
  app.post(
    '/api/staff/v1/customers/:customerId/limit-raise',
    {
      preHandler: requireStaff(ctx, 'limits.raise.request'),
      schema: {
        tags: ['staff'],
        summary:
          'Ask to raise one of the customer’s transfer limits (the maker): an operator on an identified call of theirs, a security officer with the reason; another security officer approves it. Anyone else 404 (audited)',
        params: Type.Object({ customerId: Id('cus') }, strict),
        body: Type.Object(
          {
            limit: literalUnion(TRANSFER_LIMITS),
            amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The new limit, in tiyn' }),
            currency: literalUnion(CURRENCY_CODES, { description: 'KZT: the limits are in tenge' }),
            reason: Type.String({
              minLength: REASON_LENGTH_MIN,
              maxLength: REASON_LENGTH_MAX,
              description: 'What the customer asked and why; the checker reads it',
            }),
          },
          strict,
        ),
        response: {
          201: Type.Object({ approvalId: Id('apr'), expiresAt: Type.String({ format: 'date-time' }) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const approval = await requestLimitRaise(ctx, customerAccess, {
        staff: staffOf(request),
        customerId: request.params.customerId,
        limit: request.body.limit,
        amountMinor: BigInt(request.body.amountMinor),
        currency: request.body.currency,
        reason: request.body.reason,
        meta: requestMeta(request),
      });
      return reply.code(201).send({ approvalId: approval.id, expiresAt: approval.expiresAt.toISOString() });
    },
  );
}
