import pino, { type Logger } from 'pino';
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
];

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if ((key === 'phone' || key === 'to') && typeof value === 'string') return maskPhone(value);
  return '[redacted]';
}

export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor },
    base: { service: 'kassa' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
