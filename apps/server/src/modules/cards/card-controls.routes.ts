import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { setToggles } from './card-controls.service.js';
import { confirmLimits, endUnlimited, setLimits, startUnlimited } from './card-limits.service.js';
import { confirmReveal, startReveal } from './card-reveal.service.js';
import {
  CardParams,
  CardView,
  ConfirmBody,
  ControlsBody,
  LimitsAnswer,
  LimitsBody,
  RevealedDetails,
  RevealStarted,
  UnlimitedBody,
} from './cards.schemas.js';

/** The card's switches, its internet limits ("no limit for N days" too) and the reveal of its details after a code. */
export async function cardControlsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);
  const who = (request: Parameters<typeof authOf>[0]) => ({ customerId: authOf(request).customerId, meta: requestMeta(request) });

  app.patch(
    '/api/v1/cards/:cardId/controls',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'Internet payments, contactless and cash on or off, applied at once',
        params: CardParams,
        body: ControlsBody,
        response: { 200: CardView, 404: Problem, 409: Problem },
      },
    },
    async (request) => setToggles(ctx, { ...who(request), cardId: request.params.cardId, toggles: request.body }),
  );

  app.put(
    '/api/v1/cards/:cardId/limits',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary:
          'Set the internet limits: at or below the defaults at once (200); above them after an SMS code (202, then /limits/confirm)',
        params: CardParams,
        body: LimitsBody,
        response: { 200: LimitsAnswer, 202: LimitsAnswer, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const limits = {
        perOperationMinor: BigInt(request.body.perOperationMinor),
        perDayMinor: BigInt(request.body.perDayMinor),
        perMonthMinor: BigInt(request.body.perMonthMinor),
      };
      const answer = await setLimits(ctx, { ...who(request), cardId: request.params.cardId, limits });
      return reply.code(answer.confirmation ? 202 : 200).send(answer);
    },
  );

  app.post(
    '/api/v1/cards/:cardId/unlimited',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: '"No limit" on the internet for N days (at most CARD_UNLIMITED_DAYS_MAX), after an SMS code; it turns itself back',
        params: CardParams,
        body: UnlimitedBody,
        response: { 202: LimitsAnswer, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await startUnlimited(ctx, { ...who(request), cardId: request.params.cardId, days: request.body.days })),
  );

  app.delete(
    '/api/v1/cards/:cardId/unlimited',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'End "no limit" now: the limits apply again',
        params: CardParams,
        response: { 200: LimitsAnswer, 404: Problem, 409: Problem },
      },
    },
    async (request) => endUnlimited(ctx, { ...who(request), cardId: request.params.cardId }),
  );

  app.post(
    '/api/v1/cards/:cardId/limits/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'Confirm a raise of the limits (or "no limit") with the SMS code',
        params: CardParams,
        body: ConfirmBody,
        response: { 200: LimitsAnswer, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => confirmLimits(ctx, { ...who(request), cardId: request.params.cardId, ...request.body }),
  );

  app.post(
    '/api/v1/cards/:cardId/reveal',
    {
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'Ask to see the card’s number, expiry and CVC2: an SMS code naming the card is sent',
        params: CardParams,
        response: { 201: RevealStarted, 404: Problem, 409: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => reply.code(201).send(await startReveal(ctx, { ...who(request), cardId: request.params.cardId })),
  );

  app.post(
    '/api/v1/cards/:cardId/reveal/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['cards'],
        summary: 'The card’s details after the code: show them for visibleForSeconds, never store them',
        params: CardParams,
        body: ConfirmBody,
        response: { 200: RevealedDetails, 404: Problem, 409: Problem, 422: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const details = await confirmReveal(ctx, { ...who(request), cardId: request.params.cardId, ...request.body });
      // SECURITY.md 20: no cache anywhere on the way may keep the answer.
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return details;
    },
  );
}
