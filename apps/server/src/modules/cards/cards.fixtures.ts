import { randomUUID } from 'node:crypto';
import { codeIn, type LoggedIn, lastCodeSms, web } from '../../../test/customers.js';
import type { TestApp } from '../../../test/harness.js';
import { customerWithMoney } from '../blocks/blocks.fixtures.js';

/** Test helpers of the cards: a customer with an account, a card issued, the code of the last SMS. */

export interface CardOwner {
  who: LoggedIn;
  currentAccountId: string;
}

export async function cardOwner(t: TestApp, amountMinor = 0n): Promise<CardOwner> {
  return customerWithMoney(t, amountMinor);
}

export function issueCardRequest(
  t: TestApp,
  owner: CardOwner,
  body: Record<string, unknown> = {},
  options: { key?: string; language?: string; who?: LoggedIn } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/cards',
    headers: {
      ...web(options.who ?? owner.who),
      'idempotency-key': options.key ?? randomUUID(),
      'accept-language': options.language ?? 'en',
    },
    payload: { accountId: owner.currentAccountId, ...body },
  });
}

/** Issues a card and returns its view; fails the test on any other answer. */
export async function issueCard(t: TestApp, owner: CardOwner, kind: 'virtual' | 'single_use' = 'virtual') {
  const answer = await issueCardRequest(t, owner, { kind });
  if (answer.statusCode !== 201) throw new Error(`issue card: ${answer.statusCode} ${answer.body}`);
  return answer.json();
}

export function cardCall(
  t: TestApp,
  who: LoggedIn,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
  language = 'en',
) {
  return t.app.inject({
    method,
    url,
    headers: { ...web(who), 'accept-language': language },
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** The code in the newest code SMS to the customer's phone (the outbox delivered first). */
export async function lastCode(t: TestApp, who: LoggedIn): Promise<string> {
  return codeIn(await lastCodeSms(t.app, who.phone));
}
