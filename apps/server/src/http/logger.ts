import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

/** Keeps the country code and the last two digits: +7 701 *** ** 67. Enough to tell numbers apart. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length < 6) return '***';
  return `${digits.slice(0, 5)}*****${digits.slice(-2)}`;
}

// Anything that could let a reader of the logs act as the customer, or learn card data.
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'otp',
  'otpCode',
  'pin',
  'token',
  'accessToken',
  'sessionToken',
  'refreshToken',
  'secret',
  'pan',
  'cardNumber',
  'cvc',
  'cvc2',
  // Card data by the other names it goes by (modules/cards reveal answer: pan, cvc2).
  'cvv',
  'cvv2',
  'text',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  // OTP fields are named `code` in request bodies; error objects also have a `code` we want to keep.
  'body.code',
  '*.body.code',
  'phone',
  '*.phone',
  '*.*.phone',
  'to',
  '*.to',
  // A failed statement's error carries its parameters (PGlite's does): phones, ids, code hashes.
  'err.params',
  'err.cause.params',
  '*.err.params',
];

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if ((key === 'phone' || key === 'to') && typeof value === 'string') return maskPhone(value);
  return '[redacted]';
}

// What a masked query value becomes. The parameter names stay: they tell what was asked.
const QUERY_VALUE_MASK = '***';
const RECEIPT_CHECK_PREFIX = '/r/';

/**
 * SECURITY.md 39, 20: a query string can carry a phone (?phone=), a search (?q=) or, from a
 * careless client, a token; none of it reaches the logs. The path and the parameter names do.
 */
export function redactUrl(url: string): string {
  // A receipt's check code (/r/<code>) opens the receipt to whoever holds it: kept out of the logs too.
  if (url.startsWith(RECEIPT_CHECK_PREFIX)) return `${RECEIPT_CHECK_PREFIX}${QUERY_VALUE_MASK}`;
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape stays as sent; it is a name, not a value.
      }
      return `${encodeURIComponent(decoded)}=${QUERY_VALUE_MASK}`;
    });
  return `${url.slice(0, mark)}?${names.join('&')}`;
}

// Fastify's own request serializer logs request.url whole; this one logs it redacted.
const serializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};

export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor },
    serializers,
    base: { service: 'kassa' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
