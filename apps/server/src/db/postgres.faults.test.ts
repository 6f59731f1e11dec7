import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import type { Database } from './database.js';
import { isDatabaseUnavailable } from './unavailable.js';

// The shared server is never restarted: a terminated backend (what a restart does to every
// connection, 57P01) is made with pg_terminate_backend on this file's own connections.
describe.runIf(process.env.DATABASE_URL)('a PostgreSQL connection lost under a request', () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
  });
  afterAll(async () => {
    await t.drop();
  });

  async function terminateOtherBackends(): Promise<void> {
    await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  }

  it('fails the transaction in flight as unavailability, without an unhandled error event, and the next one works', async () => {
    const lost: Error[] = [];
    db.onConnectionError?.((error) => lost.push(error));
    let pid = 0;
    const failed = db
      .transaction(async (tx) => {
        pid = Number((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
        // The backend is terminated while this transaction holds its connection and waits.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.query('SELECT 1');
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await terminateOtherBackends();
    const error = await failed;
    expect(pid).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(lost.length).toBeGreaterThan(0);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
  });

  it('replaces idle pooled connections that were terminated', async () => {
    await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
    await terminateOtherBackends();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const results = await Promise.allSettled([db.query('SELECT 1'), db.query('SELECT 2'), db.query('SELECT 3')]);
    for (const result of results) {
      if (result.status === 'rejected') expect(isDatabaseUnavailable(result.reason)).toBe(true);
    }
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
  });
});
