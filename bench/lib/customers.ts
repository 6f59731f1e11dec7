import type { Database } from '../../apps/server/src/db/database.js';
import { depositFromSettlement } from '../../apps/server/src/modules/accounts/index.js';
import { makeIin, REGISTRATION_CONSENT } from '../../apps/server/src/modules/identity/index.js';
import { getAccount } from '../../apps/server/src/modules/ledger/index.js';
import { bearer, expectStatus, type HttpClient, sleep } from './http-client.js';

/**
 * Bench customers made through the public API as a person would: registration, login and
 * trusted payees each confirmed with the code from the dev SMS inbox (GET /api/v1/dev/sms).
 */

const PASSWORD = 'Steppe-Horse-Battery-42';
/** Enough for every account to pay a maximal transfer on every request of a long run. */
const FUNDING_PER_ACCOUNT_MINOR = 1_000_000_000_000n;
const SMS_WAIT_TIMEOUT_MS = 10_000;
const SMS_POLL_MS = 100;
const SMS_PAGE_SIZE = 10;
export const SETUP_CONCURRENCY = 4;

const CODE_PATTERN = /(?:Код|Code|код:) (\d{6})/;

/** The newest code SMS to `phone` not seen before (each code is read once). */
export async function newCode(http: HttpClient, phone: string, seenIds: Set<string>): Promise<string> {
  const deadline = Date.now() + SMS_WAIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const inbox = await expectStatus(
      http.request('GET', `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}&limit=${SMS_PAGE_SIZE}`),
      200,
      'dev sms',
    );
    for (const message of inbox.items as Array<{ id: string; text: string }>) {
      if (seenIds.has(message.id)) continue;
      seenIds.add(message.id);
      const code = CODE_PATTERN.exec(message.text)?.[1];
      if (code) return code;
    }
    await sleep(SMS_POLL_MS);
  }
  throw new Error(`no code SMS for ${phone}`);
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** Names are letters only (identity refuses digits): 1 → "Ba", 2 → "Bb", … */
function lettersOf(serial: number): string {
  let letters = '';
  for (let rest = serial; rest > 0; rest = Math.floor(rest / 26)) letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return `B${letters}`;
}

export interface Customer {
  customerId: string;
  phone: string;
  tokens: string[];
  accountIds: string[];
  seenSmsIds: Set<string>;
}

/** Customers a run may register: each has IIN serials of its own (below), four digits in all. */
export const BENCH_CUSTOMERS_MAX = 999;

/**
 * A valid IIN of its own for each customer. One serial in eleven or so has no check digit (the
 * IIN algorithm's rule), so each customer gets ten serials to try, serial × 10 … serial × 10 + 9.
 */
function benchIin(serial: number): string {
  if (serial < 0 || serial > BENCH_CUSTOMERS_MAX) throw new Error(`bench customer ${serial} is out of 0…${BENCH_CUSTOMERS_MAX}`);
  for (let offset = 0; offset < 10; offset += 1) {
    const iin = makeIin('1990-05-17', serial % 2 ? 'male' : 'female', serial * 10 + offset);
    if (iin) return iin;
  }
  throw new Error(`no IIN for serial ${serial}`);
}

async function registerCustomer(http: HttpClient, serial: number): Promise<Customer> {
  const phone = `+7701${String(serial).padStart(7, '0')}`;
  const iin = benchIin(serial);
  const seenSmsIds = new Set<string>();
  const started = await expectStatus(http.request('POST', '/api/v1/registration', { phone, language: 'en' }), 201, 'registration');
  const code = await newCode(http, phone, seenSmsIds);
  await expectStatus(http.request('POST', `/api/v1/registration/${started.registrationId}/phone`, { code }), 204, 'registration phone');
  const completed = await expectStatus(
    http.request('POST', `/api/v1/registration/${started.registrationId}/complete`, {
      iin,
      fullName: `Bench ${lettersOf(serial)}`,
      password: PASSWORD,
      agreement: 'banking',
      consent: REGISTRATION_CONSENT,
      client: 'mobile',
    }),
    201,
    'registration complete',
  );
  const customer = completed.customer as { id: string };
  return { customerId: customer.id, phone, tokens: [String(completed.token)], accountIds: [], seenSmsIds };
}

/** One more session of the customer (login with password and SMS code). */
async function logIn(http: HttpClient, customer: Customer): Promise<string> {
  const started = await expectStatus(
    http.request('POST', '/api/v1/auth/login', { login: customer.phone, password: PASSWORD, client: 'mobile' }),
    200,
    'login',
  );
  const code = await newCode(http, customer.phone, customer.seenSmsIds);
  const confirmed = await expectStatus(
    http.request('POST', `/api/v1/auth/login/${started.loginId}/confirm`, { code }),
    200,
    'login confirm',
  );
  return String(confirmed.token);
}

/** Opens `extra` more KZT current accounts and returns all the customer's account ids. */
async function openAccounts(http: HttpClient, customer: Customer, extra: number): Promise<string[]> {
  const token = customer.tokens[0] as string;
  for (let index = 0; index < extra; index += 1)
    await expectStatus(http.request('POST', '/api/v1/accounts', { currency: 'KZT' }, bearer(token)), 201, 'open account');
  const list = await expectStatus(http.request('GET', '/api/v1/accounts', undefined, bearer(token)), 200, 'accounts');
  return (list.items as Array<{ id: string; currency: string }>).filter((a) => a.currency === 'KZT').map((a) => a.id);
}

/**
 * RTS art. 13: the customer trusts `payeePhone` once, with the SMS code that names the payee
 * (POST /api/v1/trusted-payees, then /confirm); transfers to it then need no code.
 */
async function trustPayee(http: HttpClient, customer: Customer, payeePhone: string): Promise<void> {
  const headers = bearer(customer.tokens[0] as string);
  const added = await expectStatus(
    http.request('POST', '/api/v1/trusted-payees', { kind: 'phone', phone: payeePhone, label: 'Bench payee' }, headers),
    201,
    'add trusted payee',
  );
  const code = await newCode(http, customer.phone, customer.seenSmsIds);
  const confirmed = await expectStatus(
    http.request('POST', `/api/v1/trusted-payees/${added.id}/confirm`, { code }, headers),
    200,
    'confirm trusted payee',
  );
  if (confirmed.status !== 'active') throw new Error(`trusted payee ${added.id} is ${confirmed.status}, not active`);
}

export interface Population {
  customers: Customer[];
  hot: Customer;
  hotDestination: string;
  hotSources: string[];
}

/**
 * `customerCount` customers with two KZT accounts each, and one hot customer with `hotSourceCount`
 * more accounts and `hotSessionCount` sessions, all through the API; nothing funded yet.
 */
export async function registerPopulation(
  http: HttpClient,
  counts: { customerCount: number; hotSourceCount: number; hotSessionCount: number },
): Promise<Population> {
  const customers = await eachLimited(
    Array.from({ length: counts.customerCount + 1 }, (_, index) => index + 1),
    SETUP_CONCURRENCY,
    (serial) => registerCustomer(http, serial),
  );
  const hot = customers.pop() as Customer;
  await eachLimited(customers, SETUP_CONCURRENCY, async (customer) => {
    customer.accountIds = await openAccounts(http, customer, 1);
  });
  hot.accountIds = await openAccounts(http, hot, counts.hotSourceCount);
  for (let index = 1; index < counts.hotSessionCount; index += 1) hot.tokens.push(await logIn(http, hot));
  const [hotDestination, ...hotSources] = hot.accountIds as [string, ...string[]];
  return { customers, hot, hotDestination, hotSources };
}

/** The customer that customers[index] trusts as a payee and pays by phone: the next one, round. */
export function payeeOf(customers: readonly Customer[], index: number): Customer {
  return customers[(index + 1) % customers.length] as Customer;
}

/** Each customer trusts the next one's phone (it takes two customers: nobody pays himself by phone). */
export async function trustNextCustomers(http: HttpClient, customers: readonly Customer[]): Promise<void> {
  if (customers.length < 2) throw new Error('phone transfers need at least two customers');
  await eachLimited(customers, SETUP_CONCURRENCY, (customer, index) => trustPayee(http, customer, payeeOf(customers, index).phone));
}

/**
 * Funding goes through the ledger's own path for cash deposits (a balanced operation against the
 * bank's settlement account), never a bare INSERT, so the invariants hold from the first posting.
 */
export async function fund(db: Database, accountIds: readonly string[]): Promise<void> {
  await eachLimited(accountIds, SETUP_CONCURRENCY, async (accountId) => {
    const account = await getAccount(db, accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    await db.transaction((tx) => depositFromSettlement(tx, account, FUNDING_PER_ACCOUNT_MINOR, 'bench funding'));
  });
}
