import type { FastifyInstance } from 'fastify';
import { allSms, codeIn, lastCodeSms, web } from '../../../test/customers.js';

/** The phone change as the app does it, through the API, reading codes from the dev SMS inbox. */

export type WebSession = { cookie: string; csrf: string };

export function start(app: FastifyInstance, who: WebSession, body: { newPhone: string; password: string }) {
  return app.inject({ method: 'POST', url: '/api/v1/profile/phone-change', headers: web(who), payload: body });
}

export function step(app: FastifyInstance, who: WebSession, changeId: string, which: 'old-code' | 'new-code' | 'resend', code?: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/profile/phone-change/${changeId}/${which}`,
    headers: web(who),
    ...(code === undefined ? {} : { payload: { code } }),
  });
}

export async function codeTo(app: FastifyInstance, phone: string): Promise<string> {
  return codeIn(await lastCodeSms(app, phone));
}

/** The three steps, each with the code from its SMS; returns the last answer. */
export async function changePhone(app: FastifyInstance, who: WebSession & { phone: string; password: string }, newPhone: string) {
  const started = await start(app, who, { newPhone, password: who.password });
  if (started.statusCode !== 201) throw new Error(`phone change start: ${started.statusCode} ${started.body}`);
  const { changeId } = started.json() as { changeId: string };
  const old = await step(app, who, changeId, 'old-code', await codeTo(app, who.phone));
  if (old.statusCode !== 200) throw new Error(`phone change old code: ${old.statusCode} ${old.body}`);
  return step(app, who, changeId, 'new-code', await codeTo(app, newPhone));
}

export async function profileOf(app: FastifyInstance, who: WebSession) {
  return app.inject({ url: '/api/v1/profile', headers: web(who) });
}

/** The SMS a phone got after `before` of them (allSms drains the outbox first). */
export async function smsSince(app: FastifyInstance, phone: string, before: number): Promise<string[]> {
  return (await allSms(app, phone)).slice(before);
}

/** A free mobile number of its own for a test: +7 705 … (customers.ts uniquePhone uses +7 701 …). */
let serial = 0;
export function freshNumber(): string {
  serial += 1;
  return `+7705${String((process.pid * 100 + serial) % 10_000_000).padStart(7, '0')}`;
}
