import type { Queryable } from '../../../db/database.js';
import { purgeBatch } from '../../../db/purge.js';

/** All SQL of the vault's held cards (migration 0044): card_vault_held_cards. */

export async function insertHeldCard(q: Queryable, row: { id: string; sealed: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await q.query('INSERT INTO card_vault_held_cards (id, sealed, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    row.id,
    row.sealed,
    row.createdAt,
    row.expiresAt,
  ]);
}

/** The sealed card, while it has not expired. */
export async function selectHeldCard(q: Queryable, id: string, now: Date): Promise<string | null> {
  const { rows } = await q.query<{ sealed: string }>('SELECT sealed FROM card_vault_held_cards WHERE id = $1 AND expires_at > $2', [
    id,
    now,
  ]);
  return rows[0]?.sealed ?? null;
}

export async function deleteHeldCard(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM card_vault_held_cards WHERE id = $1', [id]);
}

export function purgeHeldCards(q: Queryable, now: Date): Promise<number> {
  return purgeBatch(q, { table: 'card_vault_held_cards', key: 'id', expired: 'expires_at <= $1' }, now);
}
