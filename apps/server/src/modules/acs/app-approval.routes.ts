import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { authOf } from '../../shared/request-auth.js';
import { requestMeta } from '../../shared/request-meta.js';
import { literalUnion, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { requireCustomer } from '../auth/index.js';
import { approveInApp, declineInApp, pendingApprovals, startAppApproval } from './app-approval.js';
import { currencyOfNumeric } from './kassa-acs.js';

/**
 * The app's side of 3-D Secure (issue 15 item 4): the purchases waiting for the signed-in
 * customer's approval, and approving one on the bound PIN device (its key's signature over the
 * challenge that names the purchase, and the PIN) or declining it. docs/3ds.md.
 */

const tags = ['3-D Secure'];
const Params = Type.Object({ acsTransID: Type.String({ format: 'uuid' }) }, strict);

const PendingView = Type.Object({
  items: Type.Array(
    Type.Object({
      acsTransID: Type.String(),
      merchantName: Type.String(),
      amountMinor: Type.Integer(),
      currency: Type.String(),
      maskedPan: Type.String(),
      expiresAt: Timestamp,
    }),
  ),
});

const Decided = Type.Object({ status: literalUnion(['approved', 'declined']) });

export async function acsAppRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const customer = requireCustomer(ctx);

  app.get(
    '/api/v1/3ds/approvals',
    {
      preHandler: customer,
      schema: {
        tags,
        summary: 'Online purchases waiting for the customer’s approval in the app',
        response: { 200: PendingView, 401: Problem },
      },
    },
    async (request) => {
      const pending = await pendingApprovals(ctx, authOf(request).customerId);
      return {
        items: pending.map((item) => ({
          acsTransID: item.acsTransID,
          merchantName: item.merchantName,
          amountMinor: Number(item.amountMinor),
          currency: currencyOfNumeric(item.currencyNumeric) ?? item.currencyNumeric,
          maskedPan: item.maskedPan,
          expiresAt: item.expiresAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/3ds/approvals/:acsTransID/start',
    {
      preHandler: customer,
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'The challenge the bound PIN device signs to approve this purchase (it names the purchase, amount and merchant)',
        params: Params,
        response: { 200: Type.Object({ challengeId: Type.String(), challenge: Type.String() }), 401: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => startAppApproval(ctx, authOf(request), request.params.acsTransID),
  );

  app.post(
    '/api/v1/3ds/approvals/:acsTransID/approve',
    {
      preHandler: customer,
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'Approve the purchase: the device key’s signature over the challenge (P-256, base64url) and the PIN',
        params: Params,
        body: Type.Object(
          {
            challengeId: Type.String({ maxLength: 64 }),
            signature: Type.String({ maxLength: 200 }),
            pin: Type.String({ pattern: '^[0-9]{4,6}$' }),
          },
          strict,
        ),
        response: { 200: Decided, 401: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      await approveInApp(ctx, authOf(request), { acsTransID: request.params.acsTransID, ...request.body, meta: requestMeta(request) });
      return { status: 'approved' as const };
    },
  );

  app.post(
    '/api/v1/3ds/approvals/:acsTransID/decline',
    {
      preHandler: customer,
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'Decline the purchase (“this wasn’t me”): the challenge fails and the purchase is declined',
        params: Params,
        response: { 200: Decided, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      await declineInApp(ctx, authOf(request), request.params.acsTransID, requestMeta(request));
      return { status: 'declined' as const };
    },
  );
}
