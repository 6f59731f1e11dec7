import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.js';
import { migrate } from '../../../db/migrate.js';
import { displayNameOf } from '../merchant-display-name.js';

// Migration 0040 gives the merchants before it a DE43 name from their legal name (the same
// transliteration as displayNameOf, which names the ones after) and the default MDR.

const LEGAL_NAMES = [
  'ТОО «Алма Маркет»',
  'ТОО «Қазақ Өнімдері және Шаруашылық Серіктестігі»',
  'ИП Щукин Юрий',
  'Kaspi Shop LLP',
  '«»',
  'ТОО   Съешь    ещё',
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await migrate(database.db, { upTo: 39 });
});
afterAll(async () => {
  await database.drop();
});

describe('migration 0040', () => {
  it('backfills each merchant’s display name as displayNameOf spells it, and 150 bps', async () => {
    const { db } = database;
    const now = new Date('2026-05-01T00:00:00Z');
    await db.query(
      `INSERT INTO staff_users (id, username, display_name, role, language, password_hash, created_at, updated_at)
       VALUES ('stf_1', 'admin.one', 'Admin', 'admin', 'ru', 'x', $1, $1)`,
      [now],
    );
    for (const [index, legalName] of LEGAL_NAMES.entries()) {
      await db.query(
        `INSERT INTO merchants (id, legal_name, bin, mcc, settlement_iban, return_origins, status, test_mode_enabled, live_mode_enabled,
           created_by_staff_id, created_at, updated_at)
         VALUES ($1, $2, $3, '5411', 'KZ86125KZT5004100100', ARRAY['https://shop.kz'], 'active', true, false, 'stf_1', $4, $4)`,
        [`mch_${String(index).padStart(32, '0')}`, legalName, `25014000000${index}`, now],
      );
    }
    await migrate(db);
    const { rows } = await db.query<{ legal_name: string; display_name: string; mdr_bps: number }>(
      'SELECT legal_name, display_name, mdr_bps FROM merchants ORDER BY id',
    );
    expect(rows.map((row) => row.display_name)).toEqual(LEGAL_NAMES.map(displayNameOf));
    expect(rows.map((row) => row.display_name)).toEqual([
      'TOO ALMA MARKET',
      'TOO QAZAQ ONIMDERI ZHANE',
      'IP SHCHUKIN YURII',
      'KASPI SHOP LLP',
      'MERCHANT',
      'TOO SESH ESHCHE',
    ]);
    expect(rows.every((row) => row.mdr_bps === 150)).toBe(true);
  });
});
