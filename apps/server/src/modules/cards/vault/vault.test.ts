import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.js';
import { columnsHolding } from '../../../../test/text-search.js';
import { ManualClock } from '../../../shared/clock.js';
import { Keyring } from '../../../shared/keyring.js';
import { isLuhnValid } from '../card-numbers.js';
import { createCardVault, isVaultId, type VaultId, VaultIntegrityError } from './index.js';
import { testPans, vaultTableDump } from './vault.fixtures.js';

/**
 * The vault's API (issue 14 item 2; SECURITY.md 19): what goes in comes out only through withPan,
 * a PAN is kept once, and the stored rows neither show a PAN nor open anywhere but in their own row.
 */
const KEK = Keyring.parse(`k1:${'a7'.repeat(32)}`);

let t: TestDatabase;
const clock = new ManualClock(Date.parse('2026-06-01T09:00:00Z'));
const vault = createCardVault({ kek: KEK, clock });
const stored: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function store(pan: string): Promise<VaultId> {
  const result = await t.db.transaction((tx) => vault.storePan(tx, pan));
  if (result.outcome !== 'stored') throw new Error('expected the PAN to be stored');
  stored.push(pan);
  return result.vaultId;
}

describe('card vault', () => {
  it('finds nothing before the first PAN, and makes no key for a look-up', async () => {
    const [pan = ''] = testPans(1);
    expect(await vault.findByPan(t.db, pan)).toBeNull();
    const { rows } = await t.db.query<{ count: bigint }>('SELECT count(*) AS count FROM card_vault_data_keys');
    expect(Number(rows[0]?.count)).toBe(0);
  });

  it('stores a PAN, finds it by number, hands it out only to withPan, and shows it masked', async () => {
    const [pan = ''] = testPans(1);
    const result = await t.db.transaction((tx) => vault.storePan(tx, pan));
    expect(result).toMatchObject({ outcome: 'stored', first6: pan.slice(0, 6), last4: pan.slice(-4) });
    if (result.outcome !== 'stored') return;
    stored.push(pan);
    expect(isVaultId(result.vaultId)).toBe(true);
    expect(await vault.findByPan(t.db, pan)).toBe(result.vaultId);
    expect(await vault.withPan(t.db, result.vaultId, (plain) => plain)).toBe(pan);
    expect(await vault.withPan(t.db, result.vaultId, async (plain) => isLuhnValid(plain))).toBe(true);
    expect(await vault.maskedOf(t.db, result.vaultId)).toBe(`${pan.slice(0, 6)}••••••${pan.slice(-4)}`);
  });

  it('refuses a PAN it holds already, also when two transactions store it at once', async () => {
    const [pan = ''] = testPans(1);
    const first = await store(pan);
    expect(await t.db.transaction((tx) => vault.storePan(tx, pan))).toEqual({ outcome: 'duplicate' });
    const [racing = ''] = testPans(1);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.db.transaction((tx) => vault.storePan(tx, racing))));
    expect(results.filter((result) => result.outcome === 'stored')).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'duplicate')).toHaveLength(5);
    stored.push(racing);
    expect(await vault.findByPan(t.db, pan)).toBe(first);
  });

  it('answers null for numbers it does not hold or that are no PAN, and refuses to store a non-PAN', async () => {
    await store(testPans(1)[0] ?? '');
    const [unknown = ''] = testPans(1);
    expect(await vault.findByPan(t.db, unknown)).toBeNull();
    for (const junk of ['', '1234', '4111 1111 1111 1111', `${unknown}0000`, "1' OR '1'='1"]) {
      expect(await vault.findByPan(t.db, junk), junk).toBeNull();
    }
    const notLuhn = `${unknown.slice(0, -1)}${(Number(unknown.slice(-1)) + 1) % 10}`;
    await expect(t.db.transaction((tx) => vault.storePan(tx, notLuhn))).rejects.toThrowError(/Luhn/);
    await expect(t.db.transaction((tx) => vault.storePan(tx, notLuhn))).rejects.not.toThrowError(notLuhn);
    expect(await vault.maskedOf(t.db, 'vlt_00000000000000000000000000000000')).toBeNull();
    await expect(vault.withPan(t.db, 'vlt_00000000000000000000000000000000', (plain) => plain)).rejects.toThrowError(/holds no PAN/);
  });

  it('fails to decrypt a tampered ciphertext, a ciphertext moved to another vault id, and a tampered data key', async () => {
    const [panA = '', panB = ''] = testPans(2);
    const a = await store(panA);
    const b = await store(panB);
    await t.db.query('UPDATE card_vault_pans SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE id = $1', [a]);
    await expect(vault.withPan(t.db, a, (plain) => plain)).rejects.toThrowError(VaultIntegrityError);
    // B's row with B's own sealed PAN, under the vault id of another row: the AAD names B's id.
    await t.db.query(
      `UPDATE card_vault_pans AS target SET iv = source.iv, ciphertext = source.ciphertext, tag = source.tag, data_key_id = source.data_key_id
       FROM card_vault_pans AS source WHERE target.id = $1 AND source.id = $2`,
      [a, b],
    );
    await expect(vault.withPan(t.db, a, (plain) => plain)).rejects.toThrowError(/PAN vlt_\w+ does not decrypt/);
    expect(await vault.withPan(t.db, b, (plain) => plain)).toBe(panB);
    // The look-up key altered: no HMAC can be made, so neither a look-up nor a store goes through.
    const lookupKeyId = (await t.db.query<{ id: string }>("SELECT id FROM card_vault_data_keys WHERE purpose = 'pan-lookup'")).rows[0]?.id;
    await t.db.query('UPDATE card_vault_data_keys SET wrap_tag = set_byte(wrap_tag, 3, get_byte(wrap_tag, 3) # 128) WHERE id = $1', [
      lookupKeyId,
    ]);
    await expect(vault.findByPan(t.db, panB)).rejects.toThrowError(/data key vdk_\w+ .*does not decrypt/);
    await t.db.query('UPDATE card_vault_data_keys SET wrap_tag = set_byte(wrap_tag, 3, get_byte(wrap_tag, 3) # 128) WHERE id = $1', [
      lookupKeyId,
    ]);
    expect(await vault.findByPan(t.db, panB)).toBe(b);
    // A key of a CARD_KEK that is not the one that wrapped them opens nothing.
    const stranger = createCardVault({ kek: Keyring.parse(`k1:${'b8'.repeat(32)}`), clock });
    await expect(stranger.withPan(t.db, b, (plain) => plain)).rejects.toThrowError(VaultIntegrityError);
    await t.db.query('DELETE FROM card_vault_pans WHERE id = $1', [a]);
    stored.splice(stored.indexOf(panA), 1);
  });

  it('makes a new data key after the set number of PANs and after the set days, and still reads every PAN', async () => {
    const rotating = createCardVault({ kek: KEK, clock, rotation: { pansPerDataKeyMax: 3, dataKeyAgeDaysMax: 30 } });
    const keysBefore = await dataKeyIds();
    const pans = testPans(7);
    const ids: VaultId[] = [];
    for (const pan of pans) {
      const result = await t.db.transaction((tx) => rotating.storePan(tx, pan));
      if (result.outcome === 'stored') ids.push(result.vaultId);
      stored.push(pan);
    }
    const afterCount = await dataKeyIds();
    // The key in use before was past 3 PANs already: 7 PANs take three keys of their own.
    expect(afterCount.length - keysBefore.length).toBe(3);
    clock.advance(31 * 86_400_000);
    const [late = ''] = testPans(1);
    const lateResult = await t.db.transaction((tx) => rotating.storePan(tx, late));
    stored.push(late);
    expect((await dataKeyIds()).length).toBe(afterCount.length + 1);
    for (const [index, id] of ids.entries()) expect(await vault.withPan(t.db, id, (plain) => plain)).toBe(pans[index]);
    if (lateResult.outcome === 'stored') expect(await vault.withPan(t.db, lateResult.vaultId, (plain) => plain)).toBe(late);
    const { rows } = await t.db.query<{ current: bigint; lookup: bigint }>(
      `SELECT count(*) FILTER (WHERE retired_at IS NULL AND purpose = 'pan-encryption') AS current,
              count(*) FILTER (WHERE purpose = 'pan-lookup') AS lookup FROM card_vault_data_keys`,
    );
    expect(rows[0]).toEqual({ current: 1n, lookup: 1n });
    const audited = await t.db.query<{ count: bigint }>(
      "SELECT count(*) AS count FROM audit_events WHERE event = 'card_vault.data_key_created'",
    );
    // One audited creation per data key: the PAN encryption keys and the one look-up key.
    expect(Number(audited.rows[0]?.count)).toBe((await dataKeyIds()).length + 1);
  });

  it('keeps no PAN in any column: not in the vault tables (bytea too), nowhere else, and no CVC column anywhere', async () => {
    expect(stored.length).toBeGreaterThan(10);
    const dump = (await vaultTableDump(t.db)).join('\n');
    for (const pan of stored) {
      expect(dump.includes(pan), 'the PAN digits').toBe(false);
      expect(dump.includes(Buffer.from(pan, 'ascii').toString('hex')), 'the PAN as ASCII bytes').toBe(false);
      expect(await columnsHolding(t.db, pan, 'substring')).toEqual([]);
    }
    // No number of 13 to 19 digits standing alone that passes the Luhn check, in any row of the vault
    // (digit runs inside hex, a bytea's or an id's, are random and pass it one time in ten).
    for (const run of dump.match(/(?<![0-9a-fA-F])\d{13,19}(?![0-9a-fA-F])/g) ?? []) expect(isLuhnValid(run), run).toBe(false);
    const { rows } = await t.db.query<{ column_name: string }>(
      `SELECT table_name || '.' || column_name AS column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND (column_name ~* 'cvc|cvv|cvn|card_?verification' OR column_name ~* '(^|_)pan$')`,
    );
    expect(rows).toEqual([]);
  });
});

async function dataKeyIds(): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    "SELECT id FROM card_vault_data_keys WHERE purpose = 'pan-encryption' ORDER BY created_at",
  );
  return rows.map((row) => row.id);
}
