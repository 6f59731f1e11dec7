/** The money and history the walk's customer has (tour.ts): deposits, a transfer received, demo payees. */
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { seedDemoData } from '../apps/server/src/demo/seed.js';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../apps/server/src/modules/identity/index.js';
import { getAccount } from '../apps/server/src/modules/ledger/index.js';
import { type Kassa, seenSmsIds, waitForCode } from './harness.js';

const STARTING_BALANCE_MINOR = 10_000_000n;
/** What a demo customer sends the walk's customer: 25 000,00 ₸. */
const RECEIVED_AMOUNT_MINOR = 2_500_000;
const seeded = new WeakSet<Kassa>();

/** The demo customers, once per server: the payee of the walk's transfers and the sender of one to it. */
export async function seedDemoOnce(kassa: Kassa): Promise<void> {
  if (seeded.has(kassa)) return;
  seeded.add(kassa);
  await seedDemoData(kassa.app.ctx);
}

/** A valid IBAN of another Kazakh bank: the check digits computed as ISO 13616 says. */
export function otherBankIban(): string {
  const bban = `601${String(Math.floor(Math.random() * 1e13)).padStart(13, '0')}`;
  const digits = `${bban}KZ00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  const check = 98n - (BigInt(digits) % 97n);
  return `KZ${String(check).padStart(2, '0')}${bban}`;
}

/** Logs a demo customer in through the API (password, then the code from the dev inbox). */
async function apiSession(kassa: Kassa, phone: string): Promise<{ api: APIRequestContext; csrfToken: string }> {
  const api = await request.newContext({ baseURL: kassa.baseUrl });
  const seen = await seenSmsIds(kassa.baseUrl, phone);
  const login = await api.post('/api/v1/auth/login', { data: { login: phone, password: DEMO_PASSWORD, client: 'web' } });
  if (!login.ok()) throw new Error(`demo login answered ${login.status()}`);
  const { loginId } = (await login.json()) as { loginId: string };
  const code = await waitForCode(kassa.baseUrl, phone, seen);
  const confirmed = await api.post(`/api/v1/auth/login/${loginId}/confirm`, { data: { code } });
  if (!confirmed.ok()) throw new Error(`demo login confirm answered ${confirmed.status()}`);
  const { csrfToken } = (await confirmed.json()) as { csrfToken: string };
  return { api, csrfToken };
}

export interface AccountItem {
  id: string;
  kind: string;
  currency: string;
}

/** A demo customer sends money to the walk's customer by phone, so it has a transfer received and its notice. */
export async function receiveFromDemo(kassa: Kassa, payeePhone: string): Promise<void> {
  const sender = DEMO_CUSTOMERS[2].phone;
  const { api, csrfToken } = await apiSession(kassa, sender);
  try {
    const { items } = (await (await api.get('/api/v1/accounts')).json()) as { items: AccountItem[] };
    const source = items.find((item) => item.currency === 'KZT');
    if (!source) throw new Error('the demo sender has no KZT account');
    const seen = await seenSmsIds(kassa.baseUrl, sender);
    const created = await api.post('/api/v1/transfers', {
      headers: { 'Idempotency-Key': crypto.randomUUID(), 'X-CSRF-Token': csrfToken },
      data: { kind: 'phone', sourceAccountId: source.id, amountMinor: RECEIVED_AMOUNT_MINOR, currency: 'KZT', payeePhone },
    });
    if (!created.ok()) throw new Error(`the demo transfer answered ${created.status()}: ${await created.text()}`);
    const transfer = (await created.json()) as { id: string; status: string };
    if (transfer.status !== 'awaiting_confirmation') return;
    const code = await waitForCode(kassa.baseUrl, sender, seen);
    const confirmed = await api.post(`/api/v1/transfers/${transfer.id}/confirm`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { code },
    });
    if (!confirmed.ok()) throw new Error(`the demo transfer's confirm answered ${confirmed.status()}`);
  } finally {
    await api.dispose();
  }
}

/** Books a deposit to each of the customer's accounts, as the bank's settlement would. */
export async function fund(kassa: Kassa, page: Page): Promise<void> {
  const { items } = (await (await page.request.get(`${kassa.baseUrl}/api/v1/accounts`)).json()) as { items: AccountItem[] };
  for (const item of items) {
    const account = await getAccount(kassa.app.ctx.db, item.id);
    if (!account) throw new Error(`account ${item.id} not found`);
    // The demo seeder's own words for its deposits (demo.ts), so the walk shows what demo customers see.
    await kassa.app.ctx.db.transaction((tx) => depositFromSettlement(tx, account, STARTING_BALANCE_MINOR, 'Demo deposit'));
  }
}
