import { randomUUID } from 'node:crypto';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import type { TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { getAccount } from '../ledger/index.js';

/** Tests of cases: a customer whose money left by a transfer they may dispute. */

export interface Sent {
  who: LoggedIn;
  payee: LoggedIn;
  accountId: string;
  operationId: string;
}

type AccountItem = { id: string; kind: string; balanceMinor: number };

export async function accountsOf(t: TestApp, who: LoggedIn): Promise<AccountItem[]> {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

export async function balanceOf(t: TestApp, who: LoggedIn, accountId: string): Promise<number> {
  return (await accountsOf(t, who)).find((account) => account.id === accountId)?.balanceMinor ?? Number.NaN;
}

/** A customer with `fundedMinor` on their current account who sent `amountMinor` by phone to another, confirmed by the SMS code. */
export async function sentByPhone(t: TestApp, amountMinor: number, fundedMinor = 1_000_000n): Promise<Sent> {
  const who = await registerCustomer(t.app, { agreement: 'both' });
  const payee = await registerCustomer(t.app, { agreement: 'both', fullName: 'Ахметов Ерлан' });
  const current = (await accountsOf(t, who)).find((account) => account.kind === 'customer_current');
  const ledgerAccount = current ? await getAccount(t.db, current.id) : null;
  if (!current || !ledgerAccount) throw new Error('no current account');
  await t.db.transaction((tx) => depositFromSettlement(tx, ledgerAccount, fundedMinor, 'test'));
  t.clock.advance(1_000);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload: { kind: 'phone', sourceAccountId: current.id, payeePhone: payee.phone, amountMinor, currency: 'KZT' },
  });
  if (created.statusCode !== 201) throw new Error(`transfer: ${created.statusCode} ${created.body}`);
  const operationId: string = created.json().id;
  if (created.json().status === 'awaiting_confirmation') {
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${operationId}/confirm`,
      headers: web(who),
      payload: { code: codeIn(await lastCodeSms(t.app, who.phone)) },
    });
    if (confirmed.json().status !== 'completed') throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
  }
  return { who, payee, accountId: current.id, operationId };
}

export async function reportOperation(t: TestApp, who: LoggedIn, operationId: string, comment?: string): Promise<string> {
  const reported = await t.app.inject({
    method: 'POST',
    url: `/api/v1/operations/${operationId}/dispute`,
    headers: web(who),
    payload: comment ? { comment } : {},
  });
  if (reported.statusCode !== 201) throw new Error(`dispute: ${reported.statusCode} ${reported.body}`);
  return reported.json().disputeId;
}
