import type { Database } from '../../src/db/database.js';
import { depositFromSettlement } from '../../src/modules/accounts/index.js';
import { makeIin, REGISTRATION_CONSENT } from '../../src/modules/identity/index.js';
import { getAccount } from '../../src/modules/ledger/index.js';
import { bearer, type HttpClient } from './http-client.js';
import { sleep } from './ports.js';

/**
 * Customers for the crash tests, made through the public API as a person would (registration,
 * a second account, a trusted payee confirmed with the SMS code from the dev inbox), then funded
 * through the ledger's own deposit path so the invariants hold from the first posting.
 */

const PASSWORD = 'Steppe-Horse-Battery-42';
const SMS_WAIT_TIMEOUT_MS = 15_000;
const SMS_POLL_MS = 50;
const SMS_PAGE = 10;
const CODE_PATTERN = /(?:Код|Code|код:) (\d{6})/;
/** Serial numbers of IINs tried per customer before giving up (makeIin refuses some). */
const IIN_TRIES_MAX = 20;

export interface Customer {
  customerId: string;
  phone: string;
  token: string;
  /** Two KZT current accounts of the customer: own transfers go between them. */
  accountIds: [string, string];
  /** The phone of the next customer in the ring, confirmed as a trusted payee (RTS art. 13: no code). */
  trustedPayeePhone: string;
}

function phoneOf(serial: number): string {
  return `+7701${String(serial).padStart(7, '0')}`;
}

function iinOf(serial: number): string {
  for (let attempt = 0; attempt < IIN_TRIES_MAX; attempt += 1) {
    const iin = makeIin('1990-05-17', serial % 2 ? 'male' : 'female', (serial * IIN_TRIES_MAX + attempt) % 10_000);
    if (iin) return iin;
  }
  throw new Error(`no IIN for serial ${serial}`);
}

/** Names are letters only (identity refuses digits): 1 → "Cb", 2 → "Cc", … */
function lettersOf(serial: number): string {
  let letters = '';
  for (let rest = serial; rest > 0; rest = Math.floor(rest / 26)) letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return `C${letters}`;
}

async function nextCode(client: HttpClient, phone: string, seenIds: Set<string>): Promise<string> {
  const deadlineMs = performance.now() + SMS_WAIT_TIMEOUT_MS;
  while (performance.now() < deadlineMs) {
    const inbox = await client.expect(
      200,
      'dev sms inbox',
      client.request('GET', `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}&limit=${SMS_PAGE}`),
    );
    for (const message of inbox.items as Array<{ id: string; text: string }>) {
      if (seenIds.has(message.id)) continue;
      seenIds.add(message.id);
      const code = CODE_PATTERN.exec(message.text)?.[1];
      if (code) return code;
    }
    await sleep(SMS_POLL_MS);
  }
  throw new Error(`no code SMS for ${phone} within ${SMS_WAIT_TIMEOUT_MS} ms`);
}

async function register(client: HttpClient, serial: number, seenIds: Set<string>) {
  const phone = phoneOf(serial);
  const started = await client.expect(201, 'registration', client.request('POST', '/api/v1/registration', { phone, language: 'en' }));
  const code = await nextCode(client, phone, seenIds);
  await client.expect(204, 'registration phone', client.request('POST', `/api/v1/registration/${started.registrationId}/phone`, { code }));
  const completed = await client.expect(
    201,
    'registration complete',
    client.request('POST', `/api/v1/registration/${started.registrationId}/complete`, {
      iin: iinOf(serial),
      fullName: `Crash ${lettersOf(serial)}`,
      password: PASSWORD,
      agreement: 'banking',
      consent: REGISTRATION_CONSENT,
      client: 'mobile',
    }),
  );
  return { customerId: (completed.customer as { id: string }).id, phone, token: String(completed.token) };
}

/** Registers `count` customers one after another, each with two KZT accounts and the next one as a trusted payee. */
export async function createCustomers(client: HttpClient, count: number): Promise<Customer[]> {
  if (count < 2) throw new Error('the ring of trusted payees needs two customers at least');
  const seen = new Map<string, Set<string>>();
  const registered = [];
  for (let serial = 1; serial <= count; serial += 1) {
    const seenIds = new Set<string>();
    const customer = await register(client, serial, seenIds);
    seen.set(customer.phone, seenIds);
    await client.expect(201, 'open account', client.request('POST', '/api/v1/accounts', { currency: 'KZT' }, bearer(customer.token)));
    const list = await client.expect(200, 'accounts', client.request('GET', '/api/v1/accounts', undefined, bearer(customer.token)));
    const kzt = (list.items as Array<{ id: string; currency: string }>).filter((account) => account.currency === 'KZT').map((a) => a.id);
    const [first, second] = kzt;
    if (!first || !second) throw new Error(`customer ${customer.customerId} has ${kzt.length} KZT accounts, not 2`);
    registered.push({ ...customer, accountIds: [first, second] as [string, string] });
  }
  const customers: Customer[] = [];
  for (const [index, customer] of registered.entries()) {
    const payee = registered[(index + 1) % registered.length];
    if (!payee) throw new Error('ring of payees broken');
    const added = await client.expect(
      201,
      'trusted payee',
      client.request('POST', '/api/v1/trusted-payees', { kind: 'phone', phone: payee.phone, label: 'Ring' }, bearer(customer.token)),
    );
    const code = await nextCode(client, customer.phone, seen.get(customer.phone) ?? new Set());
    await client.expect(
      200,
      'trusted payee confirm',
      client.request('POST', `/api/v1/trusted-payees/${added.id}/confirm`, { code }, bearer(customer.token)),
    );
    customers.push({ ...customer, trustedPayeePhone: payee.phone });
  }
  return customers;
}

/** Deposits `amountMinor` on every account through the ledger (a balanced operation against settlement). */
export async function fundAccounts(db: Database, accountIds: readonly string[], amountMinor: bigint): Promise<void> {
  for (const accountId of accountIds) {
    const account = await getAccount(db, accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    await db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'crash test funding'));
  }
}
