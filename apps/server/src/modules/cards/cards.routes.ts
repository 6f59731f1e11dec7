import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX } from '../operations/index.js';
import { cardCodesRoutes } from './card-codes.routes.js';
import { cardControlsRoutes } from './card-controls.routes.js';
import { changeCardStatus, type StatusAction } from './card-status.service.js';
import { CardProblem } from './cards.errors.js';
import { CardList, CardParams, CardView, IssueBody } from './cards.schemas.js';
import { getCard, issueCard, listCards } from './cards.service.js';

/**
 * /api/v1/cards: the customer's cards (issue 14 items 1, 4, 5). Every route is the signed-in
 * customer's; another customer's card id is 404 and audited. The controls, limits and the reveal
 * are in card-controls.routes.ts.
 */
export async function cardsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/cards',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'Your cards, newest first: masked, with status, expiry, controls and limits',
        response: { 200: CardList, 401: Problem },
      },
    },
    async (request) => ({ items: await listCards(ctx, authOf(request).customerId), activeMax: ctx.config.cards.activePerCustomerMax }),
  );

  app.post(
    '/api/v1/cards',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'Issue a virtual or a single-use card on your current account or e-wallet (Idempotency-Key required)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: IssueBody,
        response: { 201: CardView, 400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 423: Problem },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (!key) throw new ProblemError(CardProblem['card-idempotency-key-required']);
      const issued = await issueCard(ctx, {
        customerId: authOf(request).customerId,
        accountId: request.body.accountId,
        kind: request.body.kind ?? 'virtual',
        idempotencyKey: key,
        meta: requestMeta(request),
      });
      // A retry with the same key answers the first answer again (SECURITY.md 28).
      return reply.code(201).send(issued.card);
    },
  );

  app.get(
    '/api/v1/cards/:cardId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'One of your cards',
        params: CardParams,
        response: { 200: CardView, 404: Problem },
      },
    },
    async (request) => getCard(ctx, authOf(request).customerId, request.params.cardId, requestMeta(request)),
  );

  const STATUS_ROUTES: ReadonlyArray<{ action: StatusAction; summary: string }> = [
    { action: 'freeze', summary: 'Freeze the card at once: nothing is paid with it until you unfreeze it' },
    { action: 'unfreeze', summary: 'Unfreeze the card (not while the bank has blocked your access)' },
    { action: 'close', summary: 'Close the card for good' },
  ];
  for (const { action, summary } of STATUS_ROUTES) {
    app.post(
      `/api/v1/cards/:cardId/${action}`,
      {
        preHandler: authenticated,
        schema: {
          tags: ['cards'],
          summary,
          params: CardParams,
          response: { 200: CardView, 404: Problem, 409: Problem, 423: Problem },
        },
      },
      async (request) =>
        changeCardStatus(ctx, {
          customerId: authOf(request).customerId,
          cardId: request.params.cardId,
          action,
          meta: requestMeta(request),
        }),
    );
  }

  await cardControlsRoutes(app, { ctx });
  await cardCodesRoutes(app, { ctx });
}
