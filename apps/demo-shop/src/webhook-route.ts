import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NOT_IN_KASSA_API, SHOP_PATH } from './html.js';
import type { OrderStore } from './orders.js';
import { SIGNATURE_HEADER } from './signature.js';
import { receiveWebhook, type WebhookSecrets } from './webhook.js';

/**
 * POST /demo-shop/webhooks/kassa, in a plugin of its own: here the JSON body is kept as the raw
 * bytes, because the signature covers exactly the bytes Kassa sent (the route checks them before
 * parsing; webhook.ts has the event's schema, applied after the signature, and picks the secret
 * of the event's mode).
 */

export const WEBHOOK_PATH = `${SHOP_PATH}/webhooks/kassa`;
/** Kassa's events are a few KiB; anything larger is not one. */
const WEBHOOK_BYTES_MAX = 64 * 1024;

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer() });
const Received = Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() });
// The body has no schema here on purpose: it is bytes until the signature is checked (webhook.ts).
const WebhookSchema = {
  ...NOT_IN_KASSA_API,
  headers: Type.Object({ [SIGNATURE_HEADER]: Type.Optional(Type.String({ maxLength: 1024 })) }),
  response: { 200: Received, 400: Problem, 503: Problem },
};

function problem(status: number, title: string) {
  return { type: 'about:blank', title, status };
}

export async function webhookRoute(
  parent: FastifyInstance,
  options: { store: OrderStore; now: () => Date; secrets: () => Promise<WebhookSecrets | null> },
): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BYTES_MAX }, (_request, body, done) => {
    done(null, body);
  });

  app.post(WEBHOOK_PATH, { schema: WebhookSchema }, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const secrets = await options.secrets();
    if (!secrets) return reply.code(503).type('application/problem+json').send(problem(503, 'the shop has no webhook secret yet'));
    const result = receiveWebhook(options.store, {
      header: request.headers[SIGNATURE_HEADER],
      rawBody,
      secrets,
      now: options.now(),
    });
    if (result.kind === 'refused') {
      // The verdict only: never the header or the body.
      request.log.warn({ verdict: result.verdict }, 'demo shop: webhook refused');
      return reply.code(400).type('application/problem+json').send(problem(400, 'signature refused'));
    }
    return reply.code(200).send({ received: true, duplicate: result.kind === 'duplicate' });
  });
}
