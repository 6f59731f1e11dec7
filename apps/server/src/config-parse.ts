import { isIP } from 'node:net';
import { isTimeZone } from './shared/datetime.js';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Configuration error in ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A comma list of country calling codes without the +: "7" or "7,998". */
export function callingCodes(env: Env, name: string, fallback: string): string[] {
  const codes = text(env, name, fallback)
    .split(',')
    .map((code) => code.trim().replace(/^\+/, ''));
  for (const code of codes) {
    if (!/^[1-9]\d{0,2}$/.test(code)) throw new ConfigError(name, `expected calling codes such as 7 or 7,998, got "${code}"`);
  }
  return [...new Set(codes)];
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** An IANA time zone the runtime knows (Asia/Almaty): a typo would shift every "today". */
export function timeZone(env: Env, name: string, fallback: string): string {
  const raw = text(env, name, fallback);
  if (!isTimeZone(raw)) throw new ConfigError(name, `must be an IANA time zone such as Asia/Almaty, got "${raw}"`);
  return raw;
}

export function origin(env: Env, name: string, fallback: string): string {
  const raw = text(env, name, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected an origin such as https://mykassa.kz, got "${raw}"`);
  }
  if (url.origin !== raw.replace(/\/$/, '')) throw new ConfigError(name, `must be an origin without a path, got "${raw}"`);
  return url.origin;
}

// proxy-addr's names for the private ranges; each is an explicit, bounded set of peers.
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
// A proxy network wider than 10.0.0.0/8 is no longer "our proxies" but a good part of the internet.
const TRUST_PROXY_IPV4_PREFIX_MIN = 8;
const TRUST_PROXY_IPV6_PREFIX_MIN = 16;

/**
 * SECURITY.md 34: only listed proxies are believed. "true", "*", a hop count or a /0 network would
 * make every peer a proxy, so anyone could name any client address in X-Forwarded-For.
 */
export function trustedProxies(env: Env): string[] {
  const raw = text(env, 'TRUST_PROXY', '');
  if (raw === '') return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (TRUST_PROXY_NAMES.includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? { min: TRUST_PROXY_IPV6_PREFIX_MIN, max: 128 } : { min: TRUST_PROXY_IPV4_PREFIX_MIN, max: 32 };
    const prefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= bits.min && Number(prefix) <= bits.max);
    if (family === 0 || rest.length > 0 || !prefixValid) {
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry}" is not a proxy address: list the proxies' addresses or networks (127.0.0.1, 10.0.0.0/24, loopback); every peer, a hop count or a network wider than /${TRUST_PROXY_IPV4_PREFIX_MIN} (IPv6 /${TRUST_PROXY_IPV6_PREFIX_MIN}) is refused`,
      );
    }
  }
  return entries;
}

export function smsHttpUrl(env: Env): string | null {
  const raw = env.SMS_HTTP_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMS_HTTP_URL', `expected a URL such as https://sms.example.kz/send, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('SMS_HTTP_URL', 'must be an http(s) URL');
  return raw;
}

// A bearer token Prometheus sends; short ones could be guessed by anyone who reaches the port.
const METRICS_TOKEN_LENGTH_MIN = 32;

export function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return null;
  if (raw.length < METRICS_TOKEN_LENGTH_MIN || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${METRICS_TOKEN_LENGTH_MIN} printable characters: openssl rand -hex 32`);
  }
  return raw;
}
