import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { ProblemError } from '../../../shared/problem.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../../shared/schemas.js';
import { recordAuditAlone } from '../../audit/index.js';
import { requireStaff, staffOf } from '../../staff/index.js';
import { AcquiringProblem } from '../acquiring.errors.js';
import { findMerchant } from '../acquiring.repo.js';
import { merchantOf, requireMerchantKey } from '../merchant-auth.js';
import { API_KEY_MODES } from '../merchants.types.js';
import { ENDPOINT_URL_LENGTH_MAX } from './endpoint-url.js';
import { listEvents } from './webhooks.repo.js';
import {
  CreatedEndpoint,
  deliveryJson,
  EndpointView,
  EventPage,
  EventWithDeliveries,
  endpointJson,
  eventJson,
  StaffEventPage,
} from './webhooks.schemas.js';
import {
  createEndpoint,
  deleteEndpoint,
  ENDPOINT_DESCRIPTION_LENGTH_MAX,
  eventWithDeliveries,
  listEndpoints,
  type MerchantAct,
  redeliverEvent,
} from './webhooks.service.js';
import { ALL_EVENTS, MERCHANT_EVENT_TYPES } from './webhooks.types.js';

const TAGS = ['Webhooks'];
export const EVENTS_PAGE_DEFAULT = 20;
export const EVENTS_PAGE_MAX = 100;
// An event type is judged by the service (a 422 naming the field in the merchant's language); this only bounds it.
const EVENT_TYPE_LENGTH_MAX = 64;
const EndpointParams = Type.Object({ endpointId: Id('we') }, strict);
const EventParams = Type.Object({ eventId: Id('evt') }, strict);
const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: EVENTS_PAGE_MAX, default: EVENTS_PAGE_DEFAULT })),
    after: Type.Optional(Id('evt')),
  },
  strict,
);
const REFUSALS = { 400: Problem, 401: Problem, 404: Problem };

function actOf(request: Parameters<typeof merchantOf>[0]): MerchantAct {
  const principal = merchantOf(request);
  return { merchantId: principal.merchantId, mode: principal.mode, keyId: principal.keyId, meta: requestMeta(request) };
}

function page<Item extends { id: string }>(items: Item[], limit: number) {
  const last = items.at(-1);
  return { nextCursor: items.length === limit && last ? last.id : null };
}

/**
 * Merchant webhooks (issue 15 item 6; docs/acquiring-webhooks.md): the merchant's endpoints and
 * its event log with each event's deliveries and a redelivery (Bearer sk_…: a key sees its own
 * mode only; another merchant's or another mode's id is 404), and the event log for staff.
 */
export async function webhooksRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const merchant = requireMerchantKey(ctx);

  app.post(
    '/api/merchant/v1/webhook-endpoints',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Add a webhook endpoint in the key’s mode: the answer holds its signing secret, once',
        body: Type.Object(
          {
            url: Type.String({
              minLength: 1,
              maxLength: ENDPOINT_URL_LENGTH_MAX * 2,
              description: 'https://… (http://localhost outside production)',
            }),
            enabledEvents: Type.Array(Type.String({ minLength: 1, maxLength: EVENT_TYPE_LENGTH_MAX }), {
              minItems: 1,
              maxItems: MERCHANT_EVENT_TYPES.length + 1,
              description: `Event types (${MERCHANT_EVENT_TYPES.join(', ')}), or ["${ALL_EVENTS}"] for all`,
            }),
            description: Type.Optional(Type.String({ minLength: 1, maxLength: ENDPOINT_DESCRIPTION_LENGTH_MAX })),
          },
          strict,
        ),
        response: { 201: CreatedEndpoint, ...REFUSALS, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const created = await createEndpoint(ctx, actOf(request), { ...request.body, description: request.body.description ?? null });
      // The secret must not stay in any cache on the way (SECURITY.md 20).
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ endpoint: endpointJson(created.endpoint), secret: created.secret });
    },
  );

  app.get(
    '/api/merchant/v1/webhook-endpoints',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'The enabled webhook endpoints of the key’s mode, newest first',
        response: { 200: Type.Object({ items: Type.Array(EndpointView) }), 401: Problem },
      },
    },
    async (request) => ({ items: (await listEndpoints(ctx, actOf(request))).map(endpointJson) }),
  );

  app.delete(
    '/api/merchant/v1/webhook-endpoints/:endpointId',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Delete a webhook endpoint: nothing more is sent to it, and its secret is erased',
        params: EndpointParams,
        response: { 204: Type.Null(), ...REFUSALS },
      },
    },
    async (request, reply) => {
      await deleteEndpoint(ctx, actOf(request), request.params.endpointId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/merchant/v1/events',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'The events of the key’s mode, newest first, a page at a time',
        querystring: PageQuery,
        response: { 200: EventPage, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const { merchantId, mode } = merchantOf(request);
      const { limit = EVENTS_PAGE_DEFAULT, after } = request.query;
      const events = await listEvents(ctx.db, merchantId, mode, { limit, afterId: after ?? null });
      return { items: events.map(eventJson), ...page(events, limit) };
    },
  );

  app.get(
    '/api/merchant/v1/events/:eventId',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'An event and its deliveries to each endpoint',
        params: EventParams,
        response: { 200: EventWithDeliveries, ...REFUSALS },
      },
    },
    async (request) => {
      const found = await eventWithDeliveries(ctx, merchantOf(request), request.params.eventId);
      return { event: eventJson(found.event), deliveries: found.deliveries.map(deliveryJson) };
    },
  );

  app.post(
    '/api/merchant/v1/events/:eventId/redeliver',
    {
      preHandler: merchant,
      schema: {
        tags: TAGS,
        summary: 'Send an event again now, to one endpoint or to every enabled endpoint that takes its type',
        params: EventParams,
        // Fastify validates an absent body as null: no body (or {}) redelivers to every endpoint that takes the event.
        body: Type.Union([Type.Object({ endpointId: Type.Optional(Id('we')) }, strict), Type.Null()]),
        response: { 202: EventWithDeliveries, ...REFUSALS, 409: Problem },
      },
    },
    async (request, reply) => {
      const found = await redeliverEvent(ctx, actOf(request), {
        eventId: request.params.eventId,
        endpointId: request.body?.endpointId ?? null,
      });
      return reply.code(202).send({ event: eventJson(found.event), deliveries: found.deliveries.map(deliveryJson) });
    },
  );

  app.get(
    '/api/staff/v1/merchants/:merchantId/events',
    {
      preHandler: requireStaff(ctx, 'merchants.view'),
      schema: {
        tags: ['merchants'],
        summary: 'A merchant’s events (both modes, or one), newest first; audited',
        params: Type.Object({ merchantId: Id('mch') }, strict),
        querystring: Type.Object({ ...PageQuery.properties, mode: Type.Optional(literalUnion(API_KEY_MODES)) }, strict),
        response: { 200: StaffEventPage, ...REFUSALS, 403: Problem },
      },
    },
    async (request) => {
      const { merchantId } = request.params;
      const { limit = EVENTS_PAGE_DEFAULT, after, mode } = request.query;
      if (!(await findMerchant(ctx.db, merchantId))) throw new ProblemError(AcquiringProblem['merchant-not-found']);
      const events = await listEvents(ctx.db, merchantId, mode ?? null, { limit, afterId: after ?? null });
      await recordAuditAlone(ctx.db, {
        event: 'merchant.events_viewed',
        meta: requestMeta(request),
        details: { staffId: staffOf(request).staffId, merchantId, count: events.length },
        occurredAt: ctx.clock.now(),
      });
      return { items: events.map((event) => ({ ...eventJson(event), mode: event.mode })), ...page(events, limit) };
    },
  );
}
