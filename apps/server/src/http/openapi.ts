import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_INFO = {
  title: 'Kassa API',
  version: '1.0.0',
  description:
    'Remote banking and e-money API. Errors are RFC 9457 problem+json in the language of Accept-Language (ru, kk, en). Money is an integer in minor units with an ISO 4217 currency.',
};

/**
 * The document is always built (npm run openapi reads it from app.swagger()); it is served, with
 * Swagger UI, only when `exposeDocs` (API_DOCS): in production a published map of every route and
 * field is refused by default (SECURITY.md 39). The web app is typed from the committed
 * openapi.json at build time and never fetches the document.
 */
export async function registerOpenApi(app: FastifyInstance, { exposeDocs }: { exposeDocs: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-kassa_session' },
          staffSessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-kassa_staff' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  if (!exposeDocs) return;
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
