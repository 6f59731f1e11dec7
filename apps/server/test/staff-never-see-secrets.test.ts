import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestMerchant } from '../src/modules/acquiring/acquiring.fixtures.js';
import { bindPinDevice } from '../src/modules/blocks/blocks.fixtures.js';
import { emergencyBlock, requestUnblock } from '../src/modules/blocks/index.js';
import { identifiedCall } from '../src/modules/calls/calls.fixtures.js';
import { reportOperation, sentByPhone } from '../src/modules/disputes/disputes.fixtures.js';
import { createTestProvider, seedCatalogueSections, TEST_ENDPOINT_SECRET } from '../src/modules/payments/catalogue.admin.fixtures.js';
import { serviceRegistries } from '../src/modules/payments/index.js';
import { changePhone, freshNumber } from '../src/modules/phone-change/phone-change.fixtures.js';
import { STAFF_ROLES, type StaffRole } from '../src/modules/staff/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../src/modules/staff/staff.fixtures.js';
import { calendarDay } from '../src/shared/datetime.js';
import { allSms, type LoggedIn, login, web } from './customers.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Issue 13 item 1: "Staff never see a password, an SMS code, a PIN, a full PAN or a CVC: no
 * screen, export or API can show one." A customer leaves every kind of secret behind (a password,
 * a bound PIN device, the SMS codes of registration, login, a transfer, a device binding, a phone
 * change and a call's verification), with an incident, a dispute, a block and an unblock request
 * on file; then each staff role calls every GET route the OpenAPI document lists under
 * /api/staff/v1, and no answer may hold any of them, nor the IIN in full, a password hash or a TOTP
 * secret. A GET route this file does not know fails the test: add it to ROUTES with its URLs.
 * (Cards do not exist yet: when they do, their PAN and CVC join SECRETS.)
 */

let t: TestApp;
const staff = {} as Record<StaffRole, TestStaff>;
/** A second security officer: the maker of the unblock request is the first. */
let checker: TestStaff;
let who: LoggedIn;
let ids: {
  customerId: string;
  phone: string;
  iin: string;
  callId: string;
  incidentId: string;
  disputeId: string;
  approvalId: string;
  blockId: string;
  merchantId: string;
  providerId: string;
  registryDay: string;
};
const phones: string[] = [];
const PIN = '2580';
/** A merchant's API key, shown once to the admin who issued it. */
let merchantKey: string;
const TRANSFER_NEEDING_CODE_MINOR = 2_000_000;
const DAY_MS = 86_400_000;

type Ids = typeof ids;
/** Every staff GET route (OpenAPI path → the URLs to call it with, from the data made below). */
const ROUTES: Record<string, (ids: Ids) => string[]> = {
  '/api/staff/v1/auth/session': () => ['/api/staff/v1/auth/session'],
  '/api/staff/v1/auth/security-keys': () => ['/api/staff/v1/auth/security-keys'],
  '/api/staff/v1/staff': () => ['/api/staff/v1/staff'],
  '/api/staff/v1/calls': () => ['/api/staff/v1/calls'],
  '/api/staff/v1/calls/{callId}': (i) => [`/api/staff/v1/calls/${i.callId}`],
  '/api/staff/v1/calls/{callId}/customer': (i) => [`/api/staff/v1/calls/${i.callId}/customer`],
  // The IIN goes in as a search, and must not come back in full.
  '/api/staff/v1/customers': (i) => [
    `/api/staff/v1/customers?phone=${encodeURIComponent(i.phone)}`,
    `/api/staff/v1/customers?iin=${i.iin}`,
    `/api/staff/v1/customers?name=${encodeURIComponent('Бекова Айгерим')}`,
  ],
  '/api/staff/v1/customers/{customerId}': (i) => [
    `/api/staff/v1/customers/${i.customerId}?reason=${encodeURIComponent('Инцидент: проверка доступа клиента')}`,
  ],
  '/api/staff/v1/incidents': (i) => ['/api/staff/v1/incidents', `/api/staff/v1/incidents?customerId=${i.customerId}`],
  '/api/staff/v1/incidents/{incidentId}': (i) => [`/api/staff/v1/incidents/${i.incidentId}`],
  '/api/staff/v1/disputes': (i) => ['/api/staff/v1/disputes', `/api/staff/v1/disputes?customerId=${i.customerId}`],
  '/api/staff/v1/disputes/{disputeId}': (i) => [`/api/staff/v1/disputes/${i.disputeId}`],
  '/api/staff/v1/blocks': () => ['/api/staff/v1/blocks'],
  '/api/staff/v1/blocks/{blockId}': (i) => [`/api/staff/v1/blocks/${i.blockId}`],
  '/api/staff/v1/approvals': () => ['/api/staff/v1/approvals?status=pending'],
  '/api/staff/v1/approvals/{approvalId}': (i) => [`/api/staff/v1/approvals/${i.approvalId}`],
  '/api/staff/v1/audit': (i) => ['/api/staff/v1/audit?limit=100', `/api/staff/v1/audit?customerId=${i.customerId}&limit=100`],
  '/api/staff/v1/audit.csv': (i) => ['/api/staff/v1/audit.csv', `/api/staff/v1/audit.csv?customerId=${i.customerId}`],
  '/api/staff/v1/merchants': () => ['/api/staff/v1/merchants'],
  '/api/staff/v1/merchants/{merchantId}': (i) => [`/api/staff/v1/merchants/${i.merchantId}`],
  '/api/staff/v1/merchants/{merchantId}/balance': (i) => [`/api/staff/v1/merchants/${i.merchantId}/balance`],
  '/api/staff/v1/merchants/{merchantId}/events': (i) => [`/api/staff/v1/merchants/${i.merchantId}/events`],
  '/api/staff/v1/payment-providers': () => ['/api/staff/v1/payment-providers', '/api/staff/v1/payment-providers?status=active&q=a'],
  '/api/staff/v1/payment-providers/{providerId}': (i) => [`/api/staff/v1/payment-providers/${i.providerId}`],
  '/api/staff/v1/payment-providers/{providerId}/registries': (i) => [`/api/staff/v1/payment-providers/${i.providerId}/registries`],
  '/api/staff/v1/payment-providers/{providerId}/registries/{day}.csv': (i) => [
    `/api/staff/v1/payment-providers/${i.providerId}/registries/${i.registryDay}.csv`,
  ],
  '/api/staff/v1/payment-providers/{providerId}/reconciliations': (i) => [
    `/api/staff/v1/payment-providers/${i.providerId}/reconciliations`,
  ],
};

/** The staff GET routes as the OpenAPI document of this very app lists them. */
function staffGetRoutes(): string[] {
  const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .filter(([path, operations]) => path.startsWith('/api/staff/v1/') && 'get' in operations)
    .map(([path]) => path)
    .sort();
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of STAFF_ROLES) staff[role] = await createTestStaff(t.app, role);
  checker = await createTestStaff(t.app, 'security_officer');

  // Registration (its code), a transfer confirmed by its code, and the dispute of it.
  const sent = await sentByPhone(t, TRANSFER_NEEDING_CODE_MINOR, 10_000_000n);
  who = sent.who;
  phones.push(who.phone, sent.payee.phone);
  const disputeId = await reportOperation(t, who, sent.operationId, 'Я не делал этот перевод');
  // A login by SMS code, and a PIN device bound with a code of its own.
  t.clock.advance(1_000);
  const loggedIn = await login(t.app, who);
  expect(loggedIn.status).toBe(200);
  who = { ...who, cookie: loggedIn.cookie, csrf: loggedIn.csrf };
  await bindPinDevice(t, who);
  const incident = await t.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers: web(who),
    payload: { kind: 'fake_bank_call', text: 'Звонили «из банка», спрашивали код' },
  });
  expect(incident.statusCode).toBe(201);
  // A phone change from the app: a code to the old number and one to the new.
  const newPhone = freshNumber();
  phones.push(newPhone);
  const changed = await changePhone(t.app, who, newPhone);
  expect(changed.statusCode, changed.body).toBe(200);
  // An inbound call identified by the code sent to the (new) number on file: the operator's file opens.
  const callId = await identifiedCall(t.app, staff.operator, newPhone);
  // A role change waiting for a second admin.
  const roleChange = await t.app.inject({
    method: 'POST',
    url: '/api/staff/v1/approvals/role-change',
    headers: staffHeaders(staff.admin),
    payload: { staffId: checker.staffId, role: 'operator', reason: 'Переход в контакт-центр' },
  });
  expect(roleChange.statusCode, roleChange.body).toBe(201);
  // Then the block, by a security officer, and the unblock request of another (maker-checker).
  const meta = { ip: '127.0.0.1', userAgent: null, requestId: 'secrets-test', language: 'ru' as const };
  const blocked = await emergencyBlock(t.app.ctx, {
    customerId: who.customerId,
    source: 'security',
    reason: 'compromise',
    note: 'Клиент назвал код звонившему',
    staffId: staff.security_officer.staffId,
    meta,
  });
  const unblock = await requestUnblock(t.app.ctx, {
    blockId: blocked.block.id,
    staffId: checker.staffId,
    note: 'Личность проверена в отделении по удостоверению',
    meta,
  });
  // A merchant and its key (modules/acquiring): the key's text must come back in no answer.
  const merchantId = await createTestMerchant(t.app, staff.admin);
  merchantKey = (await createTestKey(t.app, staff.admin, merchantId, 'live')).secret;
  // A service provider with its endpoint secret (modules/payments): stored sealed, never in an answer.
  await seedCatalogueSections(t.app);
  const providerId = await createTestProvider(t.app, staff.admin);
  // Its registry of today, made as the first pass after the day would make it (payments/registry).
  const registryDay = calendarDay(t.clock.now(), t.app.ctx.config.bankTimeZone);
  await serviceRegistries(() => t.app.ctx)(t.db, new Date(t.clock.now().getTime() + DAY_MS));
  ids = {
    customerId: who.customerId,
    phone: newPhone,
    iin: who.iin,
    callId,
    incidentId: incident.json().id,
    disputeId,
    approvalId: unblock.id,
    blockId: blocked.block.id,
    merchantId,
    providerId,
    registryDay,
  };
});

afterAll(async () => {
  await t.close();
});

/** Every secret the customer and the staff left behind, as the database and the SMS inbox hold them. */
async function secrets(): Promise<{ exact: string[]; standalone: string[] }> {
  const codes = new Set<string>();
  for (const phone of phones)
    for (const text of await allSms(t.app, phone)) for (const match of text.matchAll(/\b\d{6}\b/g)) codes.add(match[0]);
  const passwordHashes = [
    ...(await t.db.query<{ password_hash: string }>('SELECT password_hash FROM auth_passwords')).rows,
    ...(await t.db.query<{ password_hash: string }>('SELECT password_hash FROM staff_users')).rows,
  ].map((row) => row.password_hash);
  const sealedTotp = (
    await t.db.query<{ totp_secret_sealed: string }>('SELECT totp_secret_sealed FROM staff_users WHERE totp_secret_sealed IS NOT NULL')
  ).rows.map((row) => row.totp_secret_sealed);
  const staffSecrets = [...Object.values(staff), checker].flatMap((member) => [member.secret, member.password]);
  return {
    // Found anywhere in a body: long enough that no other value holds them by chance.
    exact: [who.password, who.iin, ...passwordHashes, ...sealedTotp, ...staffSecrets, merchantKey, TEST_ENDPOINT_SECRET, '$argon2id$'],
    // Codes and the PIN are short: found as a number of their own ("123456", not inside a longer id).
    standalone: [...codes, PIN],
  };
}

describe('staff never see a password, an SMS code, a PIN or a full IIN', () => {
  it('knows every staff GET route of the OpenAPI document (a new one must be added here)', () => {
    const listed = staffGetRoutes();
    expect(
      listed.filter((path) => !(path in ROUTES)),
      'staff GET routes this test does not call',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((path) => !listed.includes(path)),
      'routes here the app no longer has',
    ).toEqual([]);
  });

  it('collected the codes of registration, login, transfer, device binding, phone change and the call', async () => {
    const { standalone } = await secrets();
    // At least: registration ×2 (customer and payee), login, transfer, binding, old and new number, call.
    expect(standalone.length).toBeGreaterThanOrEqual(8);
  });

  it('would see one: the check finds the codes in the SMS texts themselves', async () => {
    const found = leaksIn(await secrets(), (await allSms(t.app, ids.phone)).join('\n'));
    expect(found.length).toBeGreaterThanOrEqual(2);
  });

  it('answers no staff role, on any staff GET route, with any of them', async () => {
    const known = await secrets();
    const leaks: string[] = [];
    for (const path of staffGetRoutes()) {
      const urls = ROUTES[path]?.(ids) ?? [];
      let answeredOk = false;
      for (const role of STAFF_ROLES) {
        for (const url of urls) {
          const response = await t.app.inject({ url, headers: staffHeaders(staff[role]) });
          if (response.statusCode === 200) answeredOk = true;
          for (const secret of leaksIn(known, response.body)) leaks.push(`${role} GET ${url}: ${secret}`);
        }
      }
      // A route refused to every role shows nothing, and so proves nothing: each must answer someone.
      expect(answeredOk, `no staff role got 200 from ${path}`).toBe(true);
    }
    expect(leaks).toEqual([]);
  });
});

/** The secrets a body holds, each cut to its first characters (the failure message must not be a leak of its own). */
function leaksIn(known: { exact: string[]; standalone: string[] }, body: string): string[] {
  return [
    ...known.exact.filter((secret) => body.includes(secret)),
    ...known.standalone.filter((secret) => new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`).test(body)),
  ].map((secret) => `${secret.slice(0, 12)}…`);
}
