import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { literalUnion, PasswordInput, Problem, strict } from '../../shared/schemas.js';
import { authOf, clearSessionCookie, requireCustomer } from '../auth/index.js';
import { BLOCK_REASONS, SELF_BLOCK_REASONS } from './blocks.types.js';
import { blockFromWeb, blockSignedIn } from './self-block.service.js';

const BlockAnswer = Type.Object({
  message: Type.String({ description: 'What happened, in the language asked for, and whom to call' }),
  contactCenterPhone: Type.String(),
});

const SelfBlockReason = literalUnion(SELF_BLOCK_REASONS, {
  description: `One of ${BLOCK_REASONS.length} reasons; fraud_suspected is for staff`,
});

/**
 * The customer's ways to the emergency block (issue 13 item 4 (a)). Staff block from the back
 * office (emergencyBlock with a staff id, from modules/calls and modules/incidents).
 */
export async function blocksRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post(
    '/api/v1/emergency-block',
    {
      config: { rateLimit: 'emergency-block' },
      schema: {
        tags: ['blocks'],
        summary:
          'Lost phone or dead SIM: block access without the phone, by phone or IIN, password and date of birth. Always 202 with the same answer, whether the details matched or not',
        body: Type.Object(
          {
            login: Type.String({ minLength: 5, maxLength: 32, description: 'The phone number or the 12-digit IIN' }),
            password: PasswordInput,
            birthDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' }),
            reason: SelfBlockReason,
          },
          strict,
        ),
        response: { 202: BlockAnswer, 400: Problem, 429: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { login, password, birthDate, reason } = request.body;
      const answer = await blockFromWeb(ctx, { login, password, birthDate, reason, meta: requestMeta(request) });
      return reply.code(202).send(answer);
    },
  );

  app.post(
    '/api/v1/emergency-block/self',
    {
      config: { rateLimit: 'emergency-block' },
      preHandler: requireCustomer(ctx),
      schema: {
        tags: ['blocks'],
        summary: 'Block my access now (signed in): every session ends, this one too, every device is unbound, transfers stop',
        body: Type.Object({ reason: SelfBlockReason }, strict),
        response: { 200: BlockAnswer, 400: Problem, 401: Problem, 403: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const answer = await blockSignedIn(ctx, {
        customerId: authOf(request).customerId,
        reason: request.body.reason,
        meta: requestMeta(request),
      });
      clearSessionCookie(reply);
      return answer;
    },
  );
}
