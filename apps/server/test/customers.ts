import type { FastifyInstance } from 'fastify';
import { makeIin, REGISTRATION_CONSENT } from '../src/modules/identity/index.js';

/** Test journeys through the public API, reading codes from the dev SMS inbox like a person would. */

let serial = 0;
export function uniquePhone(): string {
  serial += 1;
  const tail = String((process.pid * 1000 + serial) % 10_000_000).padStart(7, '0');
  return `+7701${tail}`;
}

export function uniqueIin(): string {
  for (;;) {
    serial += 1;
    const iin = makeIin('1990-05-17', serial % 2 ? 'male' : 'female', (process.pid + serial) % 10_000);
    if (iin) return iin;
  }
}

export const GOOD_PASSWORD = 'Steppe-Horse-Battery-42';

/** The newest SMS to a phone after the outbox has been delivered. */
export async function allSms(app: FastifyInstance, phone: string): Promise<string[]> {
  await app.ctx.worker.drain();
  const { rows } = await app.ctx.db.query<{ text: string }>('SELECT text FROM dev_sms_messages WHERE phone = $1 ORDER BY created_at, id', [
    phone,
  ]);
  return rows.map((row) => row.text);
}

/** The newest SMS to a phone that carries a one-time code. */
export async function lastCodeSms(app: FastifyInstance, phone: string): Promise<string | null> {
  const texts = await allSms(app, phone);
  return texts.reverse().find((text) => CODE_PATTERN.test(text)) ?? null;
}

const CODE_PATTERN = /(?:Код|Code|код:) (\d{6})/;

export function codeIn(text: string | null): string {
  const match = text ? CODE_PATTERN.exec(text) : null;
  if (!match?.[1]) throw new Error(`no code in SMS: ${text}`);
  return match[1];
}

export interface LoggedIn {
  customerId: string;
  phone: string;
  iin: string;
  password: string;
  cookie: string;
  csrf: string;
  token: string | null;
}

function cookieFrom(setCookie: string | string[] | undefined, name: string): string | null {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const header of list) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(header);
    if (match?.[1]) return match[1];
  }
  return null;
}

export async function registerCustomer(
  app: FastifyInstance,
  options: { phone?: string; iin?: string; fullName?: string; agreement?: 'emoney' | 'banking' | 'both'; client?: 'web' | 'mobile' } = {},
): Promise<LoggedIn> {
  const phone = options.phone ?? uniquePhone();
  const iin = options.iin ?? uniqueIin();
  const started = await app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone, language: 'ru' } });
  if (started.statusCode !== 201) throw new Error(`registration start: ${started.statusCode} ${started.body}`);
  const { registrationId } = started.json();
  const code = codeIn(await lastCodeSms(app, phone));
  const verified = await app.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } });
  if (verified.statusCode !== 204) throw new Error(`registration phone: ${verified.statusCode} ${verified.body}`);
  const completed = await app.inject({
    method: 'POST',
    url: `/api/v1/registration/${registrationId}/complete`,
    payload: {
      iin,
      fullName: options.fullName ?? 'Бекова Айгерим',
      password: GOOD_PASSWORD,
      agreement: options.agreement ?? 'both',
      consent: REGISTRATION_CONSENT,
      client: options.client ?? 'web',
    },
  });
  if (completed.statusCode !== 201) throw new Error(`registration complete: ${completed.statusCode} ${completed.body}`);
  const body = completed.json();
  return {
    customerId: body.customer.id,
    phone,
    iin,
    password: GOOD_PASSWORD,
    cookie: cookieFrom(completed.headers['set-cookie'], '__Host-kassa_session') ?? '',
    csrf: body.csrfToken,
    token: body.token ?? null,
  };
}

/** Password + SMS code login through the API. */
export async function login(
  app: FastifyInstance,
  who: { phone: string; password: string },
  client: 'web' | 'mobile' = 'web',
): Promise<LoggedIn & { status: number }> {
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: who.phone, password: who.password, client },
  });
  const { loginId } = started.json();
  const sms = await lastCodeSms(app, who.phone);
  const code = sms ? codeIn(sms) : '000000';
  const confirmed = await app.inject({ method: 'POST', url: `/api/v1/auth/login/${loginId}/confirm`, payload: { code } });
  const body = confirmed.json();
  return {
    status: confirmed.statusCode,
    customerId: body.customer?.id,
    phone: who.phone,
    iin: '',
    password: who.password,
    cookie: cookieFrom(confirmed.headers['set-cookie'], '__Host-kassa_session') ?? '',
    csrf: body.csrfToken,
    token: body.token ?? null,
  };
}

/** Headers of a cookie-authenticated web request (with the CSRF token for writes). */
export function web(who: { cookie: string; csrf: string }): Record<string, string> {
  return { cookie: `__Host-kassa_session=${who.cookie}`, 'x-csrf-token': who.csrf };
}

export function bearer(who: { token: string | null }): Record<string, string> {
  return { authorization: `Bearer ${who.token}` };
}
