import type { Queryable } from '../src/db/database.js';

/**
 * Searches every text, varchar and json(b) column of every table for a value (SECURITY.md 35:
 * "no live secret at rest" is checked against the whole database, not the tables one expects).
 * Returns `table.column` for each column that holds it.
 *
 * `number` finds digits standing alone (a 6-digit code, not the same digits inside a phone number,
 * an IIN or a hex hash); `substring` finds the exact text anywhere.
 */
export async function columnsHolding(db: Queryable, value: string, mode: 'number' | 'substring'): Promise<string[]> {
  if (mode === 'number' && !/^\d+$/.test(value)) throw new Error(`not a number: ${value}`);
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
     ORDER BY c.table_name, c.column_name`,
  );
  if (columns.length === 0) throw new Error('found no text columns to search');
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const condition = mode === 'number' ? `"${column}"::text ~ $1` : `strpos("${column}"::text, $1) > 0`;
    const needle = mode === 'number' ? `(^|[^0-9A-Za-z])${value}($|[^0-9A-Za-z])` : value;
    const { rows } = await db.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${table}" WHERE ${condition}) AS found`, [needle]);
    if (rows[0]?.found) hits.push(`${table}.${column}`);
  }
  return hits;
}
