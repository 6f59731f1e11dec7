/**
 * `npm run bench:startup`: how long the production server takes from process spawn to the first
 * 200 from GET /readyz, on a warm PostgreSQL database (created, migrated and started once before
 * the measured starts). Prints every start and the median. The target is under 1.5 s.
 * Beside the wall time it prints the CPU time the server used until ready (Linux /proc): on a
 * busy machine the wall time grows with the load, the CPU time much less, so it is the figure to
 * compare between runs of different days.
 *
 * DATABASE_URL names a maintenance database of the server (postgres://postgres@127.0.0.1:5432/postgres);
 * the script recreates `kassa_startup` next to it. Only 127.0.0.1 is contacted, every start is
 * bounded in time, and the script stops only the server processes it spawned.
 *
 * Environment (all optional but DATABASE_URL):
 *   STARTUP_RUNS   measured starts (5, at most 25)
 *   STARTUP_MODE   dist: node apps/server/dist/main.js, the production build (default; run
 *                  `npm run build` first); tsx: node --import tsx apps/server/src/main.ts, the
 *                  development way, for comparison
 *   STARTUP_CPU_PROF  a directory: each measured start writes a V8 CPU profile there (node --cpu-prof)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATABASE = 'kassa_startup';
const RUNS_MAX = 25;
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 5;
const PROBE_TIMEOUT_MS = 1_000;
const TARGET_MS = 1_500;
const OUTPUT_TAIL_BYTES = 4_096;
// /proc/<pid>/stat counts CPU time in USER_HZ ticks, 100 a second on every Linux the kernel exposes.
const USER_HZ = 100;

const maintenanceUrl = process.env.DATABASE_URL;
if (!maintenanceUrl) {
  console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:startup');
  process.exit(2);
}
const maintenance = new URL(maintenanceUrl);
if (maintenance.hostname !== '127.0.0.1' && maintenance.hostname !== 'localhost') {
  console.error(`DATABASE_URL must point at 127.0.0.1, got ${maintenance.hostname}`);
  process.exit(2);
}
const runs = Number(process.env.STARTUP_RUNS ?? 5);
if (!Number.isInteger(runs) || runs < 1 || runs > RUNS_MAX) {
  console.error(`STARTUP_RUNS must be an integer 1-${RUNS_MAX}`);
  process.exit(2);
}
const mode = process.env.STARTUP_MODE ?? 'dist';
const ENTRY = {
  dist: ['apps/server/dist/main.js'],
  tsx: ['--import', 'tsx', 'apps/server/src/main.ts'],
};
if (!(mode in ENTRY)) {
  console.error(`STARTUP_MODE must be one of ${Object.keys(ENTRY).join(', ')}, got "${mode}"`);
  process.exit(2);
}
if (mode === 'dist' && !existsSync(resolve(REPO_ROOT, 'apps/server/dist/main.js'))) {
  console.error('apps/server/dist/main.js is missing: run npm run build first');
  process.exit(2);
}
const cpuProfDir = process.env.STARTUP_CPU_PROF ? resolve(process.env.STARTUP_CPU_PROF) : null;
if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });

function databaseUrl(name) {
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

async function recreateDatabase() {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The settings production requires (apps/server/src/config.ts), none of them real. */
const serverEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl(DATABASE),
  HOST: '127.0.0.1',
  SECRET_KEY: randomBytes(32).toString('hex'),
  CARD_KEK: `k1:${randomBytes(32).toString('hex')}`,
  CARD_CVK: randomBytes(16).toString('hex'),
  PUBLIC_ORIGIN: 'https://mykassa.kz',
  SMS_ADAPTER: 'http',
  SMS_HTTP_URL: 'https://sms.example.invalid/send',
  DEMO_DATA: 'false',
  LOG_LEVEL: 'info',
};

async function probeReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** User + system CPU time of a process so far, or null off Linux. */
function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (running) running.kill('SIGKILL');
    process.exit(130);
  });
}

/** One start: spawn → first 200 from /readyz, and the server's CPU time by then, in milliseconds. */
async function measureStart(withProfile) {
  const port = await freePort();
  const profile = withProfile && cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  let output = '';
  const keepTail = (chunk) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_BYTES);
  };
  const startedAtMs = performance.now();
  const child = spawn(process.execPath, [...profile, ...ENTRY[mode]], {
    cwd: REPO_ROOT,
    env: { ...serverEnv, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  try {
    while (performance.now() - startedAtMs < READY_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
      if (await probeReady(port)) return { wallMs: performance.now() - startedAtMs, cpuMs: cpuTimeMs(child.pid) };
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(`the server was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
  } finally {
    await stop(child);
    running = null;
  }
}

await recreateDatabase();
// The first start applies the migrations and warms the file cache; it is not counted.
const warmup = await measureStart(false);
const starts = [];
for (let run = 1; run <= runs; run += 1) {
  const start = await measureStart(true);
  starts.push(start);
  console.log(`start ${run}/${runs}: ${Math.round(start.wallMs)} ms (CPU ${start.cpuMs ?? '?'} ms)`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
const wallsMs = starts.map((start) => start.wallMs);
const medianMs = median(wallsMs);
const cpusMs = starts.map((start) => start.cpuMs).filter((cpuMs) => cpuMs !== null);
console.log(`first start (migrations applied, not counted): ${Math.round(warmup.wallMs)} ms`);
console.log(
  `mode ${mode}: median ${Math.round(medianMs)} ms spawn → ready over ${runs} starts (min ${Math.round(Math.min(...wallsMs))}, max ${Math.round(Math.max(...wallsMs))})` +
    `${cpusMs.length ? `, CPU median ${Math.round(median(cpusMs))} ms` : ''}, load ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores; ` +
    `target < ${TARGET_MS} ms: ${medianMs < TARGET_MS ? 'met' : 'NOT met'}`,
);
if (cpuProfDir) console.log(`CPU profiles in ${cpuProfDir}`);
