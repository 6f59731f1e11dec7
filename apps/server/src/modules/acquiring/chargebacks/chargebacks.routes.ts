import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../../shared/schemas.js';
import { merchantOf, requireMerchantKey } from '../merchant-auth.js';
import {
  CHARGEBACKS_PAGE_DEFAULT,
  CHARGEBACKS_PAGE_MAX,
  merchantChargeback,
  merchantChargebacks,
  respondToChargeback,
} from './chargebacks.merchant.js';
import { RESPONSE_KINDS, RESPONSE_TEXT_LENGTH_MAX } from './chargebacks.types.js';
import { ChargebackPage, ChargebackView, chargebackJson } from './chargebacks.views.js';

const TAGS = ['Disputes'];
const Params = Type.Object({ disputeId: Id('cb') }, strict);

/**
 * The merchant's disputes (issue 15 item 7; docs/acquiring-chargebacks.md): the chargebacks the
 * bank opened on its live payments when a cardholder said "this wasn't me", and the answer. The
 * same events come by webhook (dispute.created, dispute.updated, dispute.closed).
 */
export async function chargebacksRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const merchant = requireMerchantKey(ctx);

  app.get(
    '/api/merchant/v1/disputes',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Disputes (chargebacks) on the merchant’s live payments, newest first, a page at a time',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CHARGEBACKS_PAGE_MAX, default: CHARGEBACKS_PAGE_DEFAULT })),
            after: Type.Optional(Id('cb')),
          },
          strict,
        ),
        response: { 200: ChargebackPage, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? CHARGEBACKS_PAGE_DEFAULT;
      const items = await merchantChargebacks(ctx, merchantOf(request), { limit, afterId: request.query.after ?? null });
      const last = items.at(-1);
      return { items: items.map(chargebackJson), nextCursor: items.length === limit && last ? last.id : null };
    },
  );

  app.get(
    '/api/merchant/v1/disputes/:disputeId',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'A dispute',
        params: Params,
        response: { 200: ChargebackView, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => chargebackJson(await merchantChargeback(ctx, merchantOf(request), request.params.disputeId)),
  );

  app.post(
    '/api/merchant/v1/disputes/:disputeId/respond',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary:
          'Answer a dispute before respondBy: evidence that the cardholder made the purchase, or accept it. A new answer replaces the last; the bank decides',
        params: Params,
        body: Type.Object(
          {
            kind: literalUnion(RESPONSE_KINDS),
            text: Type.Optional(
              Type.String({
                maxLength: RESPONSE_TEXT_LENGTH_MAX,
                description: 'Required for evidence: delivery, the buyer’s confirmation…',
              }),
            ),
          },
          strict,
        ),
        response: { 200: ChargebackView, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const act = { ...merchantOf(request), meta: requestMeta(request) };
      return chargebackJson(await respondToChargeback(ctx, act, request.params.disputeId, request.body));
    },
  );
}
