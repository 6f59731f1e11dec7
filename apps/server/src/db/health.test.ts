import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { DatabaseHealth } from './health.js';
import { loadMigrations } from './migrate.js';
import { DatabaseUnavailableError } from './unavailable.js';

/** A database that answers the readiness check with every migration applied, or is away. */
async function fakeDatabase(): Promise<{ db: Database; setAway: (away: boolean) => void }> {
  const rows = (await loadMigrations()).map((migration) => ({ version: migration.version }));
  let away = false;
  const unsupported = () => Promise.reject(new Error('not used by the readiness check'));
  const db: Database = {
    kind: 'postgres',
    query: async <Row>() => {
      if (away) throw new DatabaseUnavailableError('away');
      return { rows: rows as Row[], rowCount: rows.length };
    },
    exec: unsupported,
    transaction: unsupported,
    poolStats: () => ({ total: 0, idle: 0, waiting: 0 }),
    close: async () => {},
  };
  return { db, setAway: (value) => (away = value) };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<number> {
  const startedAtMs = performance.now();
  while (!condition()) {
    if (performance.now() - startedAtMs > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - startedAtMs;
}

describe('readiness after a request reported the database away', () => {
  it('looks again at the recovery cadence, not after the rest of the ready interval', async () => {
    const { db, setAway } = await fakeDatabase();
    const intervalMs = 2000;
    const health = new DatabaseHealth(db, pino({ level: 'silent' }), { intervalMs, timeoutMs: 1000 });
    await health.start();
    try {
      expect(health.ready).toBe(true);
      setAway(true);
      health.reportUnavailable();
      expect(health.snapshot().reason).toBe('database-unreachable');
      // The check the report started fails; the database is back right after it.
      await health.checkNow();
      setAway(false);
      // Checks come every intervalMs / 10 while not ready: back well before the ready interval.
      const backAfterMs = await waitUntil(() => health.ready, intervalMs);
      expect(backAfterMs).toBeLessThan(intervalMs / 2);
    } finally {
      health.stop();
    }
  });
});
