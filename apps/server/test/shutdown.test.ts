import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PgliteDatabase } from '../src/db/pglite.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const REQUESTS_MAX = 400;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    const ok = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

it('exits 0 within 10 s on SIGTERM under load, and every acknowledged request kept its outbox message', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kassa-shutdown-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      CODES_PER_IP_PER_HOUR_MAX: '100000',
      // 400 registrations from one address: past the general per-IP limit (http/rate-limit.ts).
      RATE_LIMIT_REGISTRATION_PER_IP_PER_HOUR_MAX: '100000',
      WORKER_POLL_MS: '20',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<{ code: number | null; atMs: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, atMs: Date.now() })),
  );
  try {
    await waitReady(url, Date.now() + 60_000);
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    // Eight clients in a loop, each starting registrations (each writes an outbox SMS).
    const clients = Array.from({ length: 8 }, async (_, client) => {
      while (!stop && sent < REQUESTS_MAX) {
        sent += 1;
        const phone = `+7702${String(client)}${String(sent).padStart(6, '0')}`;
        const response = await fetch(`${url}/api/v1/registration`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone }),
        }).catch(() => null);
        if (response?.status === 201) acknowledged.push(phone);
        else if (response === null) return;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const signalledAtMs = Date.now();
    child.kill('SIGTERM');
    const exit = await exited;
    stop = true;
    await Promise.all(clients);
    expect(exit.code, stderr).toBe(0);
    expect(exit.atMs - signalledAtMs).toBeLessThan(10_000);
    expect(acknowledged.length).toBeGreaterThan(10);

    const db = await PgliteDatabase.open({ dataDir });
    try {
      const { rows } = await db.query<{ phone: string }>("SELECT payload->>'to' AS phone FROM outbox_messages");
      const queued = new Set(rows.map((row) => row.phone));
      const lost = acknowledged.filter((phone) => !queued.has(phone));
      expect(lost).toEqual([]);
    } finally {
      await db.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90_000);
