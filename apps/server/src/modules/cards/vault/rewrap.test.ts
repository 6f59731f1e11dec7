import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.js';
import { ConfigError } from '../../../config.js';
import { ManualClock } from '../../../shared/clock.js';
import { Keyring } from '../../../shared/keyring.js';
import { verifyAuditChain } from '../../audit/index.js';
import { createCardVault, REWRAP_BATCH_KEYS, rewrapDataKeys, type VaultId, VaultIntegrityError, verifyCardKek } from './index.js';
import { testPans } from './vault.fixtures.js';

/**
 * CARD_KEK rotation (npm run cards:rotate-key): the data keys move to the new key, every PAN stays
 * readable, a second run does nothing, and a CARD_KEK that lost a key is refused by name.
 */
const OLD_HEX = 'c1'.repeat(32);
const NEW_HEX = 'd2'.repeat(32);
const OLD_ONLY = Keyring.parse(`k1:${OLD_HEX}`);
const NEW_FIRST = Keyring.parse(`k2:${NEW_HEX},k1:${OLD_HEX}`);
const NEW_ONLY = Keyring.parse(`k2:${NEW_HEX}`);

let t: TestDatabase;
const clock = new ManualClock(Date.parse('2026-06-01T09:00:00Z'));
const stored = new Map<VaultId, string>();

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function kekIds(): Promise<string[]> {
  const { rows } = await t.db.query<{ kek_id: string }>('SELECT DISTINCT kek_id FROM card_vault_data_keys ORDER BY kek_id');
  return rows.map((row) => row.kek_id);
}

async function storeWith(kek: Keyring, count: number, pansPerDataKeyMax = 2): Promise<void> {
  const vault = createCardVault({ kek, clock, rotation: { pansPerDataKeyMax, dataKeyAgeDaysMax: 30 } });
  for (const pan of testPans(count)) {
    const result = await t.db.transaction((tx) => vault.storePan(tx, pan));
    if (result.outcome === 'stored') stored.set(result.vaultId, pan);
  }
}

async function everyPanReadableWith(kek: Keyring): Promise<void> {
  const vault = createCardVault({ kek, clock });
  for (const [vaultId, pan] of stored) {
    expect(await vault.withPan(t.db, vaultId, (plain) => plain)).toBe(pan);
    expect(await vault.findByPan(t.db, pan)).toBe(vaultId);
  }
}

describe('CARD_KEK rotation', () => {
  it('re-wraps every data key under the new key, keeps every PAN readable, and does nothing the second time', async () => {
    await storeWith(OLD_ONLY, 9);
    expect(await kekIds()).toEqual(['k1']);
    // While the servers move to the new key: new data keys under k2, the old ones still under k1.
    clock.advance(31 * 86_400_000);
    await storeWith(NEW_FIRST, 3);
    expect(await kekIds()).toEqual(['k1', 'k2']);
    await everyPanReadableWith(NEW_FIRST);
    const { rows: wrappedBefore } = await t.db.query<{ id: string; kek_id: string; wrapped_key: Uint8Array }>(
      'SELECT id, kek_id, wrapped_key FROM card_vault_data_keys ORDER BY id',
    );

    const report = await rewrapDataKeys(t.db, NEW_FIRST, clock.now());
    expect(report.rewrapped).toBe(report.before.dataKeysByKek.k1);
    expect(report.after.dataKeysByKek).toEqual({ k2: (report.before.dataKeysByKek.k1 ?? 0) + (report.before.dataKeysByKek.k2 ?? 0) });
    expect(report.after.pans).toBe(stored.size);
    expect(await kekIds()).toEqual(['k2']);
    // The wrapping changed; the PAN rows did not (no PAN was decrypted or rewritten).
    const { rows: wrappedAfter } = await t.db.query<{ id: string; wrapped_key: Uint8Array }>(
      'SELECT id, wrapped_key FROM card_vault_data_keys ORDER BY id',
    );
    for (const [index, row] of wrappedAfter.entries()) {
      const before = wrappedBefore[index];
      const same = Buffer.from(row.wrapped_key).equals(Buffer.from(before?.wrapped_key ?? []));
      // Keys already under k2 are left as they were; those under k1 are wrapped anew.
      expect(same, `${row.id} was under ${before?.kek_id}`).toBe(before?.kek_id === 'k2');
    }
    await everyPanReadableWith(NEW_ONLY);
    await verifyCardKek(t.db, NEW_ONLY);
    expect((await rewrapDataKeys(t.db, NEW_FIRST, clock.now())).rewrapped).toBe(0);
    const audited = await t.db.query<{ details: { what: string; keyId: string; fromKeyIds: string[] } }>(
      "SELECT details FROM audit_events WHERE event = 'keys.rewritten' ORDER BY seq",
    );
    expect(audited.rows.map((row) => row.details)).toEqual([
      expect.objectContaining({ what: 'card_vault_data_keys.wrapped_key', keyId: 'k2', fromKeyIds: ['k1'] }),
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('re-wraps in batches beyond one batch', async () => {
    const many = Keyring.parse(`k3:${'e3'.repeat(32)},k2:${NEW_HEX}`);
    await storeWith(NEW_ONLY, 2 * REWRAP_BATCH_KEYS + 2, 1);
    const report = await rewrapDataKeys(t.db, many, clock.now());
    expect(report.rewrapped).toBe(report.before.dataKeysByKek.k2);
    expect(report.rewrapped).toBeGreaterThan(2 * REWRAP_BATCH_KEYS);
    expect(await kekIds()).toEqual(['k3']);
    await everyPanReadableWith(Keyring.parse(`k3:${'e3'.repeat(32)}`));
  });

  it('refuses a CARD_KEK without the key the data keys are wrapped under, or with another key under its id', async () => {
    await expect(verifyCardKek(t.db, NEW_ONLY)).rejects.toThrowError(ConfigError);
    await expect(verifyCardKek(t.db, NEW_ONLY)).rejects.toThrowError(
      /CARD_KEK: data keys are wrapped under CARD_KEK key k3, which CARD_KEK does not hold/,
    );
    const replaced = Keyring.parse(`k3:${'f4'.repeat(32)}`);
    await expect(verifyCardKek(t.db, replaced)).rejects.toThrowError(/the key CARD_KEK holds as k3 does not unwrap/);
    await expect(rewrapDataKeys(t.db, Keyring.parse(`k4:${'a5'.repeat(32)},k2:${NEW_HEX}`), clock.now())).rejects.toThrowError(
      VaultIntegrityError,
    );
    // Nothing was re-wrapped by the failed run: the batch rolled back.
    expect(await kekIds()).toEqual(['k3']);
  });
});
