import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { pickLanguage } from '../shared/i18n.js';
import { CommonProblem, type FieldError, ProblemError, renderProblem } from '../shared/problem.js';
import { validationMessage } from './validation-messages.js';

/** How long a client should wait before retrying a 503 (a database restart takes a few seconds). */
export const RETRY_AFTER_SECONDS = 1;

const RETRY_SOON = {
  ru: 'Повторите через несколько секунд. Повтор с тем же ключом идемпотентности не выполнит операцию дважды.',
  kk: 'Бірнеше секундтан кейін қайталаңыз. Сол идемпотенттілік кілтімен қайталау операцияны екі рет орындамайды.',
  en: 'Try again in a few seconds. A retry with the same Idempotency-Key never performs the operation twice.',
};

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: ProblemError): FastifyReply {
  const language = pickLanguage(request.headers['accept-language']);
  const body = renderProblem(error, language, { requestId: request.id, instance: request.url.split('?')[0] ?? '/' });
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  // RFC 9110 §10.2.3: a 503 says when to come back; clients retry with the same Idempotency-Key.
  if (body.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply
    .code(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', language)
    .send(body);
}

/** JSON pointer (RFC 6901) of the failing field, so a form can show the message beside it. */
function pointerOf(error: NonNullable<FastifyError['validation']>[number], context: string | undefined): string {
  const part = context === 'body' ? '' : `/${context ?? 'body'}`;
  const missing = (error.params as { missingProperty?: string } | undefined)?.missingProperty;
  const extra = (error.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  const base = error.instancePath ?? '';
  if (missing) return `${part}${base}/${missing}`;
  if (extra) return `${part}${base}/${extra}`;
  return `${part}${base}` || '/';
}

/**
 * Every error leaves as RFC 9457 problem+json in the caller's language, with the request id,
 * and never with a stack trace. Unknown errors are logged and become a plain 500.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  spaFallback: ((request: FastifyRequest, reply: FastifyReply) => boolean) | null,
  onDatabaseUnavailable: () => void,
): void {
  // A second router that knows every path and method, to answer 405 rather than 404.
  const known = FindMyWay({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (METHODS.includes(method as HTTPMethod) && !known.find(method as HTTPMethod, route.url)) {
        known.on(method as HTTPMethod, route.url, () => {});
      }
    }
  });

  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(request, reply, error);
    if ('validation' in error && error.validation) {
      const errors: FieldError[] = error.validation.map((item) => ({
        pointer: pointerOf(item, error.validationContext),
        detail: validationMessage(item),
      }));
      return sendProblem(request, reply, new ProblemError(CommonProblem['validation-failed'], { errors }));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(request, reply, new ProblemError(CommonProblem['payload-too-large']));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(request, reply, new ProblemError(CommonProblem['unsupported-media-type']));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(request, reply, new ProblemError(CommonProblem['malformed-request']));
    }
    // The database went away under this request (a restart, a failover): nothing half-done
    // remains, as its transaction rolled back or committed whole; the client retries later.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      onDatabaseUnavailable();
      return sendProblem(request, reply, new ProblemError(CommonProblem['service-unavailable'], { detail: RETRY_SOON }));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(request, reply, new ProblemError(CommonProblem['payload-too-large']));
    if (status === 415) return sendProblem(request, reply, new ProblemError(CommonProblem['unsupported-media-type']));
    if (status === 429) return sendProblem(request, reply, new ProblemError(CommonProblem['too-many-requests']));
    if (status === 408) return sendProblem(request, reply, new ProblemError(CommonProblem['request-timeout']));
    if (status === 503) return sendProblem(request, reply, new ProblemError(CommonProblem['service-unavailable']));
    if (status >= 400 && status < 500) return sendProblem(request, reply, new ProblemError(CommonProblem['malformed-request']));
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, new ProblemError(CommonProblem['internal-error']));
  });

  app.setNotFoundHandler((request, reply) => {
    if (spaFallback?.(request, reply)) return reply;
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => known.find(method, path));
    if (allowed.length > 0) {
      return sendProblem(request, reply, new ProblemError(CommonProblem['method-not-allowed'], { headers: { allow: allowed.join(', ') } }));
    }
    return sendProblem(request, reply, new ProblemError(CommonProblem['not-found']));
  });
}
