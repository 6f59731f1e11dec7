import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { checkLedgerInvariants, getHold, isLedgerProblem, postHold, systemAccountId } from '../ledger/index.js';
import { answered, availableOf, balanceOf, networkOf, purchaseOf, type TypedCard, typedCard } from './card-network.fixtures.js';
import type { AuthorisationRequest } from './message-schemas.js';

// Issue 14 item 6: what ends an approved purchase. A reversal voids its hold, a clearing posts it
// (for at most the amount held), an expired hold is voided by the sweep; a voided hold is never
// posted, and the operation in the history follows each step.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 4, 12, 6)) });
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  await t.close();
});

const THOUSAND = 100_000;

async function approved(card: TypedCard, amountMinor: number): Promise<{ message: AuthorisationRequest; code: string }> {
  const message = purchaseOf(t, card, amountMinor);
  const answer = await answered(t, 'authorisation', message);
  expect(answer.responseCode).toBe('00');
  return { message, code: answer.authorisationCode ?? '' };
}

async function operation(message: { rrn: string }) {
  const { rows } = await t.db.query<{
    status: string;
    amount_minor: bigint;
    ledger_operation_id: string | null;
    hold_id: string;
    detail: string;
  }>(
    `SELECT o.status, o.amount_minor, o.ledger_operation_id, a.hold_id, a.status AS detail
     FROM card_authorisations a JOIN operations o ON o.id = a.operation_id WHERE a.rrn = $1`,
    [message.rrn],
  );
  const row = rows[0];
  if (!row) throw new Error('no purchase');
  return { ...row, amount_minor: BigInt(row.amount_minor) };
}

describe('a reversal', () => {
  it('voids the hold: the money is available again at once, nothing is debited, the purchase shows reversed', async () => {
    const card = await typedCard(t, 1_000_000n);
    const { message } = await approved(card, 4 * THOUSAND);
    expect(await availableOf(t, card)).toBe(600_000n);
    const answer = await answered(t, 'reversal', networkOf(t).reversal(message, t.clock.now()));
    expect(answer).toMatchObject({ mti: '0410', responseCode: '00', rrn: message.rrn });
    expect(await availableOf(t, card)).toBe(1_000_000n);
    expect(await balanceOf(t, card)).toBe(1_000_000n);
    expect(await operation(message)).toMatchObject({ status: 'reversed', detail: 'reversed', ledger_operation_id: null });
  });

  it('answers 25 for a DE37 never authorised, 13 for another amount, 00 again for a purchase already released', async () => {
    const card = await typedCard(t, 1_000_000n);
    const stranger = purchaseOf(t, card, THOUSAND);
    expect((await answered(t, 'reversal', networkOf(t).reversal(stranger))).responseCode).toBe('25');
    const { message } = await approved(card, THOUSAND);
    expect((await answered(t, 'reversal', { ...networkOf(t).reversal(message), amountMinor: 1 })).responseCode).toBe('13');
    expect((await answered(t, 'reversal', networkOf(t).reversal(message))).responseCode).toBe('00');
  });
});

describe('a clearing', () => {
  it('posts the hold: the balance drops by the amount, the purchase completes, the bank’s clearing account is credited', async () => {
    const card = await typedCard(t, 1_000_000n);
    const { message, code } = await approved(card, 2 * THOUSAND);
    const clearing = systemAccountId('bank_clearing', 'KZT');
    const { rows: before } = await t.db.query<{ balance_minor: bigint }>('SELECT balance_minor FROM ledger_accounts WHERE id = $1', [
      clearing,
    ]);
    const answer = await answered(t, 'clearing', networkOf(t).clearing(message, code));
    expect(answer).toMatchObject({ mti: '0230', responseCode: '00' });
    expect(await balanceOf(t, card)).toBe(800_000n);
    expect(await availableOf(t, card)).toBe(800_000n);
    const after = await operation(message);
    expect(after).toMatchObject({ status: 'completed', detail: 'cleared', amount_minor: 200_000n });
    expect(after.ledger_operation_id).toMatch(/^op_[0-9a-f]{32}$/);
    const { rows } = await t.db.query<{ balance_minor: bigint }>('SELECT balance_minor FROM ledger_accounts WHERE id = $1', [clearing]);
    expect(BigInt(rows[0]?.balance_minor ?? 0n) - BigInt(before[0]?.balance_minor ?? 0n)).toBe(200_000n);
  });

  it('posts less than authorised and releases the rest; refuses more (13) and keeps the hold as it was', async () => {
    const card = await typedCard(t, 1_000_000n);
    const first = await approved(card, 5 * THOUSAND);
    expect((await answered(t, 'clearing', networkOf(t).clearing(first.message, first.code, 5 * THOUSAND + 1))).responseCode).toBe('13');
    expect(await availableOf(t, card)).toBe(500_000n);
    expect((await answered(t, 'clearing', networkOf(t).clearing(first.message, first.code, 3 * THOUSAND))).responseCode).toBe('00');
    expect(await balanceOf(t, card)).toBe(700_000n);
    expect(await availableOf(t, card)).toBe(700_000n);
    expect(await operation(first.message)).toMatchObject({ status: 'completed', amount_minor: 300_000n });
  });

  it('refuses a DE38 that is not the approval’s (25) and a purchase already reversed (12): a voided hold is never posted', async () => {
    const card = await typedCard(t, 1_000_000n);
    const { message, code } = await approved(card, THOUSAND);
    expect((await answered(t, 'clearing', networkOf(t).clearing(message, code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'))).responseCode).toBe(
      '25',
    );
    await answered(t, 'reversal', networkOf(t).reversal(message));
    expect((await answered(t, 'clearing', networkOf(t).clearing(message, code))).responseCode).toBe('12');
    expect(await balanceOf(t, card)).toBe(1_000_000n);
    // And below the engine, the ledger itself refuses to post the voided hold.
    const { hold_id: holdId } = await operation(message);
    expect((await getHold(t.db, holdId))?.status).toBe('voided');
    const posting = t.db.transaction((tx) =>
      postHold(tx, holdId, {
        operationId: `op_${'e'.repeat(32)}`,
        counterPostings: [{ accountId: systemAccountId('bank_clearing', 'KZT'), currency: 'KZT', amountMinor: 100_000n }],
      }),
    );
    await expect(posting).rejects.toSatisfy((error: unknown) => isLedgerProblem(error, 'hold-not-pending'));
  });
});

describe('the expiry of holds', () => {
  it('voids the holds no clearing came for in CARD_AUTHORISATION_HOLD_DAYS, gives the limits back, and leaves younger ones', async () => {
    const card = await typedCard(t, 1_000_000n);
    const old = await approved(card, 2 * THOUSAND);
    t.clock.advance((t.app.ctx.config.cards.authorisationHoldDays - 1) * 86_400_000);
    const young = await approved(card, 3 * THOUSAND);
    t.clock.advance(86_400_000 + 1000);
    const swept = await t.app.ctx.retention.runOnce();
    expect(swept.card_holds_expired).toBeGreaterThanOrEqual(1);
    expect(await operation(old.message)).toMatchObject({ status: 'reversed', detail: 'expired' });
    expect(await operation(young.message)).toMatchObject({ status: 'authorised', detail: 'approved' });
    expect(await availableOf(t, card)).toBe(700_000n);
    const { rows } = await t.db.query<{ spent: bigint }>('SELECT sum(spent_minor) AS spent FROM card_internet_days WHERE card_id = $1', [
      card.cardId,
    ]);
    expect(BigInt(rows[0]?.spent ?? 0n)).toBe(300_000n);
    // The expired purchase's clearing finds it released.
    expect((await answered(t, 'clearing', networkOf(t).clearing(old.message, old.code))).responseCode).toBe('12');
  });
});

describe('an advice', () => {
  it('records a stand-in approval with its hold, and a stand-in decline as declined by the network', async () => {
    const card = await typedCard(t, 1_000_000n);
    const network = networkOf(t);
    const yes = network.advice(purchaseOf(t, card, THOUSAND), '00');
    expect((await answered(t, 'advice', yes)).responseCode).toBe('00');
    expect(await operation(yes)).toMatchObject({ status: 'authorised', detail: 'approved' });
    expect(await availableOf(t, card)).toBe(900_000n);
    const no = network.advice(purchaseOf(t, card, THOUSAND), '51');
    expect((await answered(t, 'advice', no)).mti).toBe('0130');
    const { rows } = await t.db.query<{ decline_reason: string; response_code: string }>(
      'SELECT o.decline_reason, a.response_code FROM card_authorisations a JOIN operations o ON o.id = a.operation_id WHERE a.rrn = $1',
      [no.rrn],
    );
    expect(rows[0]).toEqual({ decline_reason: 'declined-by-network', response_code: '51' });
    // The stand-in approval clears like any other, with the network's DE38.
    expect((await answered(t, 'clearing', network.clearing(yes, yes.authorisationCode ?? ''))).responseCode).toBe('00');
  });
});
