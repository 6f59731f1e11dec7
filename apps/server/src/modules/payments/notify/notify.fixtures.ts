import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../../test/customers.js';
import { depositFromSettlement } from '../../accounts/index.js';
import { getAccount } from '../../ledger/index.js';
import { selectProviderBySlug } from '../catalogue.repo.js';
import { seedDemoCatalogue } from '../demo.js';
import { type ProviderSimulator, startProviderSimulator } from '../simulator/index.js';

/**
 * Service payments made the customer's way for the notify tests: the demo catalogue pointed at a
 * simulator of the test's own, a customer with money on a current account, and each payment
 * checked, created and (when asked) confirmed through /api/v1/payments. Run in an app with
 * SCA_LOW_VALUE_MAX_MINOR=0, so a payment waits for its code until the test confirms it.
 */
export interface PaymentsWorld {
  simulator: ProviderSimulator;
  providerId(slug: string): Promise<string>;
}

export async function startPaymentsWorld(app: FastifyInstance): Promise<PaymentsWorld> {
  const simulator = await startProviderSimulator({ host: '127.0.0.1' });
  await seedDemoCatalogue(app.ctx, simulator.url);
  return {
    simulator,
    async providerId(slug) {
      const provider = await selectProviderBySlug(app.ctx.db, slug);
      if (!provider) throw new Error(`no demo provider ${slug}`);
      return provider.id;
    },
  };
}

export interface Payer {
  who: LoggedIn;
  sourceAccountId: string;
}

export async function payerWithMoney(app: FastifyInstance, amountMinor: bigint): Promise<Payer> {
  const who = await registerCustomer(app, { agreement: 'both' });
  const items: Array<{ id: string; kind: string }> = (await app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
  const current = items.find((item) => item.kind === 'customer_current');
  const account = current ? await getAccount(app.ctx.db, current.id) : null;
  if (!account) throw new Error('the payer needs a current account');
  await app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
  return { who, sourceAccountId: account.id };
}

/** Checks the account with the provider and creates the payment; its operation as the API shows it. */
export async function createPayment(
  app: FastifyInstance,
  world: PaymentsWorld,
  payer: Payer,
  payment: { slug: string; fields: Record<string, string>; amountMinor: number },
): Promise<{ id: string; status: string }> {
  const providerId = await world.providerId(payment.slug);
  const checked = await app.inject({
    method: 'POST',
    url: `/api/v1/payments/providers/${providerId}/check`,
    headers: web(payer.who),
    payload: { fields: payment.fields },
  });
  if (checked.statusCode !== 200) throw new Error(`check: ${checked.statusCode} ${checked.body}`);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/payments',
    headers: { ...web(payer.who), 'idempotency-key': randomUUID() },
    payload: {
      providerId,
      sourceAccountId: payer.sourceAccountId,
      amountMinor: payment.amountMinor,
      currency: 'KZT',
      fields: payment.fields,
      checkId: checked.json().checkId,
    },
  });
  if (created.statusCode !== 201) throw new Error(`payment: ${created.statusCode} ${created.body}`);
  const body: { id: string; status: string } = created.json();
  return { id: body.id, status: body.status };
}

export async function confirmPayment(app: FastifyInstance, payer: Payer, paymentId: string): Promise<string> {
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/v1/payments/${paymentId}/confirm`,
    headers: web(payer.who),
    payload: { code: codeIn(await lastCodeSms(app, payer.who.phone)) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
  const body: { status: string } = confirmed.json();
  return body.status;
}

/** A checked, confirmed payment: its operation is `sent`, due for the notifier. */
export async function sentPayment(
  app: FastifyInstance,
  world: PaymentsWorld,
  payer: Payer,
  payment: { slug: string; fields: Record<string, string>; amountMinor: number },
): Promise<string> {
  const created = await createPayment(app, world, payer, payment);
  const status = created.status === 'awaiting_confirmation' ? await confirmPayment(app, payer, created.id) : created.status;
  if (status !== 'sent') throw new Error(`payment ${created.id} is ${status}, not sent`);
  return created.id;
}

/** A 19-digit Onay card number with its Luhn check digit. */
export function onayCard(serial: number): string {
  const body = `964310${String(serial).padStart(12, '0')}`;
  let sum = 0;
  for (const [index, char] of [...body].reverse().entries()) {
    let digit = Number(char);
    if (index % 2 === 0) digit *= 2;
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

let phoneSerial = 0;
/** A Kcell number nobody else in the file pays to. */
export function kcellPhone(): string {
  phoneSerial += 1;
  return `+7701${String((process.pid * 100 + phoneSerial) % 10_000_000).padStart(7, '0')}`.replace(/0000$/, '0001');
}
