import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { isLanguage } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Problem } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { AMOUNT_MINOR_MAX, CURRENCY_CODES, type Currency } from '../ledger/index.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX } from './idempotency.js';
import { LOW_VALUE_CURRENCY } from './low-value.js';
import { lookUpPayee } from './payee-lookup.js';
import { receiptHtml, receiptPdf } from './receipts.js';
import { TransferProblem } from './transfers.errors.js';
import {
  confirmTransfer,
  createTransfer,
  feeSchedule,
  getTransfer,
  listHistory,
  openDispute,
  resendTransferCode,
  type TransferKind,
  type TransferStatus,
} from './transfers.service.js';
import { addTrustedPayee, confirmTrustedPayee, listTrustedPayees, removeTrustedPayee, resendTrustedPayeeCode } from './trusted-payees.js';

const strict = { additionalProperties: false } as const;
const HISTORY_PAGE_MAX = 100;
const OperationId = Type.String({ pattern: '^op_[0-9a-f]{32}$' });
const AccountId = Type.String({ pattern: '^acc_[0-9a-f]{32}$' });
const KindSchema = Type.Union([Type.Literal('own'), Type.Literal('phone'), Type.Literal('iban')]);
const StatusSchema = Type.Union(
  ['awaiting_confirmation', 'completed', 'sent', 'declined', 'expired'].map((status) => Type.Literal(status)),
);

const TransferView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  direction: Type.String(),
  status: Type.String(),
  sourceAccountId: Type.Union([Type.String(), Type.Null()]),
  destinationAccountId: Type.Union([Type.String(), Type.Null()]),
  amountMinor: Type.Integer(),
  feeMinor: Type.Integer(),
  currency: Type.String(),
  payee: Type.String(),
  payer: Type.Union([Type.String(), Type.Null()]),
  purposeCode: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
  declineReasonText: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  scaExemption: Type.Union([Type.Literal('own'), Type.Literal('trusted-payee'), Type.Literal('low-value'), Type.Null()], {
    description:
      'Why no SMS code was asked (sender only): own accounts (RTS art. 15), a trusted payee (art. 13), a low-value payment (art. 16); null when a code was asked or for the payee',
  }),
  confirmation: Type.Union([Type.Object({ expiresAt: Type.String(), resendAvailableAt: Type.String() }), Type.Null()]),
});

const CreateTransfer = Type.Object(
  {
    kind: KindSchema,
    sourceAccountId: AccountId,
    // SECURITY.md 25: a positive whole number of minor units; JSON strings, fractions, NaN and
    // anything beyond the ledger's maximum are refused by the schema before any code runs.
    amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }),
    currency: Type.Union(CURRENCY_CODES.map((code) => Type.Literal(code))),
    destinationAccountId: Type.Optional(AccountId),
    payeePhone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
    payeeIban: Type.Optional(Type.String({ minLength: 15, maxLength: 40 })),
    payeeName: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    payeeTaxId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    purposeCode: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
    description: Type.Optional(Type.String({ maxLength: 140 })),
  },
  strict,
);

export async function transfersRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);

  // The fee schedule, so the review step shows the fee before any code is sent. Whether an IBAN
  // is this bank's is public (its bank code, characters 5-7), so the client decides that itself.
  app.get(
    '/api/v1/transfers/fees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Fees by kind of transfer, in the currency of the transfer (minor units)',
        response: {
          200: Type.Object({
            bankCode: Type.String({ description: "This bank's code in a KZ IBAN (characters 5-7)" }),
            ownAccounts: Type.Integer(),
            byPhone: Type.Integer(),
            ibanThisBank: Type.Integer(),
            ibanOtherBank: Type.Array(Type.Object({ currency: Type.String(), feeMinor: Type.Integer() })),
          }),
        },
      },
    },
    async () => {
      const fees = feeSchedule(ctx.config);
      return {
        bankCode: fees.bankCode,
        ownAccounts: Number(fees.ownAccounts),
        byPhone: Number(fees.byPhone),
        ibanThisBank: Number(fees.ibanThisBank),
        ibanOtherBank: Object.entries(fees.ibanOtherBank).map(([currency, fee]) => ({ currency, feeMinor: Number(fee) })),
      };
    },
  );

  // When a transfer goes without a code, so the review step can name its button truthfully: a
  // button that says "get a code" must not move money at once. Own accounts (RTS art. 15) and
  // trusted payees (art. 13, GET /api/v1/trusted-payees) are known to the client; the low-value
  // cap (art. 16) is published here. Whether the customer's allowance still has room is decided
  // only under its lock when the transfer is made, so a transfer within the cap may still ask.
  app.get(
    '/api/v1/transfers/sca-exemptions',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'When a transfer to another person may go without an SMS code',
        response: {
          200: Type.Object({
            lowValue: Type.Union([
              Type.Object({
                currency: Type.String(),
                perOperationMaxMinor: Type.Integer({ description: 'The fee-inclusive amount a transfer may have to go without a code' }),
              }),
              Type.Null(),
            ]),
          }),
          401: Problem,
        },
      },
    },
    async () => {
      const policy = ctx.config.transfers.scaLowValue;
      return {
        lowValue:
          policy.perOperationMaxMinor > 0n
            ? { currency: LOW_VALUE_CURRENCY, perOperationMaxMinor: Number(policy.perOperationMaxMinor) }
            : null,
      };
    },
  );

  // SECURITY.md 36: the review step of a phone transfer shows whom the money goes to. Numbers that
  // turn out to name nobody are capped per customer and day (payee-lookup.ts); a customer's is free.
  app.post(
    '/api/v1/transfers/payee-lookup',
    {
      config: { rateLimit: 'lookup' },
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Whom a phone transfer would go to: the masked name of the customer, or that the number has no customer',
        body: Type.Object({ phone: Type.String({ minLength: 5, maxLength: 32 }) }, strict),
        response: {
          200: Type.Object({
            found: Type.Boolean({ description: 'Whether the number belongs to a customer of the bank' }),
            maskedName: Type.Union([Type.String(), Type.Null()], {
              description: 'Given name and surname initial, as the SMS code names the payee',
            }),
          }),
          400: Problem,
          401: Problem,
          429: Problem,
        },
      },
    },
    async (request) => {
      const lookup = await lookUpPayee(ctx, {
        customerId: authOf(request).customerId,
        phone: (request.body as { phone: string }).phone,
        meta: requestMeta(request),
      });
      return lookup.found ? lookup : { found: false, maskedName: null };
    },
  );

  app.post(
    '/api/v1/transfers',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Create a transfer (own accounts, by phone, by IBAN). Needs an Idempotency-Key; a retry returns the first answer',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: CreateTransfer,
        response: { 201: TransferView, 400: Problem, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > IDEMPOTENCY_KEY_LENGTH_MAX)
        throw new ProblemError(TransferProblem['idempotency-key-required']);
      const body = request.body as { amountMinor: number; currency: Currency; kind: TransferKind; sourceAccountId: string } & Record<
        string,
        string | undefined
      >;
      const response = await createTransfer(ctx, {
        customerId: authOf(request).customerId,
        idempotencyKey: key,
        body: { ...body, amountMinor: BigInt(body.amountMinor) },
        rawBody: request.body,
        meta: requestMeta(request),
      });
      return reply.code(response.status as 201).send(response.body);
    },
  );

  app.post(
    '/api/v1/transfers/:transferId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Confirm with the SMS code bound to this amount and payee',
        params: Type.Object({ transferId: OperationId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: TransferView, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) =>
      confirmTransfer(ctx, {
        customerId: authOf(request).customerId,
        transferId: (request.params as { transferId: string }).transferId,
        code: (request.body as { code: string }).code,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/transfers/:transferId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'A new code for this transfer (60 s cooldown)',
        params: Type.Object({ transferId: OperationId }, strict),
        response: { 200: TransferView, 404: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendTransferCode(ctx, {
        customerId: authOf(request).customerId,
        transferId: (request.params as { transferId: string }).transferId,
        meta: requestMeta(request),
      }),
  );

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
            accountId: Type.Optional(AccountId),
            kind: Type.Optional(KindSchema),
            status: Type.Optional(StatusSchema),
            q: Type.Optional(Type.String({ maxLength: 60 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: 20 })),
          },
          strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(TransferView), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const query = request.query as {
        from?: string;
        to?: string;
        accountId?: string;
        kind?: TransferKind;
        status?: TransferStatus;
        q?: string;
        cursor?: string;
        limit: number;
      };
      return listHistory(
        ctx,
        authOf(request).customerId,
        {
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
          ...(query.accountId ? { accountId: query.accountId } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.q ? { search: query.q } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          limit: query.limit,
        },
        requestMeta(request).language,
      );
    },
  );

  app.get(
    '/api/v1/operations/:transferId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: 'One operation',
        params: Type.Object({ transferId: OperationId }, strict),
        response: { 200: TransferView, 404: Problem },
      },
    },
    async (request) =>
      getTransfer(ctx, authOf(request).customerId, (request.params as { transferId: string }).transferId, requestMeta(request)),
  );

  app.post(
    '/api/v1/operations/:transferId/dispute',
    {
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: '"This wasn’t me": report an operation you do not recognise',
        params: Type.Object({ transferId: OperationId }, strict),
        body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) }, strict),
        response: { 201: Type.Object({ disputeId: Type.String(), createdAt: Type.String() }), 404: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await openDispute(ctx, {
          customerId: authOf(request).customerId,
          transferId: (request.params as { transferId: string }).transferId,
          comment: (request.body as { comment?: string }).comment ?? null,
          meta: requestMeta(request),
        }),
      ),
  );

  app.get(
    '/api/v1/operations/:transferId/receipt',
    {
      config: { rateLimit: 'statement' },
      preHandler: authenticated,
      schema: {
        tags: ['operations'],
        summary: 'Receipt of an operation as PDF or HTML',
        params: Type.Object({ transferId: OperationId }, strict),
        querystring: Type.Object(
          {
            format: Type.Union([Type.Literal('pdf'), Type.Literal('html')], { default: 'pdf' }),
            lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')])),
          },
          strict,
        ),
        response: { 404: Problem },
      },
    },
    async (request, reply) => {
      const meta = requestMeta(request);
      const query = request.query as { format: 'pdf' | 'html'; lang?: string };
      const language = isLanguage(query.lang) ? query.lang : meta.language;
      const view = await getTransfer(ctx, authOf(request).customerId, (request.params as { transferId: string }).transferId, {
        ...meta,
        language,
      });
      if (query.format === 'html') {
        // The receipt page runs no script at all; its one inline style block is allowed, nothing else.
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          )
          .send(receiptHtml(ctx, view, language));
      }
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="receipt-${view.id}.pdf"`)
        .send(await receiptPdf(ctx, view, language));
    },
  );

  const PayeeId = Type.String({ pattern: '^tpy_[0-9a-f]{32}$' });
  const TrustedPayee = Type.Object({
    id: Type.String(),
    kind: Type.String(),
    label: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    iban: Type.Union([Type.String(), Type.Null()]),
    status: Type.String(),
    createdAt: Type.String(),
  });
  const TrustedPayeeAwaitingCode = Type.Intersect([
    TrustedPayee,
    Type.Object({ confirmation: Type.Object({ expiresAt: Type.String(), resendAvailableAt: Type.String() }) }),
  ]);

  app.get(
    '/api/v1/trusted-payees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Payees that need no code',
        response: { 200: Type.Object({ items: Type.Array(TrustedPayee) }) },
      },
    },
    async (request) => ({ items: await listTrustedPayees(ctx.db, authOf(request).customerId) }),
  );

  app.post(
    '/api/v1/trusted-payees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Add a trusted payee; an SMS code naming the payee confirms it',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('phone'), Type.Literal('iban')]),
            phone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
            iban: Type.Optional(Type.String({ minLength: 15, maxLength: 40 })),
            label: Type.String({ minLength: 1, maxLength: 60 }),
          },
          strict,
        ),
        response: {
          201: TrustedPayeeAwaitingCode,
          400: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { kind: 'phone' | 'iban'; phone?: string; iban?: string; label: string };
      return reply
        .code(201)
        .send(await addTrustedPayee(ctx, { customerId: authOf(request).customerId, ...body, meta: requestMeta(request) }));
    },
  );

  app.post(
    '/api/v1/trusted-payees/:payeeId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Confirm a trusted payee with the code',
        params: Type.Object({ payeeId: PayeeId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: TrustedPayee, 404: Problem, 422: Problem },
      },
    },
    async (request) =>
      confirmTrustedPayee(ctx, {
        customerId: authOf(request).customerId,
        payeeId: (request.params as { payeeId: string }).payeeId,
        code: (request.body as { code: string }).code,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/trusted-payees/:payeeId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'A new code for a payee awaiting confirmation (60 s cooldown)',
        params: Type.Object({ payeeId: PayeeId }, strict),
        response: { 200: TrustedPayeeAwaitingCode, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendTrustedPayeeCode(ctx, {
        customerId: authOf(request).customerId,
        payeeId: (request.params as { payeeId: string }).payeeId,
        meta: requestMeta(request),
      }),
  );

  app.delete(
    '/api/v1/trusted-payees/:payeeId',
    {
      preHandler: authenticated,
      schema: {
        tags: ['trusted payees'],
        summary: 'Remove a trusted payee',
        params: Type.Object({ payeeId: PayeeId }, strict),
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      await removeTrustedPayee(ctx, {
        customerId: authOf(request).customerId,
        payeeId: (request.params as { payeeId: string }).payeeId,
        meta: requestMeta(request),
      });
      return reply.code(204).send();
    },
  );
}
