import type { FastifyRequest } from 'fastify';
import { type Language, pickLanguage } from './i18n.js';

/** Who is asking, for audit rows, rate limits and notifications. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
  language: Language;
}

const USER_AGENT_LENGTH_MAX = 300;

export function requestMeta(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, USER_AGENT_LENGTH_MAX) : null,
    requestId: request.id,
    language: pickLanguage(request.headers['accept-language']),
  };
}
