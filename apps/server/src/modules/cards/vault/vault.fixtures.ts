import { randomInt } from 'node:crypto';
import type { Queryable } from '../../../db/database.js';
import { generatePan, type PanRange } from '../card-numbers.js';

/** Test helpers of the vault (tests only): numbers to store, and a dump of its tables. */

/** A BIN of its own per call, so the PANs of one test never meet another's. */
export function testPanRange(): PanRange {
  const bin = `9${String(randomInt(100_000)).padStart(5, '0')}`;
  return { bin, panLength: 16, accountMin: 0, accountMax: 999_999_999 };
}

export function testPans(count: number): string[] {
  const range = testPanRange();
  const pans = new Set<string>();
  while (pans.size < count) pans.add(generatePan(range));
  return [...pans];
}

/** Every row of the vault's tables, each as PostgreSQL prints the row (bytea as \x hex). */
export async function vaultTableDump(q: Queryable): Promise<string[]> {
  const dump: string[] = [];
  for (const table of ['card_vault_data_keys', 'card_vault_pans']) {
    const { rows } = await q.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
    dump.push(...rows.map((row) => `${table} ${row.row}`));
  }
  return dump;
}
