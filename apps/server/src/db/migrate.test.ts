import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.js';
import { loadMigrations, migrate, migrationsCurrent } from './migrate.js';

describe('migrations', () => {
  it('applies nothing twice and reports the database current', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      expect(await migrationsCurrent(db)).toBe(true);
      const [again, concurrently] = await Promise.all([migrate(db), migrate(db)]);
      expect(again.applied).toEqual([]);
      expect(concurrently.applied).toEqual([]);
      const { rows } = await db.query<{ count: bigint }>('SELECT count(*) AS count FROM schema_migrations');
      expect(Number(rows[0]?.count)).toBe((await loadMigrations()).length);
    } finally {
      await drop();
    }
  });

  it('refuses an applied migration whose file changed', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      await db.query("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");
      await expect(migrate(db)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await drop();
    }
  });

  it('returns int8 as bigint on both adapters', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      const { rows } = await db.query<{ big: bigint }>('SELECT 9007199254740993::bigint AS big, 5::bigint AS small');
      expect(rows[0]?.big).toBe(9007199254740993n);
      expect((rows[0] as unknown as { small: bigint }).small).toBe(5n);
    } finally {
      await drop();
    }
  });
});
