import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../acquiring/index.js';
import type { ProviderEndpoint } from '../catalogue.types.js';
import {
  DEMO_PROVIDER_SLUGS,
  demoProviderSecret,
  type ProviderSimulator,
  startProviderSimulator,
  utilityLines,
} from '../simulator/index.js';
import { HttpProviderPort } from './provider-http.js';

const TIMEOUT_MS = 300;
let simulator: ProviderSimulator;
const logged: Array<Record<string, unknown>> = [];
const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
const port = new HttpProviderPort({ timeoutMs: TIMEOUT_MS, production: false, log });

beforeAll(async () => {
  simulator = await startProviderSimulator({ host: '127.0.0.1' });
});
afterAll(async () => {
  await simulator.close();
});

/** A provider of its own per test, so one test's switch does not reach another's requests. */
function provider(biller: 'mobile' | 'utilities' | 'transport' | 'fines' | 'internet'): ProviderEndpoint & { slug: string } {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const secret = `psk_test_${randomUUID()}`;
  simulator.addProvider(slug, secret, biller);
  return { slug, providerId: `prv_${randomUUID().replaceAll('-', '')}`, url: `${simulator.url}/${slug}`, secret };
}

function paid(paymentId: string, fields: Record<string, string>) {
  return { paymentId, fields, amountMinor: 150_000n, currency: 'KZT' as const, lines: null, paidAt: new Date() };
}

describe('the provider port over HTTP, against the simulator', () => {
  it('finds a mobile number and says a number ending 0000 is not found', async () => {
    const kcell = provider('mobile');
    expect(await port.check(kcell, { phone: '+77011234567' })).toEqual({ kind: 'found', holderName: null });
    expect(await port.check(kcell, { phone: '+77011230000' })).toEqual({ kind: 'not-found' });
  });

  it('fetches this month’s utility bill with its four lines, the amounts the simulator derives from the account', async () => {
    const erc = provider('utilities');
    const answer = await port.fetchBill(erc, { account: '1234567892' });
    expect(answer.kind).toBe('bill');
    if (answer.kind !== 'bill') return;
    const period = new Date().toISOString().slice(0, 7);
    expect(answer.bill).toMatchObject({ period, dueDate: `${period}-25`, providerBillId: `erc-1234567892-${period}` });
    expect(answer.bill.lines.map((line) => line.id)).toEqual(['electricity', 'water', 'heating', 'garbage']);
    expect(answer.bill.lines.map((line) => line.amountMinor)).toEqual(utilityLines('1234567892').map((line) => BigInt(line.amountMinor)));
    expect(answer.bill.lines[0]?.amountMinor).toBe(389_200n);
  });

  it('tells an account that owes nothing from one the provider does not know', async () => {
    const erc = provider('utilities');
    expect(await port.fetchBill(erc, { account: '1234561111' })).toEqual({ kind: 'nothing-due' });
    expect(await port.fetchBill(erc, { account: '1234560000' })).toEqual({ kind: 'not-found' });
    const fines = provider('fines');
    expect(await port.fetchBill(fines, { iin: '900517300150' })).toEqual({ kind: 'nothing-due' });
    const due = await port.fetchBill(fines, { iin: '900517300152' });
    expect(due.kind === 'bill' && due.bill.lines.length).toBe(3);
  });

  it('gives up on a provider that never answers within the timeout, as unavailable', async () => {
    const idnet = provider('internet');
    simulator.behave(idnet.slug, { answer: 'hang' });
    const started = performance.now();
    expect(await port.check(idnet, { contract: '123456789' })).toEqual({ kind: 'unavailable', reason: 'timeout' });
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 250);
  });

  it('takes a slow answer that comes within the timeout', async () => {
    const idnet = provider('internet');
    simulator.behave(idnet.slug, { answer: 'slow', delayMs: TIMEOUT_MS / 3 });
    expect(await port.check(idnet, { contract: '123456789' })).toEqual({ kind: 'found', holderName: null });
  });

  it('refuses a malformed answer and a 500 as unavailable, logging neither the body nor the account', async () => {
    const erc = provider('utilities');
    logged.length = 0;
    simulator.behave(erc.slug, { answer: 'malformed', times: 1 });
    expect(await port.fetchBill(erc, { account: '1234567892' })).toEqual({ kind: 'unavailable', reason: 'error' });
    simulator.behave(erc.slug, { answer: 'error', times: 1 });
    expect(await port.fetchBill(erc, { account: '1234567892' })).toEqual({ kind: 'unavailable', reason: 'error' });
    expect(await port.fetchBill(erc, { account: '1234567892' })).toMatchObject({ kind: 'bill' });
    expect(logged.map((line) => line.msg)).toEqual(['payment provider answer refused', 'payment provider failed; later']);
    expect(JSON.stringify(logged)).not.toContain('1234567892');
    expect(JSON.stringify(logged)).not.toContain(erc.secret);
  });

  it('is refused 401 by the simulator when signed with another secret', async () => {
    const kcell = provider('mobile');
    const body = JSON.stringify({ fields: { phone: '+77011234567' } });
    const wrong = signatureHeader('psk_wrong', Math.floor(Date.now() / 1000), body);
    const response = await fetch(`${kcell.url}/check`, { method: 'POST', headers: { 'kassa-signature': wrong }, body });
    expect(response.status).toBe(401);
    expect(await port.check({ ...kcell, secret: 'psk_wrong' }, { phone: '+77011234567' })).toEqual({
      kind: 'unavailable',
      reason: 'error',
    });
    expect(simulator.stats.requests(kcell.slug, 'check')).toBe(0);
  });

  it('answers a repeated payment notice with the first answer and counts the payment once', async () => {
    const beeline = provider('mobile');
    const paymentId = `op_${randomUUID().replaceAll('-', '')}`;
    const first = await port.notifyPaid(beeline, paid(paymentId, { phone: '+77051234567' }));
    const again = await port.notifyPaid(beeline, paid(paymentId, { phone: '+77051234567' }));
    expect(first).toMatchObject({ kind: 'accepted', activation: 'done' });
    expect(again).toEqual(first);
    expect(simulator.stats.notifyCalls(beeline.slug)).toBe(2);
    expect(simulator.stats.paymentsAccepted(beeline.slug)).toBe(1);
  });

  it('hears a rejection (409) with its reason', async () => {
    const tele2 = provider('mobile');
    const answer = await port.notifyPaid(tele2, paid(`op_${randomUUID().replaceAll('-', '')}`, { phone: '+77071230000' }));
    expect(answer).toEqual({ kind: 'rejected', reason: 'account not found at the provider' });
  });

  it('keeps a transport top-up pending until the card is tapped on a validator', async () => {
    const onay = provider('transport');
    const card = '9643108503600012345';
    const paymentId = `op_${randomUUID().replaceAll('-', '')}`;
    expect(await port.notifyPaid(onay, paid(paymentId, { card }))).toMatchObject({ kind: 'accepted', activation: 'pending' });
    expect(await port.paymentStatus(onay, paymentId)).toEqual({ kind: 'pending' });
    const tapped = await fetch(`${onay.url}/cards/${card}/tap`, { method: 'POST' });
    expect(await tapped.json()).toEqual({ activated: 1 });
    expect(await port.paymentStatus(onay, paymentId)).toEqual({ kind: 'done' });
    expect(await port.paymentStatus(onay, 'op_unknown')).toEqual({ kind: 'unknown' });
  });

  it('refuses a plain-http URL in production without calling it', async () => {
    const kcell = provider('mobile');
    const production = new HttpProviderPort({ timeoutMs: TIMEOUT_MS, production: true, log });
    expect(await production.check(kcell, { phone: '+77011234567' })).toEqual({ kind: 'unavailable', reason: 'error' });
    expect(await production.check({ ...kcell, url: 'https://10.0.0.7/kcell' }, { phone: '+77011234567' })).toEqual({
      kind: 'unavailable',
      reason: 'error',
    });
    expect(simulator.stats.requests(kcell.slug, 'check')).toBe(0);
  });

  it('serves the demo providers with their published secrets', async () => {
    expect(DEMO_PROVIDER_SLUGS).toEqual(['kcell', 'beeline', 'tele2', 'erc', 'onay', 'fines', 'idnet', 'kindergarten']);
    const erc = { providerId: 'prv_demo', url: `${simulator.url}/erc`, secret: demoProviderSecret('erc') };
    expect((await port.fetchBill(erc, { account: '5555555555' })).kind).toBe('bill');
  });
});
