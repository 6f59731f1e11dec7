import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { depositFromSettlement } from '../accounts/index.js';
import { getAccount } from '../ledger/index.js';

/**
 * One customer's month for the documents' tests (receipts, statements): money in, a move between
 * own accounts, a phone transfer to another customer, an IBAN transfer to another bank with its
 * fee, and a declined transfer. Run in an app with SCA_LOW_VALUE_MAX_MINOR=0, so every transfer
 * to someone else asks for its code.
 */
export interface DocumentsScenario {
  payer: LoggedIn;
  payee: LoggedIn;
  current: { id: string; iban: string };
  wallet: { id: string };
  payeeWallet: { id: string };
  own: { id: string };
  phone: { id: string };
  iban: { id: string };
  declined: { id: string };
}

export const PAYER_NAME = 'Сапарова Динара Ерлановна';
export const PAYEE_NAME = 'Ким Александр';
export const OTHER_BANK_IBAN = 'KZ86125KZT5004100100';
export const DEPOSIT_MINOR = 1_000_000n;

type Item = { id: string; kind: string; iban: string | null };

async function accountsOf(app: FastifyInstance, who: LoggedIn): Promise<Item[]> {
  return (await app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Item[];
}

async function transfer(app: FastifyInstance, who: LoggedIn, payload: Record<string, unknown>): Promise<{ id: string; status: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload,
  });
  if (created.statusCode !== 201) throw new Error(`transfer: ${created.statusCode} ${created.body}`);
  const body = created.json();
  if (body.status !== 'awaiting_confirmation') return body;
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/v1/transfers/${body.id}/confirm`,
    headers: web(who),
    payload: { code: codeIn(await lastCodeSms(app, who.phone)) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
  return confirmed.json();
}

export async function documentsScenario(app: FastifyInstance): Promise<DocumentsScenario> {
  const payer = await registerCustomer(app, { fullName: PAYER_NAME, agreement: 'both' });
  const payee = await registerCustomer(app, { fullName: PAYEE_NAME, agreement: 'emoney' });
  const mine = await accountsOf(app, payer);
  const current = mine.find((item) => item.kind === 'customer_current');
  const wallet = mine.find((item) => item.kind === 'ewallet');
  const payeeWallet = (await accountsOf(app, payee)).find((item) => item.kind === 'ewallet');
  if (!current?.iban || !wallet || !payeeWallet) throw new Error('the scenario needs a current account with an IBAN and two wallets');
  const account = await getAccount(app.ctx.db, current.id);
  if (!account) throw new Error('no current account');
  await app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, DEPOSIT_MINOR, 'Deposit'));
  const from = { sourceAccountId: current.id, currency: 'KZT' };
  const own = await transfer(app, payer, { ...from, kind: 'own', destinationAccountId: wallet.id, amountMinor: 12_345 });
  const phone = await transfer(app, payer, { ...from, kind: 'phone', payeePhone: payee.phone, amountMinor: 150_000 });
  const iban = await transfer(app, payer, {
    ...from,
    kind: 'iban',
    payeeIban: OTHER_BANK_IBAN,
    payeeName: 'ТОО Ромашка',
    payeeTaxId: '123456789012',
    purposeCode: '119',
    description: 'Оплата по счёту № 17',
    amountMinor: 10_000,
  });
  const declined = await transfer(app, payer, { ...from, kind: 'own', destinationAccountId: wallet.id, amountMinor: 90_000_000 });
  if (own.status !== 'completed' || phone.status !== 'completed' || iban.status !== 'sent' || declined.status !== 'declined') {
    throw new Error(`unexpected outcomes: ${own.status} ${phone.status} ${iban.status} ${declined.status}`);
  }
  return { payer, payee, current: { id: current.id, iban: current.iban }, wallet, payeeWallet, own, phone, iban, declined };
}
