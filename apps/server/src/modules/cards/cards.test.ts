import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { isLuhnValid } from './card-numbers.js';
import { cardCall, cardOwner, issueCard, issueCardRequest } from './cards.fixtures.js';
import { CARD_STATUSES, CARD_TRANSITIONS, canTransition } from './cards.types.js';
import { cardVault } from './issuing.js';

// Issue 14 item 1: virtual and single-use cards on the customer's own account, PANs from the BIN
// with a valid Luhn digit and no collisions, masked everywhere; the status machine.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CARDS_ACTIVE_PER_CUSTOMER_MAX: '50' } });
});
afterAll(async () => {
  await t.close();
});

async function panOf(cardId: string): Promise<string> {
  const { rows } = await t.db.query<{ vault_id: `vlt_${string}` }>('SELECT vault_id FROM cards WHERE id = $1', [cardId]);
  const vaultId = rows[0]?.vault_id;
  if (!vaultId) throw new Error('no card');
  return cardVault(t.app.ctx).withPan(t.db, vaultId, (pan) => pan);
}

async function auditRows(event: string, cardId: string): Promise<number> {
  const { rows } = await t.db.query<{ count: bigint }>(
    "SELECT count(*) AS count FROM audit_events WHERE event = $1 AND (details ->> 'cardId') = $2",
    [event, cardId],
  );
  return Number(rows[0]?.count);
}

describe('issuing', () => {
  it('issues a virtual card on the current account: in the BIN, Luhn-valid, masked in the answer, in the account’s currency, notified', async () => {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    expect(card).toMatchObject({
      kind: 'virtual',
      status: 'active',
      productName: 'Kassa Virtual',
      network: 'visa',
      currency: 'KZT',
      cardholderName: 'AIGERIM BEKOVA',
      account: { id: owner.currentAccountId, kind: 'customer_current' },
      blockedByBank: false,
      usable: true,
      controls: {
        internetEnabled: true,
        limits: { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 },
        defaultLimits: { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 },
        unlimited: false,
        unlimitedDaysMax: 30,
      },
      actions: { freeze: true, unfreeze: false, close: true, reveal: true, changeControls: true },
    });
    expect(card.maskedPan).toMatch(/^440043••••••\d{4}$/);
    expect(card.expiry).toMatch(/^\d{2}\/\d{2}$/);
    expect(card.expiryYear).toBe(new Date(t.clock.now()).getUTCFullYear() + 3);
    const pan = await panOf(card.id);
    expect(pan).toHaveLength(16);
    expect(pan.startsWith('440043')).toBe(true);
    expect(isLuhnValid(pan)).toBe(true);
    expect(pan.slice(-4)).toBe(card.last4);
    const list = await cardCall(t, owner.who, 'GET', '/api/v1/cards');
    expect(list.json()).toMatchObject({ items: [{ id: card.id }], activeMax: 50 });
    expect(list.body).not.toContain(pan);
    expect(await auditRows('card.issued', card.id)).toBe(1);
    const sms = await allSms(t.app, owner.who.phone);
    expect(sms).toContain(`localhost:3000: Выпущена карта •••• ${card.last4}. Если это были не вы, позвоните 595.`);
  });

  it('issues a single-use card that expires soon, and a card on the e-wallet', async () => {
    const owner = await cardOwner(t);
    const single = await issueCard(t, owner, 'single_use');
    expect(single).toMatchObject({ kind: 'single_use', status: 'active' });
    const wallets = (await cardCall(t, owner.who, 'GET', '/api/v1/accounts')).json().items as Array<{ id: string; kind: string }>;
    const wallet = wallets.find((account) => account.kind === 'ewallet');
    const onWallet = await issueCardRequest(t, { ...owner, currentAccountId: wallet?.id ?? '' });
    expect(onWallet.statusCode).toBe(201);
    expect(onWallet.json().account.kind).toBe('ewallet');
  });

  it('draws 200 cards with 200 different Luhn-valid numbers in the BIN', async () => {
    const owners = await Promise.all([cardOwner(t), cardOwner(t), cardOwner(t), cardOwner(t)]);
    const pans = new Set<string>();
    for (let index = 0; index < 200; index += 1) {
      const owner = owners[index % owners.length];
      if (!owner) throw new Error('no owner');
      const card = await issueCard(t, owner);
      const pan = await panOf(card.id);
      expect(isLuhnValid(pan) && pan.startsWith('440043')).toBe(true);
      pans.add(pan);
    }
    expect(pans.size).toBe(200);
  }, 120_000);

  it('answers a retry with the same Idempotency-Key with the same card, and refuses the key with another body', async () => {
    const owner = await cardOwner(t);
    const key = randomUUID();
    const first = await issueCardRequest(t, owner, {}, { key });
    const again = await issueCardRequest(t, owner, {}, { key });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const other = await issueCardRequest(t, owner, { kind: 'single_use' }, { key });
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toBe('https://mykassa.kz/problems/card-idempotency-mismatch');
    const { rows } = await t.db.query<{ count: bigint }>('SELECT count(*) AS count FROM cards WHERE customer_id = $1', [
      owner.who.customerId,
    ]);
    expect(Number(rows[0]?.count)).toBe(1);
    const withoutKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cards',
      headers: web(owner.who),
      payload: { accountId: owner.currentAccountId },
    });
    expect(withoutKey.statusCode).toBe(400);
  });

  it('refuses another customer’s account as not found, audited, and a customer without an agreement', async () => {
    const owner = await cardOwner(t);
    const stranger = await cardOwner(t);
    const answer = await issueCardRequest(t, { who: stranger.who, currentAccountId: owner.currentAccountId });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().title).toBe('You have no such account or wallet');
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1 AND details ->> 'accountId' = $2",
      [stranger.who.customerId, owner.currentAccountId],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });

  it('stops at the cap of cards in use, and a closed card frees its place', async () => {
    const small = await createTestApp({ env: { CARDS_ACTIVE_PER_CUSTOMER_MAX: '2' } });
    try {
      const owner = await cardOwner(small);
      const first = await issueCard(small, owner);
      await issueCard(small, owner);
      const third = await issueCardRequest(small, owner, {}, { language: 'ru' });
      expect(third.statusCode).toBe(409);
      expect(third.json().title).toBe('У вас уже 2 действующих карт. Закройте ненужную, чтобы выпустить новую');
      expect((await cardCall(small, owner.who, 'POST', `/api/v1/cards/${first.id}/close`)).statusCode).toBe(200);
      expect((await issueCardRequest(small, owner)).statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });
});

describe('the status machine', () => {
  it('lists every transition once, with closed and expired final', () => {
    expect(CARD_TRANSITIONS).toEqual({
      active: ['frozen', 'closed', 'expired'],
      frozen: ['active', 'closed', 'expired'],
      closed: [],
      expired: [],
    });
    for (const status of CARD_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('freezes and unfreezes in one tap, closes for good, and refuses the steps the machine has not', async () => {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    const url = (action: string) => `/api/v1/cards/${card.id}/${action}`;
    const frozen = await cardCall(t, owner.who, 'POST', url('freeze'));
    expect(frozen.json()).toMatchObject({ status: 'frozen', usable: false, actions: { freeze: false, unfreeze: true } });
    const twice = await cardCall(t, owner.who, 'POST', url('freeze'), undefined, 'kk');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ cardStatus: 'frozen', detail: 'Карта уақытша бұғатталған.' });
    expect((await cardCall(t, owner.who, 'POST', url('unfreeze'))).json().status).toBe('active');
    expect((await cardCall(t, owner.who, 'POST', url('unfreeze'))).statusCode).toBe(409);
    const closed = await cardCall(t, owner.who, 'POST', url('close'));
    expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'customer', actions: { close: false, reveal: false } });
    for (const action of ['freeze', 'unfreeze', 'close']) expect((await cardCall(t, owner.who, 'POST', url(action))).statusCode).toBe(409);
    expect(await auditRows('card.frozen', card.id)).toBe(1);
    expect(await auditRows('card.unfrozen', card.id)).toBe(1);
    expect(await auditRows('card.closed', card.id)).toBe(1);
    const sms = await allSms(t.app, owner.who.phone);
    expect(sms.some((text) => text.includes(`Карта •••• ${card.last4} заморожена`) && text.includes('позвоните 595'))).toBe(true);
  });

  it('is expired by the date after its expiry month, and the next step records it and is refused', async () => {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    // As if the card had been issued years ago: its expiry month is behind the clock.
    await t.db.query('UPDATE cards SET expiry_year = 2020, expiry_month = 1 WHERE id = $1', [card.id]);
    const seen = await cardCall(t, owner.who, 'GET', `/api/v1/cards/${card.id}`);
    expect(seen.json()).toMatchObject({ status: 'expired', usable: false, actions: { freeze: false, reveal: false } });
    const freeze = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/freeze`);
    expect(freeze.statusCode).toBe(409);
    expect(freeze.json().cardStatus).toBe('expired');
    const { rows } = await t.db.query<{ status: string }>('SELECT status FROM cards WHERE id = $1', [card.id]);
    expect(rows[0]?.status).toBe('expired');
    expect(await auditRows('card.expired', card.id)).toBe(1);
    expect((await issueCardRequest(t, owner)).statusCode).toBe(201);
  });

  it('shows the bank’s block on the card and refuses to unfreeze it while the block stands', async () => {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/freeze`);
    // The block's row alone, so this session lives on to ask (the whole block would end it).
    await t.db.query(
      "INSERT INTO customer_blocks (id, customer_id, source, reason, created_at) VALUES ($1, $2, 'self', 'lost_phone', now())",
      [`blk_${randomUUID().replaceAll('-', '')}`, owner.who.customerId],
    );
    const seen = (await cardCall(t, owner.who, 'GET', `/api/v1/cards/${card.id}`)).json();
    expect(seen).toMatchObject({ status: 'frozen', blockedByBank: true, usable: false, actions: { unfreeze: false, reveal: false } });
    const unfreeze = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/unfreeze`, undefined, 'ru');
    expect(unfreeze.statusCode).toBe(423);
    expect(unfreeze.json().title).toBe('Доступ заблокирован: карту нельзя разморозить. Позвоните 595');
    expect((await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/close`)).statusCode).toBe(200);
    expect((await issueCardRequest(t, owner)).statusCode).toBe(423);
  });

  it('answers another customer’s card id with 404 on every route and audits each try', async () => {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    const stranger = await registerCustomer(t.app);
    const tries: Array<['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, Record<string, unknown>?]> = [
      ['GET', ''],
      ['POST', '/freeze'],
      ['POST', '/close'],
      ['PATCH', '/controls', { internetEnabled: false }],
      ['PUT', '/limits', { perOperationMinor: 1, perDayMinor: 1, perMonthMinor: 1 }],
      ['POST', '/unlimited', { days: 5 }],
      ['POST', '/reveal'],
      ['POST', '/reveal/confirm', { challengeId: `chl_${'0'.repeat(32)}`, code: '123456' }],
    ];
    for (const [method, path, payload] of tries) {
      const answer = await cardCall(t, stranger, method, `/api/v1/cards/${card.id}${path}`, payload);
      expect(answer.statusCode, `${method} ${path}`).toBe(404);
      expect(answer.json().title).toBe('Card not found');
    }
    const { rows } = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'access.denied' AND customer_id = $1 AND details ->> 'cardId' = $2",
      [stranger.customerId, card.id],
    );
    expect(Number(rows[0]?.count)).toBe(tries.length);
    expect((await cardCall(t, owner.who, 'GET', `/api/v1/cards/${card.id}`)).json().status).toBe('active');
  });
});
