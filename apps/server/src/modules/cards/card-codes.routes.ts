import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { resendCardCode } from './card-codes.js';
import { CardParams, Confirmation } from './cards.schemas.js';

/** The challenge of a card step waiting for its code: the one the reveal or the raise answered. */
const ResendBody = Type.Object({ challengeId: Id('chl') }, strict);

/**
 * A new SMS code for a card step waiting for one (the reveal of the details, a raise of the
 * internet limits or "no limit"), as /api/v1/transfers/:id/resend does for a transfer: the old
 * code stops working, after a 60 s pause (429 with Retry-After), within the hourly caps of codes.
 */
export async function cardCodesRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);

  app.post(
    '/api/v1/cards/:cardId/codes/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'A new SMS code for the card’s reveal or limits step waiting for one (60 s cooldown); the earlier code stops working',
        params: CardParams,
        body: ResendBody,
        response: { 200: Confirmation, 404: Problem, 409: Problem, 422: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendCardCode(ctx, {
        customerId: authOf(request).customerId,
        cardId: request.params.cardId,
        challengeId: request.body.challengeId,
        meta: requestMeta(request),
      }),
  );
}
