import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { AMOUNT_MINOR_MAX, CURRENCY_CODES } from '../ledger/index.js';
import { IDEMPOTENCY_KEY_LENGTH_MAX, OperationKindSchema, OperationProblem, OperationView } from '../operations/index.js';
import { LOW_VALUE_CURRENCY } from '../risk/index.js';
import { cardNumberForRequestHash } from './card-number.js';
import { feeSchedule } from './fees.js';
import { lookUpPayee } from './payee-lookup.js';
import { RECENT_PAYEES_MAX, recentPayees } from './recent-payees.js';
import { cancelTransfer, confirmTransfer, createTransfer, resendTransferCode } from './transfers.service.js';

const OperationId = Id('op');
const AccountId = Id('acc');
/** Digits with spaces or dashes as typed (4-4-4-4); the Luhn check is the server's (card-number.ts), a 422 naming the field. */
const CardNumber = Type.String({
  minLength: 16,
  maxLength: 23,
  pattern: '^[0-9 -]+$',
  description: "The recipient's card number (kind card-number); never stored or logged in clear",
});

const CreateTransfer = Type.Object(
  {
    kind: OperationKindSchema,
    sourceAccountId: AccountId,
    // SECURITY.md 25: a positive whole number of minor units; JSON strings, fractions, NaN and
    // anything beyond the ledger's maximum are refused by the schema before any code runs.
    amountMinor: Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) }),
    currency: literalUnion(CURRENCY_CODES),
    destinationAccountId: Type.Optional(AccountId),
    payeePhone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
    payeeIban: Type.Optional(Type.String({ minLength: 15, maxLength: 40 })),
    cardNumber: Type.Optional(CardNumber),
    payeeName: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    payeeTaxId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    purposeCode: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
    description: Type.Optional(Type.String({ maxLength: 140 })),
  },
  strict,
);

export async function transfersRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
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
            cardThisBank: Type.Integer({ description: 'To a Kassa card (the payee look-up tells whether a card is)' }),
            cardOtherBank: Type.Array(Type.Object({ currency: Type.String(), feeMinor: Type.Integer() })),
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
        cardThisBank: Number(fees.cardThisBank),
        cardOtherBank: Object.entries(fees.cardOtherBank).map(([currency, fee]) => ({ currency, feeMinor: Number(fee) })),
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

  // SECURITY.md 36 and issue 12 item 4: the review step shows whom the money goes to, before any
  // code is sent and without making an operation. Numbers and this bank's IBANs that turn out to
  // name nobody are capped per customer and day (payee-lookup.ts); a customer's are free.
  app.post(
    '/api/v1/transfers/payee-lookup',
    {
      config: { rateLimit: 'lookup' },
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Whom a transfer by phone, IBAN or card number would go to: the masked name, or that nobody at this bank has it',
        body: Type.Object(
          {
            phone: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
            iban: Type.Optional(Type.String({ minLength: 4, maxLength: 42 })),
            cardNumber: Type.Optional(CardNumber),
          },
          { ...strict, description: 'Exactly one of phone, iban and cardNumber' },
        ),
        response: {
          200: Type.Object({
            found: Type.Boolean({ description: 'Whether the phone, IBAN or card belongs to an active customer of the bank' }),
            maskedName: Type.Union([Type.String(), Type.Null()], {
              description: 'Given name and surname initial, as the SMS code names the payee',
            }),
            isSelf: Type.Boolean({
              description: "The customer's own phone, account or card (a phone or IBAN: a transfer between own accounts instead)",
            }),
            thisBank: Type.Boolean({
              description:
                "Whether the money stays in this bank (a phone always; an IBAN with this bank's code; a card in this bank's BIN)",
            }),
            bankCode: Type.Union([Type.String(), Type.Null()], { description: "A KZ IBAN's bank code (characters 5-7); null for a phone" }),
          }),
          400: Problem,
          401: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request) =>
      lookUpPayee(ctx, {
        customerId: authOf(request).customerId,
        ...(request.body.phone === undefined ? {} : { phone: request.body.phone }),
        ...(request.body.iban === undefined ? {} : { iban: request.body.iban }),
        ...(request.body.cardNumber === undefined ? {} : { cardNumber: request.body.cardNumber }),
        meta: requestMeta(request),
      }),
  );

  app.get(
    '/api/v1/transfers/recent-payees',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'The people you last sent money to by phone or IBAN, newest first (no own accounts)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                kind: literalUnion(['phone', 'iban']),
                phone: Type.Union([Type.String(), Type.Null()]),
                iban: Type.Union([Type.String(), Type.Null()]),
                name: Type.String({ description: 'The masked name inside the bank; the name typed for another bank' }),
                payeeTaxId: Type.Union([Type.String(), Type.Null()], { description: "Another bank's payee: the IIN/BIN you typed" }),
                purposeCode: Type.Union([Type.String(), Type.Null()]),
                lastAmountMinor: Type.Integer(),
                currency: Type.String(),
                lastAt: Type.String(),
                operationId: Type.String(),
              }),
              { maxItems: RECENT_PAYEES_MAX },
            ),
          }),
          401: Problem,
        },
      },
    },
    async (request) => ({ items: await recentPayees(ctx, authOf(request).customerId) }),
  );

  app.post(
    '/api/v1/transfers',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary:
          'Create a transfer (own accounts, by phone, by IBAN, by card number). Needs an Idempotency-Key; a retry returns the first answer',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: IDEMPOTENCY_KEY_LENGTH_MAX })) }),
        body: CreateTransfer,
        // 423: the customer's access is blocked (lost phone, modules/blocks); nothing is created.
        response: { 201: OperationView, 400: Problem, 404: Problem, 422: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > IDEMPOTENCY_KEY_LENGTH_MAX)
        throw new ProblemError(OperationProblem['idempotency-key-required']);
      const body = request.body;
      const response = await createTransfer(ctx, {
        customerId: authOf(request).customerId,
        idempotencyKey: key,
        body: { ...body, amountMinor: BigInt(body.amountMinor) },
        // The request hash never sees a card number, only its keyed hash (card-number.ts).
        rawBody:
          body.cardNumber === undefined ? body : { ...body, cardNumber: cardNumberForRequestHash(ctx.config.keyring, body.cardNumber) },
        meta: requestMeta(request),
      });
      return reply.code(response.status).send(response.body);
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
        response: { 200: OperationView, 404: Problem, 409: Problem, 422: Problem, 423: Problem },
      },
    },
    async (request) =>
      confirmTransfer(ctx, {
        customerId: authOf(request).customerId,
        transferId: request.params.transferId,
        code: request.body.code,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/api/v1/transfers/:transferId/cancel',
    {
      preHandler: authenticated,
      schema: {
        tags: ['transfers'],
        summary: 'Cancel a transfer awaiting its code: its code stops working and no money moves. Cancelling again answers the same',
        params: Type.Object({ transferId: OperationId }, strict),
        response: { 200: OperationView, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      cancelTransfer(ctx, { customerId: authOf(request).customerId, transferId: request.params.transferId, meta: requestMeta(request) }),
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
        response: { 200: OperationView, 404: Problem, 429: Problem },
      },
    },
    async (request) =>
      resendTransferCode(ctx, {
        customerId: authOf(request).customerId,
        transferId: request.params.transferId,
        meta: requestMeta(request),
      }),
  );
}
