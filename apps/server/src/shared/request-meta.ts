import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { type Language, pickLanguage } from './i18n.js';

/** Who is asking, for audit rows, rate limits and notifications. */
export interface RequestMeta {
  /**
   * The client's address: the peer's, or the one a proxy listed in TRUST_PROXY put in
   * X-Forwarded-For (Fastify's request.ip; SECURITY.md 34). Never read the header itself.
   */
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

// An IPv6 subscriber gets a /64 and can pick any address in it: for counting, the /64 is his address.
const IPV6_COUNTING_GROUPS = 4;

/**
 * The key a per-IP limit counts a client address under: an IPv4 address as is (also when mapped
 * into IPv6), an IPv6 address by its /64. Audit rows keep the full address (RequestMeta.ip).
 */
export function ipCountingKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = Array.from({ length: Math.max(0, 8 - headGroups.length - tailGroups.length) }, () => '0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...missing, ...tailGroups];
  const network = groups.slice(0, IPV6_COUNTING_GROUPS).map((group) => group.replace(/^0+(?=.)/, ''));
  return `${network.join(':')}::/64`;
}
