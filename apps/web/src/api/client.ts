import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import type { paths } from './schema';

/**
 * Every request carries the interface language, so problem+json messages come back in the
 * language the customer reads.
 */
const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
};

/** The typed client of the Kassa API; same origin, cookies sent by the browser. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(languageMiddleware);

/** The JSON body of a 200 answer to GET `path`, straight from the OpenAPI document. */
export type GetResponse<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
