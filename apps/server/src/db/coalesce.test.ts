import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import { coalescedByKey } from './coalesce.js';
import type { Queryable } from './database.js';

describe('coalescedByKey', () => {
  let test: TestDatabase;
  const statements: string[][] = [];
  // Reads schema_migrations by version: a real table, so both adapters run the real SQL.
  const readVersion = coalescedByKey(async (q: Queryable, versions: number[]) => {
    statements.push(versions.map(String));
    const { rows } = await q.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations WHERE version = ANY($1::int[])',
      [versions],
    );
    return new Map(rows.map((row) => [Number(row.version), row.name]));
  });

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });

  it('answers concurrent reads with one statement, each caller its own row', async () => {
    statements.length = 0;
    const [one, two, missing, oneAgain] = await Promise.all([
      readVersion(test.db, 1),
      readVersion(test.db, 2),
      readVersion(test.db, 999),
      readVersion(test.db, 1),
    ]);
    expect(one).toMatch(/platform/);
    expect(two).toMatch(/identity/);
    expect(missing).toBeUndefined();
    expect(oneAgain).toBe(one);
    expect(statements).toEqual([['1', '2', '999']]);
  });

  it('reads inside a transaction directly, so the transaction sees its own writes', async () => {
    statements.length = 0;
    await expect(
      test.db.transaction(async (tx) => {
        await tx.query("UPDATE schema_migrations SET name = 'renamed in tx' WHERE version = 1");
        const seen = await readVersion(tx, 1);
        throw new Error(`rollback after seeing ${seen}`);
      }),
    ).rejects.toThrow('rollback after seeing renamed in tx');
    expect(statements).toEqual([['1']]);
    expect(await readVersion(test.db, 1)).toMatch(/platform/);
  });

  it('gives every waiter of a failed statement the error, and the next reads work', async () => {
    const failing = coalescedByKey(async (q: Queryable, keys: string[]) => {
      await q.query('SELECT $1::int', [keys[0]]);
      return new Map<string, string>();
    });
    const results = await Promise.allSettled([failing(test.db, 'not a number'), failing(test.db, 'x')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await readVersion(test.db, 2)).toMatch(/identity/);
  });
});
