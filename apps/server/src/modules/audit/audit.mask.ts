import { isIP } from 'node:net';
import { maskPhoneForDisplay } from '../../shared/phone.js';

/**
 * What the audit viewer shows of a row's details, and what its CSV export writes (issue 13 items 1
 * and 9: staff never see a password, a code, a PIN, a full PAN or a CVC; IIN and phone masked).
 * The events of today hold ids, reasons and counters, but `details` is free-form JSON that every
 * module writes, and staff type free text into reasons and notes: so the masking goes by key and
 * by value, at every depth, whatever the event.
 *
 * - Secrets by key (the logger's list, http/logger.ts, and the staff side's): '[redacted]'.
 * - IINs: a key that names one, and any 12 digits standing alone in any text: the last 4 digits.
 * - Phones: a key that names one, and any run of 10 to 15 digits (spaces, dashes, brackets
 *   between) in any text: the country and operator codes and the last 2 digits.
 * - A username typed at a staff login that matched no one: it may be a password typed into the
 *   wrong field (the classic leak of login logs).
 * - IP addresses only in the export (`ipMasked`): a file leaves the bank's systems; on the screen
 *   a security officer matches an address against an incident, and it stays there.
 */

export const MASKED_SECRET = '[redacted]';

const SECRET_KEYS = new Set(
  [
    'password',
    'newPassword',
    'currentPassword',
    'passwordHash',
    'otp',
    'otpCode',
    'code',
    'totp',
    'totpCode',
    'totpSecret',
    'pin',
    'token',
    'accessToken',
    'sessionToken',
    'refreshToken',
    'csrfToken',
    'secret',
    'cookie',
    'authorization',
    'pan',
    'cardNumber',
    'cvc',
    'cvc2',
    'cvv',
    'text',
  ].map((key) => key.toLowerCase()),
);
const IIN_KEY = /iin/i;
const PHONE_KEY = /phone|^to$|msisdn/i;
const IP_KEY = /^ip$|Ip$|^ipAddress$/;

// Nested details deeper than this are not shown at all: no event of ours nests beyond three.
const DEPTH_MAX = 8;
const IIN_VISIBLE_DIGITS = 4;
const PHONE_VISIBLE_TAIL_DIGITS = 2;
// "+7701": the country and operator codes of a Kazakh number, as the logs keep them.
const PHONE_VISIBLE_HEAD_CHARS = 5;

// Not inside a word or an id (`cus_0123…`, a UUID's last group): a lone number only.
const LONE_IIN = /(?<![\w+-])\d{12}(?!\w)/g;
const LONE_PHONE = /(?<![\w+-])\+?\d(?:[\s()-]?\d){9,14}(?!\w)/g;

export function maskIinText(iin: string): string {
  const digits = iin.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - IIN_VISIBLE_DIGITS))}${digits.slice(-IIN_VISIBLE_DIGITS)}`;
}

/** An E.164 number as the back office shows it (+7 701 *** ** 67), any other digits as the logs do. */
export function maskPhoneText(phone: string): string {
  const compact = phone.replace(/[^\d+]/g, '');
  if (/^\+\d{7,15}$/.test(compact)) {
    const shown = maskPhoneForDisplay(compact);
    if (shown !== '***') return shown;
  }
  if (compact.length < PHONE_VISIBLE_HEAD_CHARS + PHONE_VISIBLE_TAIL_DIGITS) return '***';
  return `${compact.slice(0, PHONE_VISIBLE_HEAD_CHARS)}*****${compact.slice(-PHONE_VISIBLE_TAIL_DIGITS)}`;
}

/** An IPv4 address by its /24, an IPv6 one by its /48: which network, not which subscriber. */
export function maskIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(address) === 6) {
    const [head = ''] = address.toLowerCase().split('::');
    const groups = head === '' ? [] : head.split(':');
    return `${[...groups, '0', '0', '0'].slice(0, 3).join(':')}::/48`;
  }
  return MASKED_SECRET;
}

export function maskText(text: string): string {
  return text.replace(LONE_IIN, maskIinText).replace(LONE_PHONE, maskPhoneText);
}

export interface MaskOptions {
  ipMasked: boolean;
}

function maskValue(key: string | null, value: unknown, options: MaskOptions, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (key !== null && SECRET_KEYS.has(key.toLowerCase())) return MASKED_SECRET;
  if (depth > DEPTH_MAX) return MASKED_SECRET;
  if (typeof value === 'number') {
    const digits = String(Math.trunc(Math.abs(value)));
    if (key !== null && (IIN_KEY.test(key) || PHONE_KEY.test(key))) return MASKED_SECRET;
    return digits.length >= 10 ? maskText(digits) : value;
  }
  if (typeof value === 'string') {
    if (key !== null && IIN_KEY.test(key)) return maskIinText(value);
    if (key !== null && PHONE_KEY.test(key)) return maskPhoneText(value);
    if (key !== null && options.ipMasked && IP_KEY.test(key)) return maskIp(value);
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(key, item, options, depth + 1));
  if (typeof value === 'object') return maskDetailsAt(value as Record<string, unknown>, options, depth + 1);
  return MASKED_SECRET;
}

function maskDetailsAt(details: Record<string, unknown>, options: MaskOptions, depth: number): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) masked[key] = maskValue(key, value, options, depth);
  if (details.knownLogin === false && typeof details.username === 'string') masked.username = MASKED_SECRET;
  return masked;
}

/** A row's details as staff may see them (the rules above). */
export function maskDetails(details: Record<string, unknown>, options: MaskOptions): Record<string, unknown> {
  return maskDetailsAt(details, options, 0);
}
