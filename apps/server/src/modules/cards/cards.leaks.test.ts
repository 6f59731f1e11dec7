import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestApp, testConfig } from '../../../test/harness.js';
import { asciiHex, dumpAllTables, luhnValidRuns } from '../../../test/table-dump.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../../shared/clock.js';
import { chargeCardUse, findCardByPan, markSingleUseSpent } from './card-use.js';
import { cardCall, cardOwner, issueCard, lastCode } from './cards.fixtures.js';

/**
 * Issue 14, "tests that must exist": after a run through every card route at the most talkative
 * log level (issuing, the reveal of the details, limits with and without a code, switches, freeze,
 * close, the engine's look-up by PAN and its charges), no plaintext PAN is in any table, any
 * column (as text or as bytes), the captured log, or any answer but the reveal's; and no
 * Luhn-valid card-number run is anywhere either. The CVC2 is in no column.
 */

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, callback) {
    lines.push(String(chunk));
    callback();
  },
});

let t: TestApp;
beforeAll(async () => {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const app = await buildApp(testConfig({ LOG_LEVEL: 'trace' }), { db: database.db, clock, logDestination: logStream });
  await app.ready();
  t = {
    app,
    db: database.db,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
});
afterAll(async () => {
  await t.close();
});

it('keeps every PAN it issued out of the database, the log and the answers, and leaves no card number anywhere', async () => {
  const pans = new Set<string>();
  const answers: string[] = [];
  for (let round = 0; round < 3; round += 1) {
    const owner = await cardOwner(t);
    const card = await issueCard(t, owner);
    const single = await issueCard(t, owner, 'single_use');
    answers.push(JSON.stringify(card), JSON.stringify(single));
    for (const id of [card.id, single.id]) {
      const started = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${id}/reveal`);
      const shown = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${id}/reveal/confirm`, {
        challengeId: started.json().confirmation.challengeId,
        code: await lastCode(t, owner.who),
      });
      expect(shown.statusCode).toBe(200);
      pans.add(shown.json().pan);
    }
    const raise = await cardCall(t, owner.who, 'PUT', `/api/v1/cards/${card.id}/limits`, {
      perOperationMinor: 30_000_000,
      perDayMinor: 60_000_000,
      perMonthMinor: 200_000_000,
    });
    const raised = await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/limits/confirm`, {
      challengeId: raise.json().confirmation.challengeId,
      code: await lastCode(t, owner.who),
    });
    answers.push(raise.body, raised.body);
    answers.push((await cardCall(t, owner.who, 'PATCH', `/api/v1/cards/${card.id}/controls`, { internetEnabled: false })).body);
    answers.push((await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/freeze`)).body);
    answers.push((await cardCall(t, owner.who, 'GET', '/api/v1/cards')).body);
    // The engine's side: a PAN from the network, found through the vault's HMAC, charged.
    for (const pan of pans) {
      const found = await findCardByPan(t.db, t.app.ctx, pan);
      expect(found).not.toBeNull();
      if (found?.kind === 'single_use' && found.status === 'active') {
        await t.db.transaction(async (tx) => {
          const charged = await chargeCardUse(tx, t.app.ctx, {
            cardId: found.cardId,
            channel: 'internet',
            amountMinor: 1_000n,
            now: t.clock.now(),
          });
          if (charged.ok) await markSingleUseSpent(tx, found.cardId, t.clock.now());
        });
      }
    }
    answers.push((await cardCall(t, owner.who, 'POST', `/api/v1/cards/${card.id}/close`)).body);
  }
  expect(pans.size).toBe(6);
  await t.app.ctx.worker.drain();

  const dump = (await dumpAllTables(t.db)).join('\n');
  const log = lines.join('');
  expect(log.length).toBeGreaterThan(1000);
  for (const pan of pans) {
    expect(dump.includes(pan), 'a PAN in the tables').toBe(false);
    expect(dump.includes(asciiHex(pan)), 'a PAN’s bytes in the tables').toBe(false);
    expect(log.includes(pan), 'a PAN in the log').toBe(false);
    for (const answer of answers) expect(answer.includes(pan), 'a PAN in an answer').toBe(false);
  }
  // The search finds a card number where there is one (so an empty answer below means something).
  const [somePan = ''] = pans;
  expect(luhnValidRuns(`{"pan":"${somePan}"}`)).toEqual([somePan]);
  expect(luhnValidRuns(dump)).toEqual([]);
  expect(luhnValidRuns(log)).toEqual([]);
  const { rows } = await t.db.query<{ column: string }>(
    `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name ~* '(cvc|cvv|cvn|card_?verification|(^|_)pan$)'`,
  );
  expect(rows).toEqual([]);
});
