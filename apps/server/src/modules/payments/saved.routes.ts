import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { AMOUNT_MINOR_MAX, CURRENCY_CODES } from '../ledger/index.js';
import { listFavourites, removeFavourite, saveFavourite } from './favourites.js';
import { FieldValues, PaymentId, ProviderId } from './payments.schemas.js';
import type { Favourite, Schedule } from './saved.repo.js';
import { cancelSchedule, confirmSchedule, createSchedule, listSchedules, resendScheduleCode } from './schedules.js';

const tags = ['payments'];
const FavouriteId = Id('fav');
const ScheduleId = Id('sch');
const Amount = Type.Integer({ minimum: 1, maximum: Number(AMOUNT_MINOR_MAX) });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const FavouriteView = Type.Object({
  id: FavouriteId,
  providerId: ProviderId,
  name: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  accountLabel: Type.String(),
  amountMinor: nullable(Type.Integer()),
  sourceAccountId: nullable(Type.String()),
  remind: Type.Boolean({ description: 'A notice before the bill is due when it is not paid this month (providers that send bills)' }),
  createdAt: Type.String(),
});

const ScheduleView = Type.Object({
  id: ScheduleId,
  providerId: ProviderId,
  name: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  accountLabel: Type.String(),
  sourceAccountId: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  frequency: literalUnion(['once', 'monthly']),
  dayOfMonth: nullable(Type.Integer()),
  status: literalUnion(['awaiting_confirmation', 'active', 'cancelled', 'finished']),
  nextRunOn: nullable(Type.String({ description: 'YYYY-MM-DD in the bank’s time zone' })),
  lastRunOn: nullable(Type.String()),
  lastOperationId: nullable(Type.String()),
  createdAt: Type.String(),
});
const Confirmation = Type.Object({ expiresAt: Type.String(), resendAvailableAt: Type.String() });

function favouriteView(favourite: Favourite): Static<typeof FavouriteView> {
  return {
    id: favourite.id,
    providerId: favourite.providerId,
    name: favourite.name,
    fields: favourite.fields,
    accountLabel: favourite.accountLabel,
    amountMinor: favourite.amountMinor === null ? null : Number(favourite.amountMinor),
    sourceAccountId: favourite.sourceAccountId,
    remind: favourite.remind,
    createdAt: favourite.createdAt.toISOString(),
  };
}

function scheduleView(schedule: Schedule): Static<typeof ScheduleView> {
  return {
    id: schedule.id,
    providerId: schedule.providerId,
    name: schedule.name,
    fields: schedule.fields,
    accountLabel: schedule.accountLabel,
    sourceAccountId: schedule.sourceAccountId,
    amountMinor: Number(schedule.amountMinor),
    currency: schedule.currency,
    frequency: schedule.frequency,
    dayOfMonth: schedule.dayOfMonth,
    status: schedule.status,
    nextRunOn: schedule.nextRunOn,
    lastRunOn: schedule.lastRunOn,
    lastOperationId: schedule.lastOperationId,
    createdAt: schedule.createdAt.toISOString(),
  };
}

/** Favourites and scheduled payments (issue 16 item 4): the customer's own, each checked on every call. */
export async function savedPaymentsRoutes(parent: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const authenticated = requireCustomer(ctx);

  app.get(
    '/api/v1/payments/favourites',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Your saved payments, newest first',
        response: { 200: Type.Object({ items: Type.Array(FavouriteView) }), 401: Problem },
      },
    },
    async (request) => ({ items: (await listFavourites(ctx, authOf(request).customerId)).map(favouriteView) }),
  );

  app.post(
    '/api/v1/payments/favourites',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary:
          'Save a payment under a name: from one you made (paymentId), or a provider and its fields. The same account again renames it',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 40 }),
            paymentId: Type.Optional(PaymentId),
            providerId: Type.Optional(ProviderId),
            fields: Type.Optional(FieldValues),
            amountMinor: Type.Optional(Amount),
            sourceAccountId: Type.Optional(Id('acc')),
            remind: Type.Optional(Type.Boolean()),
          },
          strict,
        ),
        response: { 201: FavouriteView, 401: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { amountMinor, ...body } = request.body;
      const saved = await saveFavourite(ctx, {
        customerId: authOf(request).customerId,
        body: { ...body, ...(amountMinor === undefined ? {} : { amountMinor: BigInt(amountMinor) }) },
        meta: requestMeta(request),
      });
      return reply.code(201).send(favouriteView(saved));
    },
  );

  app.delete(
    '/api/v1/payments/favourites/:favouriteId',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Delete a saved payment',
        params: Type.Object({ favouriteId: FavouriteId }, strict),
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      await removeFavourite(ctx, {
        customerId: authOf(request).customerId,
        favouriteId: request.params.favouriteId,
        meta: requestMeta(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/payments/schedules',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Your scheduled payments (active, finished, cancelled), newest first',
        response: { 200: Type.Object({ items: Type.Array(ScheduleView) }), 401: Problem },
      },
    },
    async (request) => ({ items: (await listSchedules(ctx, authOf(request).customerId)).map(scheduleView) }),
  );

  app.post(
    '/api/v1/payments/schedules',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags,
        summary:
          'Schedule a payment, once on a date or monthly on a day (1-28): a code naming the provider, account, amount and dates sets it up; each run then needs no code (RTS art. 14)',
        body: Type.Object(
          {
            providerId: ProviderId,
            name: Type.String({ minLength: 1, maxLength: 40 }),
            fields: FieldValues,
            amountMinor: Amount,
            currency: literalUnion(CURRENCY_CODES),
            sourceAccountId: Id('acc'),
            frequency: literalUnion(['once', 'monthly']),
            runOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 28 })),
          },
          strict,
        ),
        response: {
          201: Type.Object({ schedule: ScheduleView, confirmation: Confirmation }),
          401: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const created = await createSchedule(ctx, {
        customerId: authOf(request).customerId,
        body: { ...request.body, amountMinor: BigInt(request.body.amountMinor) },
        meta: requestMeta(request),
      });
      return reply.code(201).send({ schedule: scheduleView(created.schedule), confirmation: created.confirmation });
    },
  );

  app.post(
    '/api/v1/payments/schedules/:scheduleId/confirm',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Set the schedule going with the SMS code',
        params: Type.Object({ scheduleId: ScheduleId }, strict),
        body: Type.Object({ code: Code }, strict),
        response: { 200: ScheduleView, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) =>
      scheduleView(
        await confirmSchedule(ctx, {
          customerId: authOf(request).customerId,
          scheduleId: request.params.scheduleId,
          code: request.body.code,
          meta: requestMeta(request),
        }),
      ),
  );

  app.post(
    '/api/v1/payments/schedules/:scheduleId/resend',
    {
      config: { rateLimit: 'code' },
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'A new code for a schedule being set up (60 s cooldown)',
        params: Type.Object({ scheduleId: ScheduleId }, strict),
        response: { 200: Type.Object({ schedule: ScheduleView, confirmation: Confirmation }), 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) => {
      const resent = await resendScheduleCode(ctx, {
        customerId: authOf(request).customerId,
        scheduleId: request.params.scheduleId,
        meta: requestMeta(request),
      });
      return { schedule: scheduleView(resent.schedule), confirmation: resent.confirmation };
    },
  );

  app.post(
    '/api/v1/payments/schedules/:scheduleId/cancel',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Stop a scheduled payment: no run after this. Stopping it again answers the same',
        params: Type.Object({ scheduleId: ScheduleId }, strict),
        response: { 200: ScheduleView, 404: Problem },
      },
    },
    async (request) =>
      scheduleView(
        await cancelSchedule(ctx, {
          customerId: authOf(request).customerId,
          scheduleId: request.params.scheduleId,
          meta: requestMeta(request),
        }),
      ),
  );
}
