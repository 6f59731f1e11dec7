import type { Queryable } from '../src/db/database.js';

/**
 * Every row of every table of the database as text, one line per row (`table: {json}`), for tests
 * that prove a secret is stored nowhere (SECURITY.md 18-20, 35): a PAN, a CVC2, a code. Unlike
 * columnsHolding (text-search.ts) it reads every column whatever its type, numbers and bytea too
 * (bytea as \x hex, so a search for a value's hex finds raw bytes as well).
 */
export async function dumpAllTables(db: Queryable): Promise<string[]> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  if (tables.length === 0) throw new Error('found no tables to dump');
  const lines: string[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await db.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM "${table}" t`);
    for (const row of rows) lines.push(`${table}: ${row.line}`);
  }
  return lines;
}

/** The hex of a text's ASCII bytes, as a bytea column holding it would print. */
export function asciiHex(text: string): string {
  return Buffer.from(text, 'ascii').toString('hex');
}

/** Runs of 16 to 19 digits standing alone (no digit or letter either side) that pass the Luhn check: card numbers, wherever they came from. */
export function luhnValidRuns(text: string): string[] {
  // Not the fraction of a decimal number (a log's responseTime 1.6703999999993606).
  const runs = text.match(/(?<![0-9A-Za-z]|\d\.)\d{16,19}(?![0-9A-Za-z])/g) ?? [];
  return runs.filter((run) => {
    let sum = 0;
    for (let index = 0; index < run.length; index += 1) {
      let digit = run.charCodeAt(run.length - 1 - index) - 48;
      if (index % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return sum % 10 === 0;
  });
}
