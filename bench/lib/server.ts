import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalOnExit } from '../../apps/server/test/crash/exit-cleanup.js';
import { freePort } from '../../apps/server/test/crash/ports.js';
import { HttpClient, sleep } from './http-client.js';

/** The server under test, as a child process on a free port of 127.0.0.1, stopped by its pid. */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_READY_TIMEOUT_MS = 60_000;
const SERVER_READY_POLL_MS = 200;
const SERVER_STOP_TIMEOUT_MS = 20_000;
/** Far above what any phase sends to other people, so a long phone phase measures transfers, not declines. */
const TRANSFER_LIMIT_BENCH_MINOR = String(Number.MAX_SAFE_INTEGER);

export interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Keep-alive client with BENCH_CONCURRENCY sockets, closed when the server stops. */
  http: HttpClient;
  /** Until stopServer, a bench that exits early sends the server SIGTERM by its pid. */
  forgetOnExit: () => void;
}

/**
 * `databaseEnv` is either DATABASE_URL (PostgreSQL) or DATA_DIR (the embedded PGlite); a
 * DATABASE_URL of the bench's own environment is never passed on, so the embedded mode is
 * really embedded.
 */
export async function startServer(databaseEnv: Record<string, string>, socketsMax: number): Promise<Server> {
  const port = await freePort();
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the server there (node --cpu-prof) when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)] : [];
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...inherited,
      ...databaseEnv,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '/nonexistent',
      CODES_PER_IP_PER_HOUR_MAX: '100000',
      CODES_PER_PHONE_PER_HOUR_MAX: '1000',
      // Every customer comes from this one address: the general per-IP limits would stop the set-up.
      RATE_LIMIT_REGISTRATION_PER_IP_PER_HOUR_MAX: '100000',
      RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX: '100000',
      RATE_LIMIT_CODES_PER_IP_PER_MINUTE_MAX: '100000',
      RATE_LIMIT_ACCOUNT_OPENING_PER_IP_PER_DAY_MAX: '100000',
      // The hot-account phase opens up to 90 accounts for one customer (BENCH_HOT_SOURCES).
      RATE_LIMIT_ACCOUNT_OPENING_PER_CUSTOMER_PER_DAY_MAX: '1000',
      // The phone phase sends to other people, which the day and month limits count; the check
      // still runs on every transfer, only its ceiling is out of reach.
      TRANSFER_MAX_PER_DAY_MINOR: TRANSFER_LIMIT_BENCH_MINOR,
      TRANSFER_MAX_PER_MONTH_MINOR: TRANSFER_LIMIT_BENCH_MINOR,
      // A limit may not be above the ceiling a staff raise may reach (config.ts refuses to start).
      TRANSFER_LIMIT_RAISE_CEILING_PER_DAY_MINOR: TRANSFER_LIMIT_BENCH_MINOR,
      TRANSFER_LIMIT_RAISE_CEILING_PER_MONTH_MINOR: TRANSFER_LIMIT_BENCH_MINOR,
    },
  });
  if (!child.pid) throw new Error('the server did not start');
  const server: Server = {
    child,
    pid: child.pid,
    port,
    http: new HttpClient(port, socketsMax),
    forgetOnExit: signalOnExit(child.pid, 'SIGTERM'),
  };
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      server.http.close();
      server.forgetOnExit();
      throw new Error(`the server exited with ${child.exitCode}`);
    }
    const ready = await server.http.request('GET', '/readyz').catch(() => null);
    if (ready?.status === 200) return server;
    await sleep(SERVER_READY_POLL_MS);
  }
  await stopServer(server);
  throw new Error('the server was not ready in time');
}

/** SIGTERM by pid (the server drains and exits), SIGKILL if it has not exited in time. */
export async function stopServer(server: Server): Promise<void> {
  server.http.close();
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    server.forgetOnExit();
    return;
  }
  const exited = new Promise<void>((resolvePromise) => server.child.once('exit', () => resolvePromise()));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (server.child.exitCode === null) process.kill(server.pid, 'SIGKILL');
  }, SERVER_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  server.forgetOnExit();
}
