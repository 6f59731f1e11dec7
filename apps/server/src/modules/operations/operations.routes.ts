import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { type RequestMeta, requestMeta } from '../../shared/request-meta.js';
import { Id, Language, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { getOperation, listHistory } from './history.js';
import { OperationDetailsView, OperationId, OperationKindSchema, OperationStatusSchema, OperationView } from './operations.schemas.js';
import { receiptHtml, receiptPdf } from './receipt-documents.js';
import { RECEIPT_PAGE_CSP } from './receipt-html.js';
import { receiptForViewer } from './receipts.js';
import { operationKindOf } from './view.js';

const HISTORY_PAGE_MAX = 100;
const HISTORY_PAGE_DEFAULT = 20;
const Params = Type.Object({ transferId: OperationId }, strict);

/**
 * Whether a card is the caller's (cards' requireOwnCard, handed in by app.ts: cards depends on
 * operations, so operations cannot import it). Resolves for the caller's own card; for anyone
 * else's, or none, throws what the cards routes answer: 404 `card-not-found`, audited
 * (SECURITY.md 23).
 */
export type CardAccessGate = (ctx: AppContext, customerId: string, cardId: string, meta: RequestMeta) => Promise<void>;

/**
 * /api/v1/operations: the history, one operation and its receipt. "This wasn't me"
 * (POST /api/v1/operations/{id}/dispute) opens a case of modules/disputes, which serves it.
 */
export async function operationsRoutes(
  parent: FastifyInstance,
  { ctx, cardAccess }: { ctx: AppContext; cardAccess: CardAccessGate },
): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/operations',
    {
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: 'History of accepted and declined operations, newest first',
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            accountId: Type.Optional(Id('acc')),
            kind: Type.Optional(OperationKindSchema),
            status: Type.Optional(OperationStatusSchema),
            q: Type.Optional(Type.String({ maxLength: 60 })),
            cardId: Type.Optional(
              Type.String({
                pattern: '^crd_[0-9a-f]{32}$',
                description: "The purchases (approved and declined) made with this card of yours; another customer's card is 404",
              }),
            ),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: HISTORY_PAGE_DEFAULT })),
          },
          strict,
        ),
        response: {
          200: Type.Object({ items: Type.Array(OperationView), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          404: Problem,
        },
      },
    },
    async (request) => {
      const query = request.query;
      const meta = requestMeta(request);
      const customerId = authOf(request).customerId;
      if (query.cardId) await cardAccess(ctx, customerId, query.cardId, meta);
      return listHistory(
        ctx,
        customerId,
        {
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
          ...(query.accountId ? { accountId: query.accountId } : {}),
          ...(query.kind ? { kind: operationKindOf(query.kind) } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.q ? { search: query.q } : {}),
          ...(query.cardId ? { cardId: query.cardId } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          limit: query.limit ?? HISTORY_PAGE_DEFAULT,
        },
        meta.language,
      );
    },
  );

  app.get(
    '/api/v1/operations/:transferId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: 'One operation, and for a transfer of your own whose money moved, what repeating it takes',
        params: Params,
        response: { 200: OperationDetailsView, 404: Problem },
      },
    },
    async (request) => getOperation(ctx, authOf(request).customerId, request.params.transferId, requestMeta(request)),
  );

  app.get(
    '/api/v1/operations/:transferId/receipt',
    {
      config: { rateLimit: 'statement' },
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: 'Receipt of an operation as PDF or HTML',
        params: Params,
        querystring: Type.Object({ format: literalUnion(['pdf', 'html'], { default: 'pdf' }), lang: Type.Optional(Language) }, strict),
        response: { 200: Type.Unknown({ description: 'The receipt: application/pdf, or text/html with format=html' }), 404: Problem },
      },
    },
    async (request, reply) => {
      const meta = requestMeta(request);
      const language = request.query.lang ?? meta.language;
      const receipt = await receiptForViewer(ctx, authOf(request).customerId, request.params.transferId, { ...meta, language });
      if (request.query.format === 'html') {
        // The receipt page runs no script at all; its one style block is allowed by its hash, nothing else.
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', RECEIPT_PAGE_CSP)
          .send(await receiptHtml(ctx, receipt, language));
      }
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="receipt-${receipt.record.id}.pdf"`)
        .send(await receiptPdf(ctx, receipt, language));
    },
  );
}
